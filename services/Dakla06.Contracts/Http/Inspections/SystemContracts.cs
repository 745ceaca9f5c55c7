namespace Dakla06.Contracts.Http.Inspections;

/// <summary>An information system with its current connection readiness.</summary>
public sealed record SystemDto(
    Guid Id,
    string Name,
    string Kind,
    int SecurityLevel,
    string OwnerUnitCode,
    string OwnerUnitName,
    bool Cleared,
    string ReadinessReason,
    string ReadinessKind,
    DateTimeOffset ReadinessChangedAt,
    DateOnly? LastInspectedOn,
    string CreatedBy,
    DateTimeOffset CreatedAt);

/// <summary>One row of a system's readiness history: the initial state, then every change of <c>cleared</c> or of the deciding condition (<c>kind</c>).</summary>
public sealed record ReadinessChangeDto(bool Cleared, string Reason, string Kind, DateTimeOffset At, DateOnly EffectiveOn);

/// <summary>A system with its readiness history and inspections (conclusions only for inspectors and leaders in scope).</summary>
public sealed record SystemDetailDto(
    Guid Id,
    string Name,
    string Kind,
    int SecurityLevel,
    string OwnerUnitCode,
    string OwnerUnitName,
    bool Cleared,
    string ReadinessReason,
    string ReadinessKind,
    DateTimeOffset ReadinessChangedAt,
    DateOnly? LastInspectedOn,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ReadinessChangeDto> ReadinessHistory,
    IReadOnlyList<InspectionSummaryDto> Inspections);

/// <summary>Body of <c>POST /systems</c>; everything optional so that validation names what is missing.</summary>
public sealed record CreateSystemRequest(string? Name, string? OwnerUnitCode, string? Kind, int? SecurityLevel);

/// <summary>Filters of <c>GET /systems</c>: text in the name, owner unit and the units below it, readiness.</summary>
public sealed record SystemQuery(string? Q = null, string? Unit = null, bool? Cleared = null);
