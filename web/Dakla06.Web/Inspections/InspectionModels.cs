namespace Dakla06.Web.Inspections.LegacyModels;

// Copies of the inspections API's DTOs (services/Inspections/Api); the web app does not reference the service.

/// <summary>A registered information system with its current connection readiness.</summary>
public sealed record SystemDto(
    Guid Id,
    string Name,
    string Kind,
    int SecurityLevel,
    string OwnerUnitCode,
    string? OwnerUnitName,
    bool Cleared,
    string? ReadinessReason,
    string? ReadinessKind,
    DateTimeOffset? ReadinessChangedAt,
    DateOnly? LastInspectedOn,
    string? CreatedBy,
    DateTimeOffset? CreatedAt);

/// <summary><c>GET /api/inspections/systems/{id}</c>.</summary>
public sealed record SystemDetailDto(
    Guid Id,
    string Name,
    string Kind,
    int SecurityLevel,
    string OwnerUnitCode,
    string? OwnerUnitName,
    bool Cleared,
    string? ReadinessReason,
    string? ReadinessKind,
    DateTimeOffset? ReadinessChangedAt,
    DateOnly? LastInspectedOn,
    string? CreatedBy,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<ReadinessChangeDto>? ReadinessHistory,
    IReadOnlyList<InspectionSummaryDto>? Inspections);

/// <summary>One row of a system's readiness history: the state it moved to, why and when.</summary>
public sealed record ReadinessChangeDto(bool Cleared, string? Reason, string? Kind, DateTimeOffset At, DateOnly? EffectiveOn);

public sealed record DeviceDto(
    Guid Id,
    string AssetTag,
    string UnitCode,
    string? UnitName,
    string Purpose,
    string? Description,
    DateOnly? LastInspectedOn,
    string? LastResult);

public sealed record RegisterSystemRequest(string Name, string OwnerUnitCode, string Kind, int SecurityLevel);

public sealed record RegisterDeviceRequest(string AssetTag, string UnitCode, string Purpose, string? Description);

public sealed record DeviceImportResult(int Inserted, int Updated, int Rejected, IReadOnlyList<DeviceImportError>? Errors);

public sealed record DeviceImportError(int Line, string? Field, string Message);

public sealed record TeamDto(string Code, string Name, string UnitCode, string? UnitName, IReadOnlyList<string>? Members);

public sealed record ChecklistDto(string Code, int Version, string Title, string TargetType, IReadOnlyList<ChecklistItemDto> Items);

public sealed record ChecklistItemDto(int No, string Text, bool Critical, int Weight);

public sealed record CreateInspectionRequest(string TargetType, Guid TargetId, string TeamCode, DateOnly PlannedOn, string ChecklistCode);

/// <summary>An inspection in lists; for users who may not see its details, <see cref="Conclusion"/> is null.</summary>
public sealed record InspectionSummaryDto(
    Guid Id,
    string TargetType,
    Guid TargetId,
    string? TargetName,
    string? OwnerUnitCode,
    string? OwnerUnitName,
    string? TeamCode,
    string? InspectingUnitCode,
    string Status,
    DateOnly PlannedOn,
    DateOnly? StartedOn,
    DateOnly? CompletedOn,
    string? Conclusion,
    bool DetailsVisible);

/// <summary><c>GET /api/inspections/inspections/{id}</c>: only for inspectors and leaders in scope.</summary>
public sealed record InspectionDto(
    Guid Id,
    string TargetType,
    Guid TargetId,
    string? TargetName,
    string OwnerUnitCode,
    string? OwnerUnitName,
    string TeamCode,
    string? TeamName,
    string? InspectingUnitCode,
    string? InspectingUnitName,
    string ChecklistCode,
    int ChecklistVersion,
    string? ChecklistTitle,
    string Status,
    DateOnly PlannedOn,
    DateOnly? StartedOn,
    DateOnly? CompletedOn,
    string? Conclusion,
    IReadOnlyList<InspectionItemDto> Items,
    decimal? Score,
    IReadOnlyList<FindingSummaryDto>? Findings,
    string? CreatedBy,
    DateTimeOffset? CreatedAt);

public sealed record InspectionItemDto(int No, string Text, bool Critical, int Weight, string? Result, string? Note);

public sealed record ItemResultRequest(int ItemNo, string Result, string? Note);

public sealed record RecordResultsRequest(IReadOnlyList<ItemResultRequest> Results);

public sealed record FindingSummaryDto(
    Guid Id,
    Guid InspectionId,
    string? TargetType,
    Guid TargetId,
    string? TargetName,
    string Title,
    string Severity,
    string ResponsibleUnitCode,
    string? ResponsibleUnitName,
    DateOnly Deadline,
    string Status,
    bool Overdue,
    DateOnly? RiskAcceptedUntil);

/// <summary><c>GET /api/inspections/findings/{id}</c>; <see cref="Description"/> is null unless <see cref="DetailsVisible"/>.</summary>
public sealed record FindingDto(
    Guid Id,
    Guid InspectionId,
    string? TargetType,
    Guid TargetId,
    string? TargetName,
    string Title,
    string Severity,
    string ResponsibleUnitCode,
    string? ResponsibleUnitName,
    DateOnly Deadline,
    string Status,
    bool Overdue,
    DateOnly? RiskAcceptedUntil,
    string? Description,
    bool DetailsVisible,
    string? RiskReason,
    bool Automatic,
    string? RaisedBy,
    string? RaisedByName,
    DateTimeOffset? RaisedAt,
    string? TeamCode,
    string? InspectingUnitCode,
    IReadOnlyList<FindingHistoryEntryDto>? History,
    IReadOnlyList<string>? AllowedActions)
{
    public bool Allows(string action) => AllowedActions?.Contains(action, StringComparer.OrdinalIgnoreCase) == true;
}

public sealed record FindingHistoryEntryDto(string Kind, string? Actor, string? ActorName, string? Note, DateTimeOffset At);

public sealed record RaiseFindingRequest(string Title, string Description, string Severity, string ResponsibleUnitCode, DateOnly? Deadline);

/// <summary>Filters and page of the findings list; <see cref="Page"/> starts at 1 as in the API.</summary>
public sealed record FindingQuery(
    string? Status = null,
    string? Severity = null,
    string? Unit = null,
    Guid? InspectionId = null,
    Guid? SystemId = null,
    bool OverdueOnly = false,
    int Page = 1,
    int PageSize = 20);

public sealed record CoverageDto(string UnitCode, string? UnitName, IReadOnlyList<CoverageRowDto> Rows, CoverageRowDto Total);

public sealed record CoverageRowDto(
    string UnitCode,
    string? UnitName,
    long Systems,
    long SystemsInspected,
    long Devices,
    long DevicesInspected,
    double CoveragePercent,
    long OpenCritical,
    long OpenHigh,
    long OpenMedium,
    long OpenLow,
    long Overdue);
