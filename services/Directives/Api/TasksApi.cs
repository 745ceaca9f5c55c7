using Dakla06.Contracts.AdminUnits;
using Dakla06.Directives.Data;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Directives.Api;

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
    string? SourceId)
{
    public static TaskSummaryDto From(TaskRow row, DateOnly today) => new(
        row.Id, row.DocumentId, row.DocumentNumber, row.Title, row.Priority, row.DueOn, row.Status,
        row.AssigneeUnitCode, UnitName(row.AssigneeUnitCode), row.AssignerUnitCode, UnitName(row.AssignerUnitCode),
        row.IsOverdue(today), row.LatestPercent, Utc(row.UpdatedAt), row.SourceType, row.SourceId);

    internal static string UnitName(string code) => AdminUnitDirectory.Default.Find(code)?.Name ?? code;

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

public sealed record TaskHistoryDto(string Kind, string Actor, string ActorName, string? Note, DateTimeOffset At);

public sealed record TaskReportDto(string Note, int Percent, string? Result, bool Done, string By, string ByName, DateTimeOffset At);

public sealed record TaskReminderDto(string Note, string By, string ByName, DateTimeOffset At);

/// <summary>
/// What opened the task: its directive document (<c>type = "document"</c>, <c>id</c> the document id) or another
/// service's record (<c>type</c> its source type, e.g. <c>inspection-finding</c>, <c>id</c> the record's id). Number,
/// subject and <c>documentId</c> are those of the task's document, when it has one.
/// </summary>
public sealed record TaskSourceDto(string Type, string? Id, string? Number, string? Subject, Guid? DocumentId);

/// <summary>A task with everything the detail page shows; <c>allowedActions</c> are what the caller may do now.</summary>
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
    public static TaskDetailDto From(TaskDetails details, Caller caller, DateOnly today)
    {
        var row = details.Task;
        var allowed = TaskLifecycle.AllowedActions(
            row.State,
            TaskStore.IsOnSide(caller, row, TaskSide.Assignee),
            TaskStore.IsOnSide(caller, row, TaskSide.Assigner),
            caller.HasRole(Roles.DirectiveOfficer),
            row.ClosedByVerification);
        // A task another service opened names that record (e.g. the inspection finding) and, when it has one, the
        // document it hangs under (the inspection conclusion); a task assigned from a document names the document.
        var source = row.SourceType is { } sourceType
            ? new TaskSourceDto(sourceType, row.SourceId, row.DocumentNumber, row.DocumentSubject, row.DocumentId)
            : new TaskSourceDto("document", row.DocumentId?.ToString(), row.DocumentNumber, row.DocumentSubject, row.DocumentId);
        return new TaskDetailDto(
            row.Id, row.DocumentId, row.DocumentNumber, row.Title, row.Priority, row.DueOn, row.Status,
            row.AssigneeUnitCode, TaskSummaryDto.UnitName(row.AssigneeUnitCode), row.AssignerUnitCode, TaskSummaryDto.UnitName(row.AssignerUnitCode),
            row.IsOverdue(today), row.LatestPercent, TaskSummaryDto.Utc(row.UpdatedAt), row.SourceType, row.SourceId,
            row.Description, row.ExpectedOutput, row.CreatedBy, TaskSummaryDto.Utc(row.CreatedAt),
            details.Events.Select(e => new TaskHistoryDto(e.Kind, e.Actor, e.ActorName, e.Note, TaskSummaryDto.Utc(e.At))).ToList(),
            details.Reports.Select(r => new TaskReportDto(r.Note, r.Percent, r.Result, r.Done, r.ReportedBy, r.ReportedByName, TaskSummaryDto.Utc(r.At))).ToList(),
            details.Events.Where(e => e.Kind == "reminded")
                .Select(e => new TaskReminderDto(e.Note ?? string.Empty, e.Actor, e.ActorName, TaskSummaryDto.Utc(e.At))).ToList(),
            source,
            allowed.Select(TaskStatuses.ActionName).ToList());
    }
}

/// <summary>Body of <c>POST /api/directives/documents/{documentId}/tasks</c>: the task and exactly one target.</summary>
public sealed record CreateTasksRequest(
    string? Title,
    string? Description,
    string? ExpectedOutput,
    DateOnly? DueOn,
    string? Priority,
    IReadOnlyList<string>? Units,
    bool? AllDistricts,
    string? AllCommunesOf,
    bool? AllCommunesInScope);

public sealed record CreateTasksResponse(IReadOnlyList<Guid> TaskIds, int Count);

public sealed record ReportTaskRequest(string? Note, int? Percent, string? Result, bool? Done);

public sealed record AcceptTaskRequest(string? Note);

public sealed record ReturnTaskRequest(string? Reason);

public sealed record RemindTaskRequest(string? Note);

public static class TasksApi
{
    public const int MaxReportNoteLength = 4000;
    public const int MaxResultLength = 200;

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder group)
    {
        group.MapPost("/documents/{documentId:guid}/tasks", CreateTasks)
            .RequireRole(Roles.DirectiveOfficer)
            .WithTags("Tasks")
            .WithName("CreateTasks")
            .WithSummary("Assigns a task of a document to units below the caller's unit: one task per unit, in one transaction, each publishing TaskAssigned.");

        var tasks = group.MapGroup("/tasks").WithTags("Tasks");

        tasks.MapGet("/", ListTasks)
            .WithName("ListTasks")
            .WithSummary("Tasks whose assignee or assigner unit is in the caller's scope; overdue first, then by deadline.");

        tasks.MapGet("/export.xlsx", ExportTasks)
            .WithName("ExportTasks")
            .WithSummary("The filtered task list (at most 10,000 rows) as an Excel workbook with Vietnamese headers.");

        tasks.MapGet("/{id:guid}", GetTask)
            .WithName("GetTask")
            .WithSummary("One task with history, reports, reminders, source and the actions the caller may take; 404 when not visible.");

        tasks.MapPost("/{id:guid}/start", (Guid id, Caller caller, TaskStore store, TimeProvider time, CancellationToken ct) =>
                ApplyAsync(id, new TaskCommand(TaskAction.Start), caller, store, time, ct))
            .RequireRole(Roles.DirectiveOfficer).WithName("StartTask")
            .WithSummary("The assignee unit starts the task (assigned → in_progress).");

        tasks.MapPost("/{id:guid}/reports", ReportTask)
            .RequireRole(Roles.DirectiveOfficer).WithName("ReportTask")
            .WithSummary("The assignee unit reports progress; done = true moves the task to reported_done.");

        tasks.MapPost("/{id:guid}/accept", (Guid id, AcceptTaskRequest? request, Caller caller, TaskStore store, TimeProvider time, CancellationToken ct) =>
                ApplyAsync(id, new TaskCommand(TaskAction.Accept, Note: string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim()), caller, store, time, ct))
            .RequireRole(Roles.DirectiveOfficer).WithName("AcceptTask")
            .WithSummary("The assigning side accepts a completion report (reported_done → accepted).");

        tasks.MapPost("/{id:guid}/return", ReturnTask)
            .RequireRole(Roles.DirectiveOfficer).WithName("ReturnTask")
            .WithSummary("The assigning side returns a completion report with a reason (reported_done → in_progress).");

        tasks.MapPost("/{id:guid}/remind", RemindTask)
            .RequireRole(Roles.DirectiveOfficer).WithName("RemindTask")
            .WithSummary("The assigning side sends a reminder (đôn đốc) about an open task.");

        return group;
    }

    private static async Task<Results<Created<CreateTasksResponse>, ValidationProblem, NotFound, ProblemHttpResult>> CreateTasks(
        Guid documentId,
        CreateTasksRequest request,
        Caller caller,
        DocumentStore documents,
        TaskStore store,
        AdminUnitDirectory units,
        CancellationToken cancellationToken,
        [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey = null)
    {
        var errors = new ValidationErrors();
        IdempotencyKey.Validate(idempotencyKey, errors);

        var task = NewTask.TryCreate(
            request.Title, request.Description, request.ExpectedOutput, request.DueOn, request.Priority,
            new TaskTarget(request.Units, request.AllDistricts, request.AllCommunesOf, request.AllCommunesInScope),
            caller.Unit, units, errors, out var forbidden);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (forbidden.Count > 0)
        {
            var names = string.Join(", ", forbidden.Take(5).Select(u => $"{u.Name} ({u.Code})")) + (forbidden.Count > 5 ? ", …" : string.Empty);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Đơn vị nhận nhiệm vụ ngoài phạm vi",
                detail: $"{caller.Unit.Name} chỉ được giao nhiệm vụ cho đơn vị trực thuộc; không được giao cho: {names}.");
        }

        if (await documents.FindAsync(caller.Scope, documentId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var (_, ids) = await store.CreateAsync(documentId, task!, caller, idempotencyKey, cancellationToken);
        return TypedResults.Created($"/api/directives/tasks?documentId={documentId}", new CreateTasksResponse(ids, ids.Count));
    }

    private static async Task<Results<Ok<PagedResult<TaskSummaryDto>>, ValidationProblem>> ListTasks(
        Caller caller,
        TaskStore store,
        TimeProvider time,
        [AsParameters] TaskQuery query,
        CancellationToken cancellationToken,
        int? page = null,
        int? pageSize = null)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.From(page, pageSize, errors);
        var filter = query.Validate(errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await store.ListAsync(caller, filter, pageRequest, cancellationToken);
        var today = VietnamTime.Today(time);
        return TypedResults.Ok(new PagedResult<TaskSummaryDto>(
            result.Page, result.PageSize, result.Total, result.Items.Select(r => TaskSummaryDto.From(r, today)).ToList()));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportTasks(
        Caller caller,
        TaskStore store,
        TimeProvider time,
        [AsParameters] TaskQuery query,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = query.Validate(errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var rows = await store.ListAllAsync(caller, filter, TaskExport.MaxRows, cancellationToken);
        var today = VietnamTime.Today(time);
        var bytes = await TaskExport.ToXlsxAsync(rows, today, cancellationToken);
        return TypedResults.File(bytes, TaskExport.ContentType, $"nhiem-vu-{today:yyyyMMdd}.xlsx");
    }

    private static async Task<Results<Ok<TaskDetailDto>, NotFound>> GetTask(
        Guid id, Caller caller, TaskStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.Scope, id, cancellationToken) is { } details
            ? TypedResults.Ok(TaskDetailDto.From(details, caller, VietnamTime.Today(time)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<TaskDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> ReportTask(
        Guid id, ReportTaskRequest request, Caller caller, TaskStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var note = RequiredText(request.Note, "note", "Nội dung báo cáo", errors);

        if (request.Percent is null or < 0 or > 100)
        {
            errors.Add("percent", "Tiến độ (%) là bắt buộc, từ 0 đến 100.");
        }

        var result = string.IsNullOrWhiteSpace(request.Result) ? null : request.Result.Trim();
        if (result is { Length: > MaxResultLength })
        {
            errors.Add("result", $"Kết quả tối đa {MaxResultLength} ký tự.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return await ApplyAsync(id, new TaskCommand(TaskAction.Report, note, request.Percent!.Value, result, request.Done ?? false), caller, store, time, cancellationToken);
    }

    private static async Task<Results<Ok<TaskDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> ReturnTask(
        Guid id, ReturnTaskRequest request, Caller caller, TaskStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var reason = RequiredText(request.Reason, "reason", "Lý do trả lại", errors);
        return reason is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : await ApplyAsync(id, new TaskCommand(TaskAction.Return, reason), caller, store, time, cancellationToken);
    }

    private static async Task<Results<Ok<TaskDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> RemindTask(
        Guid id, RemindTaskRequest request, Caller caller, TaskStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var note = RequiredText(request.Note, "note", "Nội dung đôn đốc", errors);
        return note is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : await ApplyAsync(id, new TaskCommand(TaskAction.Remind, note), caller, store, time, cancellationToken);
    }

    /// <summary>A required free-text field, trimmed; null (with the error added under <paramref name="field"/>) when empty or too long.</summary>
    private static string? RequiredText(string? value, string field, string label, ValidationErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(field, $"{label} là bắt buộc.");
            return null;
        }

        if (text.Length > MaxReportNoteLength)
        {
            errors.Add(field, $"{label} tối đa {MaxReportNoteLength} ký tự.");
            return null;
        }

        return text;
    }

    private static async Task<Results<Ok<TaskDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> ApplyAsync(
        Guid id, TaskCommand command, Caller caller, TaskStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (outcome, refusal) = await store.ApplyAsync(id, caller, command, cancellationToken);
        switch (outcome)
        {
            case TaskCommandOutcome.NotFound:
                return TypedResults.NotFound();
            case TaskCommandOutcome.WrongSide:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Không đúng đơn vị thực hiện thao tác",
                    detail: TaskLifecycle.SideOf(command.Action) == TaskSide.Assignee
                        ? "Chỉ đơn vị được giao nhiệm vụ mới được bắt đầu hoặc báo cáo tiến độ."
                        : "Chỉ đơn vị giao nhiệm vụ hoặc cấp trên của đơn vị đó mới được công nhận, trả lại hoặc đôn đốc.");
            case TaskCommandOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Không thể chuyển trạng thái nhiệm vụ", detail: refusal);
            default:
                var details = await store.FindAsync(caller.Scope, id, cancellationToken);
                return TypedResults.Ok(TaskDetailDto.From(details!, caller, VietnamTime.Today(time)));
        }
    }
}

/// <summary>The filters of <c>GET /tasks</c> and <c>GET /tasks/export.xlsx</c>, bound from the query string.</summary>
public sealed record TaskQuery(
    string? Status = null,
    string? AssigneeUnit = null,
    Guid? DocumentId = null,
    string? SourceId = null,
    bool? Overdue = null,
    DateOnly? DueBefore = null,
    DateOnly? DueAfter = null,
    string? Q = null,
    string? Mine = null)
{
    /// <summary>The checked filter, or errors naming each bad parameter.</summary>
    public TaskFilter Validate(ValidationErrors errors)
    {
        if (Status is not null && TaskStatuses.TryParse(Status) is null)
        {
            errors.Add("status", $"Trạng thái phải là một trong: {string.Join(", ", TaskStatuses.All)}.");
        }

        if (AssigneeUnit is not null && AdminUnitDirectory.Default.Find(AssigneeUnit) is null)
        {
            errors.Add("assigneeUnit", $"Không có đơn vị hành chính mã {AssigneeUnit} trong tỉnh.");
        }

        if (Mine is not null && Mine is not ("assigned" or "assignedByMe"))
        {
            errors.Add("mine", "mine phải là assigned hoặc assignedByMe.");
        }

        if (DueAfter > DueBefore)
        {
            errors.Add("dueAfter", "dueAfter phải trước hoặc bằng dueBefore.");
        }

        return new TaskFilter(
            Status?.Trim(), AssigneeUnit?.Trim(), DocumentId, string.IsNullOrWhiteSpace(SourceId) ? null : SourceId.Trim(),
            Overdue == true, DueBefore, DueAfter, Q, Mine);
    }
}
