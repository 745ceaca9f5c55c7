namespace Dakla06.Contracts.Http.Cleansing;

/// <summary>
/// Body of <c>POST /registry-quality/assignments</c> (province and district cleansing officers): the category's open items
/// of every commune under <see cref="UnitCode"/> (default the caller's unit; a commune code assigns that commune alone)
/// become one directive task per commune, due <see cref="DueOn"/>. All optional so that validation names what is missing.
/// </summary>
public sealed record AssignQualityRequest(string? Category, string? UnitCode, DateOnly? DueOn);

/// <summary>
/// One commune's share of an assignment: its items (those open when assigned, and those opened since) closed "x/y (z%)",
/// <see cref="CompletedAt"/> once none is open (its task is closed then), and the directive task's source id
/// (<c>GET /api/directives/tasks?sourceId=</c>).
/// </summary>
public sealed record QualityAssignedCommuneDto(
    Guid AssignmentId,
    string Category,
    string CategoryName,
    string CommuneCode,
    string CommuneName,
    DateOnly DueOn,
    string AssignedBy,
    DateTimeOffset AssignedAt,
    int Total,
    int Closed,
    int Open,
    double Percent,
    string Figure,
    DateTimeOffset? CompletedAt,
    string TaskSourceId);

/// <summary>
/// What an assignment did: the communes that got a task, and those skipped because a task of the category is still open
/// there (a commune works one list of a category at a time).
/// </summary>
public sealed record QualityAssignmentDto(
    Guid Id,
    string Category,
    string CategoryName,
    string UnitCode,
    string UnitName,
    DateOnly DueOn,
    IReadOnlyList<QualityAssignedCommuneDto> Communes,
    IReadOnlyList<QualityAssignedCommuneDto> AlreadyAssigned);

/// <summary>Filter of <c>GET /registry-quality/assignments</c>: communes under the unit (default the caller's), one category, and whether only those still open.</summary>
public sealed record QualityAssignmentQuery(string? Unit = null, string? Category = null, bool? Open = null);
