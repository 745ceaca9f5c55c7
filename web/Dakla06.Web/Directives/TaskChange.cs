namespace Dakla06.Web.Directives;

/// <summary>A task changed: which task, between which units, and what the user may be told.</summary>
/// <param name="Announcement">A line for the assignee (new task, reminder); null when a quiet refresh is enough.</param>
public sealed record TaskChange(Guid TaskId, string UnitCode, string AssignerUnitCode, string? Announcement);
