using System.Text.Json.Serialization;

namespace Dakla06.Web.Directives;

/// <summary>One row of <c>GET /api/directives/tasks</c>.</summary>
public sealed record TaskSummaryDto(
    Guid Id,
    Guid? DocumentId,
    string? DocumentNumber,
    string Title,
    string Priority,
    DateOnly DueOn,
    string Status,
    string AssigneeUnitCode,
    string? AssigneeUnitName,
    string AssignerUnitCode,
    string? AssignerUnitName,
    bool Overdue,
    decimal? LatestPercent,
    DateTimeOffset? UpdatedAt,
    string? SourceType,
    string? SourceId);

/// <summary><c>GET /api/directives/tasks/{id}</c>: the summary fields plus what the detail page shows.</summary>
public sealed record TaskDetailDto(
    Guid Id,
    Guid? DocumentId,
    string? DocumentNumber,
    string Title,
    string Priority,
    DateOnly DueOn,
    string Status,
    string AssigneeUnitCode,
    string? AssigneeUnitName,
    string AssignerUnitCode,
    string? AssignerUnitName,
    bool Overdue,
    decimal? LatestPercent,
    DateTimeOffset? UpdatedAt,
    string? Description,
    string? ExpectedOutput,
    string? CreatedBy,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<TaskHistoryEntryDto>? History,
    IReadOnlyList<TaskReportDto>? Reports,
    IReadOnlyList<TaskReminderDto>? Reminders,
    TaskSourceDto? Source,
    IReadOnlyList<string>? AllowedActions)
{
    public bool Allows(string action) => AllowedActions?.Contains(action, StringComparer.OrdinalIgnoreCase) == true;
}

public sealed record TaskHistoryEntryDto(string Kind, string? Actor, string? ActorName, string? Note, DateTimeOffset At);

public sealed record TaskReportDto(string? Note, decimal Percent, string? Result, bool Done, string? By, string? ByName, DateTimeOffset At);

public sealed record TaskReminderDto(string? Note, string? By, string? ByName, DateTimeOffset At);

/// <summary>What opened the task: a directive document, or another service's record.</summary>
public sealed record TaskSourceDto(string? Type, string? Id, string? Number, string? Subject);

/// <summary>Filters and page of the task list; <see cref="Page"/> starts at 1 as in the API.</summary>
public sealed record TaskQuery(
    string? Mine = null,
    string? Status = null,
    string? AssigneeUnit = null,
    Guid? DocumentId = null,
    bool OverdueOnly = false,
    DateOnly? DueAfter = null,
    DateOnly? DueBefore = null,
    string? Text = null,
    int Page = 1,
    int PageSize = 20);

/// <summary>Body of <c>POST /api/directives/documents/{documentId}/tasks</c>; exactly one target is set.</summary>
public sealed record AssignTasksRequest(
    string Title,
    string Description,
    string ExpectedOutput,
    DateOnly DueOn,
    string Priority,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Units = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AllDistricts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AllCommunesOf = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AllCommunesInScope = null);

public sealed record AssignTasksResponse(IReadOnlyList<Guid> TaskIds, int Count);

public sealed record ReportProgressRequest(string Note, decimal Percent, string? Result, bool Done);

/// <summary>Counts by status as the summary endpoint names them.</summary>
public sealed record StatusCounts(
    int Assigned,
    [property: JsonPropertyName("in_progress")] int InProgress,
    [property: JsonPropertyName("reported_done")] int ReportedDone,
    int Accepted,
    int Total);

public sealed record UnitTaskSummaryDto(
    string UnitCode,
    string? UnitName,
    StatusCounts Counts,
    int Overdue,
    double? OnTimeRate,
    IReadOnlyList<ChildTaskSummaryDto>? Children);

public sealed record ChildTaskSummaryDto(string UnitCode, string? UnitName, StatusCounts Counts, int Overdue, double? OnTimeRate);

/// <summary>A unit's Project 06 working group (Tổ công tác Đề án 06).</summary>
public sealed record WorkingGroupDto(
    string UnitCode,
    string? UnitName,
    bool Established,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    bool RegulationIssued,
    int? VillageCount,
    int? VillagesEstablished);

/// <summary>Body of <c>PUT /api/directives/working-groups/{unitCode}</c>.</summary>
public sealed record UpdateWorkingGroupRequest(
    bool Established,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    bool RegulationIssued,
    int? VillageCount,
    int? VillagesEstablished);

public sealed record CoverageCount(int Established, int Total);

public sealed record WorkingGroupCoverageDto(CoverageCount Districts, CoverageCount Communes, CoverageCount Villages);

/// <summary>
/// What a command led to: its result, or messages keyed by the camelCase field they belong to
/// (<see cref="GeneralErrorKey"/> for those that belong to no field, e.g. a refused transition).
/// </summary>
public sealed class ApiResult<T>
    where T : class
{
    public const string GeneralErrorKey = "";

    internal ApiResult(T? value, IReadOnlyDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Value is not null;

    /// <summary>All messages in one line, for a snackbar.</summary>
    public string ErrorSummary => string.Join(" ", Errors.Values.SelectMany(v => v));
}

/// <summary>Builds <see cref="ApiResult{T}"/> values.</summary>
public static class ApiResult
{
    public static ApiResult<T> Success<T>(T value)
        where T : class => new(value, new Dictionary<string, string[]>());

    public static ApiResult<T> Failed<T>(IReadOnlyDictionary<string, string[]> errors)
        where T : class => new(null, errors);

    public static ApiResult<T> Failed<T>(string message)
        where T : class => new(null, new Dictionary<string, string[]> { [ApiResult<T>.GeneralErrorKey] = [message] });
}
