using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Directives.Data;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dakla06.Directives.Api;

public static class TasksApi
{
    public const int MaxReportNoteLength = 4000;
    public const int MaxResultLength = 200;

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder group)
    {
        group.MapPost(DirectivesRoutes.DocumentTasks, CreateTasks)
            .RequireRole(Roles.DirectiveOfficer)
            .WithTags("Tasks")
            .WithName("CreateTasks")
            .WithSummary("Assigns a task of a document to units below the caller's unit: one task per unit, in one transaction, each publishing TaskAssigned.");

        var tasks = group.MapGroup(string.Empty).WithTags("Tasks");

        tasks.MapGet(DirectivesRoutes.Tasks, ListTasks)
            .WithName("ListTasks")
            .WithSummary("Tasks whose assignee or assigner unit is in the caller's scope; overdue first, then by deadline.");

        tasks.MapGet(DirectivesRoutes.TasksExport, ExportTasks)
            .WithName("ExportTasks")
            .WithSummary("The filtered task list (at most 10,000 rows) as an Excel workbook with Vietnamese headers.");

        tasks.MapGet(DirectivesRoutes.Task, GetTask)
            .WithName("GetTask")
            .WithSummary("One task with history, reports, reminders, source and the actions the caller may take; 404 when not visible.");

        tasks.MapPost(DirectivesRoutes.TaskStart, (Guid id, Caller caller, TaskStore store, TimeProvider time, CancellationToken ct) =>
                ApplyAsync(id, new TaskCommand(TaskAction.Start), caller, store, time, ct))
            .RequireRole(Roles.DirectiveOfficer).WithName("StartTask")
            .WithSummary("The assignee unit starts the task (assigned → in_progress).");

        tasks.MapPost(DirectivesRoutes.TaskReports, ReportTask)
            .RequireRole(Roles.DirectiveOfficer).WithName("ReportTask")
            .WithSummary("The assignee unit reports progress; done = true moves the task to reported_done.");

        tasks.MapPost(DirectivesRoutes.TaskAccept, (Guid id, AcceptTaskRequest? request, Caller caller, TaskStore store, TimeProvider time, CancellationToken ct) =>
                ApplyAsync(id, new TaskCommand(TaskAction.Accept, Note: string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim()), caller, store, time, ct))
            .RequireRole(Roles.DirectiveOfficer).WithName("AcceptTask")
            .WithSummary("The assigning side accepts a completion report (reported_done → accepted).");

        tasks.MapPost(DirectivesRoutes.TaskReturn, ReturnTask)
            .RequireRole(Roles.DirectiveOfficer).WithName("ReturnTask")
            .WithSummary("The assigning side returns a completion report with a reason (reported_done → in_progress).");

        tasks.MapPost(DirectivesRoutes.TaskRemind, RemindTask)
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
        return TypedResults.Created(ApiQuery.Append(DirectivesRoutes.Path(DirectivesRoutes.Tasks), new TaskQuery(DocumentId: documentId)), new CreateTasksResponse(ids, ids.Count));
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
            result.Page, result.PageSize, result.Total, result.Items.Select(r => ToSummaryDto(r, today)).ToList()));
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
            ? TypedResults.Ok(ToDetailDto(details, caller, VietnamTime.Today(time)))
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
                return TypedResults.Ok(ToDetailDto(details!, caller, VietnamTime.Today(time)));
        }
    }

    private static TaskSummaryDto ToSummaryDto(TaskRow row, DateOnly today) => new(
        row.Id, row.DocumentId, row.DocumentNumber, row.Title, row.Priority, row.DueOn, row.Status,
        row.AssigneeUnitCode, AdminUnitDirectory.Default.NameOf(row.AssigneeUnitCode),
        row.AssignerUnitCode, AdminUnitDirectory.Default.NameOf(row.AssignerUnitCode),
        row.IsOverdue(today), row.LatestPercent, row.UpdatedAt, row.SourceType, row.SourceId);

    private static TaskDetailDto ToDetailDto(TaskDetails details, Caller caller, DateOnly today)
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
        var summary = ToSummaryDto(row, today);
        return new TaskDetailDto(
            summary.Id, summary.DocumentId, summary.DocumentNumber, summary.Title, summary.Priority, summary.DueOn, summary.Status,
            summary.AssigneeUnitCode, summary.AssigneeUnitName, summary.AssignerUnitCode, summary.AssignerUnitName,
            summary.Overdue, summary.LatestPercent, summary.UpdatedAt, summary.SourceType, summary.SourceId,
            row.Description, row.ExpectedOutput, row.CreatedBy, row.CreatedAt,
            details.Events.Select(e => new TaskHistoryDto(e.Kind, e.Actor, e.ActorName, e.Note, e.At)).ToList(),
            details.Reports.Select(r => new TaskReportDto(r.Note, r.Percent, r.Result, r.Done, r.ReportedBy, r.ReportedByName, r.At)).ToList(),
            details.Events.Where(e => e.Kind == "reminded")
                .Select(e => new TaskReminderDto(e.Note ?? string.Empty, e.Actor, e.ActorName, e.At)).ToList(),
            source,
            allowed.Select(TaskStatuses.ActionName).ToList());
    }
}

/// <summary>Checks the task list's query parameters.</summary>
public static class TaskQueryValidation
{
    /// <summary>The checked filter, or errors naming each bad parameter.</summary>
    public static TaskFilter Validate(this TaskQuery query, ValidationErrors errors)
    {
        var (status, assigneeUnit, documentId, sourceId, overdue, dueBefore, dueAfter, q, mine) = query;
        if (status is not null && TaskStatuses.TryParse(status) is null)
        {
            errors.Add("status", $"Trạng thái phải là một trong: {string.Join(", ", TaskStatuses.All)}.");
        }

        if (assigneeUnit is not null && AdminUnitDirectory.Default.Find(assigneeUnit) is null)
        {
            errors.Add("assigneeUnit", $"Không có đơn vị hành chính mã {assigneeUnit} trong tỉnh.");
        }

        if (mine is not null && mine is not ("assigned" or "assignedByMe"))
        {
            errors.Add("mine", "mine phải là assigned hoặc assignedByMe.");
        }

        if (dueAfter > dueBefore)
        {
            errors.Add("dueAfter", "dueAfter phải trước hoặc bằng dueBefore.");
        }

        return new TaskFilter(
            status?.Trim(), assigneeUnit?.Trim(), documentId, string.IsNullOrWhiteSpace(sourceId) ? null : sourceId.Trim(),
            overdue == true, dueBefore, dueAfter, q, mine);
    }
}
