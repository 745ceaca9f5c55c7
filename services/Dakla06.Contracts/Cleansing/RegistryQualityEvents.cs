namespace Dakla06.Contracts.Cleansing;

// Registry-quality work handed to communes (issue 13, part 6). A province or district cleansing officer assigns an error
// category; every commune under the chosen unit that has open items of it gets one directive task, worked in cleansing
// (items closed one by one or in bulk, or closed by the data after a later import) and closed by the data when the
// commune's open items reach zero. Counts only travel on the bus, never a person.

/// <summary>
/// <see cref="Category"/>'s open items of the commune <c>UnitCode</c> were assigned by <see cref="AssigningUnitCode"/>, due
/// <see cref="DueOn"/>: directive tracking opens one task for the commune (<see cref="RegistryQualityTasks.SourceId"/>).
/// <see cref="Total"/> items are in the assignment so far, <see cref="Open"/> of them still open.
/// </summary>
public sealed record RegistryQualityTaskAssigned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid AssignmentId,
    string Category,
    string CategoryName,
    string AssigningUnitCode,
    DateOnly DueOn,
    int Total,
    int Open,
    string AssignedBy) : IIntegrationEvent;

/// <summary>
/// The commune's items of the assignment changed: <see cref="Closed"/> of <see cref="Total"/> are closed ("đã làm sạch
/// x/y"), <see cref="Open"/> are not. <see cref="Open"/> zero is the last event of the assignment: its task is closed.
/// </summary>
public sealed record RegistryQualityTaskProgressed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string UnitCode,
    Guid AssignmentId,
    string Category,
    string CategoryName,
    int Total,
    int Closed,
    int Open) : IIntegrationEvent;

/// <summary>The directive tasks opened for registry-quality assignments: their source type and source id.</summary>
public static class RegistryQualityTasks
{
    public const string SourceType = "registry-quality";

    /// <summary>One task per assignment × commune (e.g. <c>0193…:24136</c>), found by <c>GET /api/directives/tasks?sourceId=</c>.</summary>
    public static string SourceId(Guid assignmentId, string communeCode) => $"{assignmentId:D}:{communeCode}";
}
