using System.Text.Json.Serialization;

namespace Dakla06.Contracts.Http.Directives;

/// <summary>A task in lists: <c>overdue</c> is computed for today's Vietnam date.</summary>
public sealed record TaskSummaryDto(
    Guid Id,
    Guid? DocumentId,
    string? DocumentNumber,
    string Title,
    string Priority,
    DateOnly DueOn,
    string Status,
    string AssigneeUnitCode,
    string AssigneeUnitName,
    string AssignerUnitCode,
    string AssignerUnitName,
    bool Overdue,
    int? LatestPercent,
    DateTimeOffset UpdatedAt,
    string? SourceType,
    string? SourceId);

public sealed record TaskHistoryDto(string Kind, string Actor, string ActorName, string? Note, DateTimeOffset At);

public sealed record TaskReportDto(string Note, int Percent, string? Result, bool Done, string By, string ByName, DateTimeOffset At);

public sealed record TaskReminderDto(string Note, string By, string ByName, DateTimeOffset At);

/// <summary>
/// What opened the task: its directive document (<c>type = "document"</c>, <c>id</c> the document id) or another
/// service's record (<c>type</c> its source type, e.g. <c>inspection-finding</c>, <c>id</c> the record's id). Number,
/// subject and <c>documentId</c> are those of the task's document, when it has one.
/// </summary>
public sealed record TaskSourceDto(string Type, string? Id, string? Number, string? Subject, Guid? DocumentId);

/// <summary>A task with everything the detail page shows; <c>allowedActions</c> are what the caller may do now (<see cref="TaskActions"/>).</summary>
public sealed record TaskDetailDto(
    Guid Id,
    Guid? DocumentId,
    string? DocumentNumber,
    string Title,
    string Priority,
    DateOnly DueOn,
    string Status,
    string AssigneeUnitCode,
    string AssigneeUnitName,
    string AssignerUnitCode,
    string AssignerUnitName,
    bool Overdue,
    int? LatestPercent,
    DateTimeOffset UpdatedAt,
    string? SourceType,
    string? SourceId,
    string Description,
    string ExpectedOutput,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TaskHistoryDto> History,
    IReadOnlyList<TaskReportDto> Reports,
    IReadOnlyList<TaskReminderDto> Reminders,
    TaskSourceDto Source,
    IReadOnlyList<string> AllowedActions)
{
    public bool Allows(string action) => AllowedActions.Contains(action, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The names of a task's actions in <see cref="TaskDetailDto.AllowedActions"/>.</summary>
public static class TaskActions
{
    public const string Start = "start";
    public const string Report = "report";
    public const string Accept = "accept";
    public const string Return = "return";
    public const string Remind = "remind";
}

/// <summary>The filters of <c>GET /tasks</c> and <c>GET /tasks/export.xlsx</c>, bound from the query string.</summary>
/// <param name="Mine"><c>assigned</c> (to the caller's unit) or <c>assignedByMe</c>.</param>
/// <param name="SourceId">The id of the record in another service that opened the task (e.g. a finding).</param>
public sealed record TaskQuery(
    string? Status = null,
    string? AssigneeUnit = null,
    Guid? DocumentId = null,
    string? SourceId = null,
    bool? Overdue = null,
    DateOnly? DueBefore = null,
    DateOnly? DueAfter = null,
    string? Q = null,
    string? Mine = null);

/// <summary>Body of <c>POST /documents/{documentId}/tasks</c>: the task and exactly one target.</summary>
public sealed record CreateTasksRequest(
    string? Title,
    string? Description,
    string? ExpectedOutput,
    DateOnly? DueOn,
    string? Priority,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Units = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AllDistricts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AllCommunesOf = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AllCommunesInScope = null);

public sealed record CreateTasksResponse(IReadOnlyList<Guid> TaskIds, int Count);

public sealed record ReportTaskRequest(string? Note, int? Percent, string? Result, bool? Done);

public sealed record AcceptTaskRequest(string? Note);

public sealed record ReturnTaskRequest(string? Reason);

public sealed record RemindTaskRequest(string? Note);
