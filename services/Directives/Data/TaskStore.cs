using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Directives;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Persistence;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Directives.Data;

/// <summary>A task as stored, with its document's number and subject.</summary>
public sealed class TaskRow
{
    public Guid Id { get; init; }

    public Guid? DocumentId { get; init; }

    public string? DocumentNumber { get; init; }

    public string? DocumentSubject { get; init; }

    public string? SourceType { get; init; }

    public string? SourceId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public string ExpectedOutput { get; init; } = string.Empty;

    public DateOnly DueOn { get; init; }

    public string Priority { get; init; } = string.Empty;

    public string AssigneeUnitCode { get; init; } = string.Empty;

    public string AssignerUnitCode { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public int? LatestPercent { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public string CreatedByName { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public TaskState State => TaskStatuses.Parse(Status);

    /// <summary>
    /// A remediation task of an inspection finding (only the inspection team's verification closes it), a shortfall task
    /// (only data meeting the target closes it) or a registry-quality task (only the commune's last open item closes it):
    /// users neither accept nor return it.
    /// </summary>
    public bool ClosedByVerification =>
        Remediation.IsRemediation(SourceType) || Shortfall.IsShortfall(SourceType) || RegistryQuality.IsRegistryQuality(SourceType);

    /// <summary>Why a user may not accept or return a task closed by its source (null for a remediation task: the life cycle says why).</summary>
    public string? ClosedByDataRefusal =>
        Shortfall.IsShortfall(SourceType) ? Shortfall.ClosedOnlyByData
        : RegistryQuality.IsRegistryQuality(SourceType) ? RegistryQuality.ClosedOnlyByData
        : null;

    /// <summary>Open and past its deadline on <paramref name="today"/> (Vietnam date).</summary>
    public bool IsOverdue(DateOnly today) => TaskStatuses.IsOpen(State) && DueOn < today;
}

public sealed record TaskEventRow(long Id, string Kind, string Actor, string ActorName, string? Note, DateTimeOffset At);

public sealed record TaskReportRow(long Id, string Note, int Percent, string? Result, bool Done, string ReportedBy, string ReportedByName, DateTimeOffset At);

/// <summary>A task with its history and reports.</summary>
public sealed record TaskDetails(TaskRow Task, IReadOnlyList<TaskEventRow> Events, IReadOnlyList<TaskReportRow> Reports);

/// <summary>Filters of the task list; all optional. <see cref="Mine"/> is <c>assigned</c> or <c>assignedByMe</c>.</summary>
public sealed record TaskFilter(
    string? Status = null,
    string? AssigneeUnit = null,
    Guid? DocumentId = null,
    string? SourceId = null,
    bool Overdue = false,
    DateOnly? DueBefore = null,
    DateOnly? DueAfter = null,
    string? Text = null,
    string? Mine = null);

/// <summary>What a command asks of a task (fields used depend on the action).</summary>
public sealed record TaskCommand(TaskAction Action, string? Note = null, int Percent = 0, string? Result = null, bool Done = false);

public enum CreateTasksOutcome
{
    Created,
    /// <summary>The same Idempotency-Key was used before by this user: the earlier tasks are returned.</summary>
    Replayed,
}

public enum TaskCommandOutcome
{
    Done,
    NotFound,
    WrongSide,
    Conflict,
}

/// <summary>
/// Dapper queries for tasks. Every read is scoped in SQL: a task is visible when its assignee unit or its assigner
/// unit lies in the caller's scope. Every change writes a history row and an integration event in one transaction.
/// </summary>
public sealed class TaskStore(NpgsqlDataSource dataSource, Outbox outbox, DirectivesTelemetry telemetry, TimeProvider time)
{
    public const string VisibleCondition = "(t.unit_path <@ @scope::ltree OR t.assigner_unit_path <@ @scope::ltree)";

    /// <summary>Open and past its deadline; binds <c>@today</c> (the Vietnam date).</summary>
    public const string OverdueCondition = "(t.status IN ('assigned', 'in_progress') AND t.due_on < @today)";

    private const string Columns = """
        t.id, t.document_id, d.number AS document_number, d.subject AS document_subject, t.source_type, t.source_id,
        t.title, t.description, t.expected_output, t.due_on, t.priority, t.assignee_unit_code, t.assigner_unit_code,
        t.status, t.latest_percent, t.created_by, t.created_by_name, t.created_at, t.updated_at, t.accepted_at
        """;

    private const string From = "FROM tasks t LEFT JOIN documents d ON d.id = t.document_id";

    private static readonly string ListFilter = $"""
        WHERE {VisibleCondition}
          AND (@status::text IS NULL OR t.status = @status)
          AND (@assigneeUnit::text IS NULL OR t.assignee_unit_code = @assigneeUnit)
          AND (@documentId::uuid IS NULL OR t.document_id = @documentId)
          AND (@sourceId::text IS NULL OR t.source_id = @sourceId)
          AND (NOT @overdue OR {OverdueCondition})
          AND (@dueBefore::date IS NULL OR t.due_on <= @dueBefore)
          AND (@dueAfter::date IS NULL OR t.due_on >= @dueAfter)
          AND (@text::text IS NULL OR t.title ILIKE '%' || @text || '%')
          AND (@mine::text IS NULL
               OR (@mine = 'assigned' AND t.assignee_unit_code = @callerUnit)
               OR (@mine = 'assignedByMe' AND t.assigner_unit_code = @callerUnit))
        """;

    private static readonly string ListOrder = $"ORDER BY {OverdueCondition} DESC, t.due_on, t.id";

    /// <summary>
    /// The list's page with the total of matching rows; binds @scope, @callerUnit, the filters, @today, @limit and @offset
    /// (see ListParameters). Public so that <c>./dakla06 bench api</c> can run the very same SQL as its floor.
    /// </summary>
    public static readonly string ListQuery = $"""
        SELECT {Columns}, count(*) OVER () AS total
        {From}
        {ListFilter}
        {ListOrder}
        LIMIT @limit OFFSET @offset
        """;

    /// <summary>Visible tasks, overdue first, then by deadline.</summary>
    public async Task<PagedResult<TaskRow>> ListAsync(Caller caller, TaskFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TaskRow, long, (TaskRow Row, long Total)>(
            new CommandDefinition(ListQuery, ListParameters(caller, filter, page.PageSize, page.Offset), cancellationToken: cancellationToken),
            (row, total) => (row, total),
            splitOn: "total")).ToList();

        long total;
        if (rows.Count > 0)
        {
            total = rows[0].Total;
        }
        else if (page.Page == 1)
        {
            total = 0;
        }
        else
        {
            total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT count(*) {From} {ListFilter}", ListParameters(caller, filter, page.PageSize, page.Offset), cancellationToken: cancellationToken));
        }

        return new PagedResult<TaskRow>(page.Page, page.PageSize, total, rows.Select(r => r.Row).ToList());
    }

    /// <summary>At most <paramref name="limit"/> visible tasks in list order (for the Excel export).</summary>
    public async Task<IReadOnlyList<TaskRow>> ListAllAsync(Caller caller, TaskFilter filter, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} {From} {ListFilter} {ListOrder} LIMIT @limit OFFSET @offset";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<TaskRow>(new CommandDefinition(
            sql, ListParameters(caller, filter, limit, 0), cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>One task with history and reports when the caller may see it; null otherwise (404).</summary>
    public async Task<TaskDetails?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var task = await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE t.id = @id AND {VisibleCondition}",
            new { id, scope = scope.Path }, cancellationToken: cancellationToken));
        if (task is null)
        {
            return null;
        }

        var events = (await connection.QueryAsync<TaskEventRow>(new CommandDefinition(
            "SELECT id, kind, actor, actor_name, note, at FROM task_events WHERE task_id = @id ORDER BY at, id",
            new { id }, cancellationToken: cancellationToken))).ToList();
        var reports = (await connection.QueryAsync<TaskReportRow>(new CommandDefinition(
            """
            SELECT id, note, percent, result, done, reported_by, reported_by_name, at
            FROM task_reports WHERE task_id = @id ORDER BY at, id
            """,
            new { id }, cancellationToken: cancellationToken))).ToList();
        return new TaskDetails(task, events, reports);
    }

    /// <summary>
    /// Creates one task per assignee unit, each with its 'assigned' history row and <see cref="TaskAssigned"/> event,
    /// all in one transaction. A repeated Idempotency-Key returns the tasks of the first request.
    /// </summary>
    public async Task<(CreateTasksOutcome Outcome, IReadOnlyList<Guid> TaskIds)> CreateAsync(
        Guid documentId, NewTask task, Caller caller, string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var assignmentId = Guid.CreateVersion7();

        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO task_assignments (id, document_id, created_by, created_at, idempotency_key)
            VALUES (@assignmentId, @documentId, @createdBy, @now, @idempotencyKey)
            ON CONFLICT (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """,
            new { assignmentId, documentId, createdBy = caller.Username, now = now.UtcDateTime, idempotencyKey },
            transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            var earlier = (await connection.QueryAsync<Guid>(new CommandDefinition(
                """
                SELECT t.id FROM tasks t JOIN task_assignments a ON a.id = t.assignment_id
                WHERE a.created_by = @createdBy AND a.idempotency_key = @idempotencyKey
                ORDER BY t.unit_path, t.id
                """,
                new { createdBy = caller.Username, idempotencyKey }, cancellationToken: cancellationToken))).ToList();
            return (CreateTasksOutcome.Replayed, earlier);
        }

        var ids = task.Assignees.Select(_ => Guid.CreateVersion7()).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tasks (id, assignment_id, document_id, title, description, expected_output, due_on, priority,
                               assignee_unit_code, unit_path, assigner_unit_code, assigner_unit_path,
                               created_by, created_by_name, created_at, updated_at)
            SELECT u.id, @assignmentId, @documentId, @title, @description, @expectedOutput, @dueOn, @priority,
                   u.code, u.path::ltree, @assignerCode, @assignerPath::ltree,
                   @createdBy, @createdByName, @now, @now
            FROM unnest(@ids, @codes, @paths) AS u(id, code, path)
            """,
            new
            {
                assignmentId, documentId, title = task.Title, description = task.Description, expectedOutput = task.ExpectedOutput,
                dueOn = task.DueOn, priority = task.Priority, assignerCode = caller.Unit.Code, assignerPath = caller.Unit.Path,
                createdBy = caller.Username, createdByName = caller.DisplayName, now = now.UtcDateTime, ids,
                codes = task.Assignees.Select(u => u.Code).ToArray(), paths = task.Assignees.Select(u => u.Path).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO task_events (task_id, kind, actor, actor_name, note, at)
            SELECT id, 'assigned', @actor, @actorName, NULL, @now FROM unnest(@ids) AS id
            """,
            new { ids, actor = caller.Username, actorName = caller.DisplayName, now = now.UtcDateTime },
            transaction, cancellationToken: cancellationToken));

        for (var i = 0; i < ids.Length; i++)
        {
            await outbox.AddAsync(new TaskAssigned(
                Guid.CreateVersion7(), now, task.Assignees[i].Code, ids[i], documentId, null, null, caller.Unit.Code,
                task.Title, task.DueOn, task.Priority, caller.Username), transaction, cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        // After the commit: a rolled-back or replayed assignment counts nothing.
        telemetry.TasksAssigned(task.Assignees);
        return (CreateTasksOutcome.Created, ids);
    }

    /// <summary>
    /// Applies a life-cycle action under a row lock: 404 when not visible, wrong side (403), refused transition (409
    /// with <c>Refusal</c>), otherwise the change, its history row, a report row for reports and the event, in one transaction.
    /// </summary>
    public async Task<(TaskCommandOutcome Outcome, string? Refusal)> ApplyAsync(
        Guid id, Caller caller, TaskCommand command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var task = await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE t.id = @id AND {VisibleCondition} FOR UPDATE OF t",
            new { id, scope = caller.Scope.Path }, transaction, cancellationToken: cancellationToken));
        if (task is null)
        {
            return (TaskCommandOutcome.NotFound, null);
        }

        var transition = TaskLifecycle.Decide(task.State, command.Action, command.Done, task.ClosedByVerification);

        // Nobody accepts or returns a remediation task, whichever side: say why (409) rather than "wrong unit" (403).
        var closingRemediation = task.ClosedByVerification && command.Action is TaskAction.Accept or TaskAction.Return;
        if (!closingRemediation && !IsOnSide(caller, task, TaskLifecycle.SideOf(command.Action)))
        {
            return (TaskCommandOutcome.WrongSide, null);
        }

        if (!transition.Allowed)
        {
            // A shortfall or registry-quality task is closed by data, not by the inspection team: say so.
            return (TaskCommandOutcome.Conflict, closingRemediation ? task.ClosedByDataRefusal ?? transition.Refusal : transition.Refusal);
        }

        var now = time.GetUtcNow();
        var onTime = VietnamTime.Today(time) <= task.DueOn;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE tasks SET status = @status, updated_at = @now,
                   latest_percent = CASE WHEN @isReport THEN @percent ELSE latest_percent END,
                   accepted_at = CASE WHEN @isAccept THEN @now ELSE accepted_at END
            WHERE id = @id
            """,
            new
            {
                id, status = TaskStatuses.Name(transition.To), now = now.UtcDateTime, isReport = command.Action == TaskAction.Report,
                percent = command.Percent, isAccept = command.Action == TaskAction.Accept,
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO task_events (task_id, kind, actor, actor_name, note, at) VALUES (@id, @kind, @actor, @actorName, @note, @now)",
            new { id, kind = transition.EventKind, actor = caller.Username, actorName = caller.DisplayName, note = command.Note, now = now.UtcDateTime },
            transaction, cancellationToken: cancellationToken));

        if (command.Action == TaskAction.Report)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO task_reports (task_id, note, percent, result, done, reported_by, reported_by_name, at)
                VALUES (@id, @note, @percent, @result, @done, @actor, @actorName, @now)
                """,
                new { id, note = command.Note ?? string.Empty, percent = command.Percent, result = command.Result, done = command.Done, actor = caller.Username, actorName = caller.DisplayName, now = now.UtcDateTime },
                transaction, cancellationToken: cancellationToken));
        }

        var (eventId, unit, document, sourceType, sourceId, assigner) =
            (Guid.CreateVersion7(), task.AssigneeUnitCode, task.DocumentId, task.SourceType, task.SourceId, task.AssignerUnitCode);
        switch (command.Action)
        {
            case TaskAction.Start:
                await outbox.AddAsync(new TaskStarted(eventId, now, unit, id, document, sourceType, sourceId, assigner, caller.Username), transaction, cancellationToken);
                break;
            case TaskAction.Report:
                await outbox.AddAsync(new TaskReported(eventId, now, unit, id, document, sourceType, sourceId, assigner, command.Percent, command.Done, command.Note ?? string.Empty, command.Result, caller.Username), transaction, cancellationToken);
                break;
            case TaskAction.Accept:
                await outbox.AddAsync(new TaskAccepted(eventId, now, unit, id, document, sourceType, sourceId, assigner, task.DueOn, onTime, command.Note, caller.Username), transaction, cancellationToken);
                break;
            case TaskAction.Return:
                await outbox.AddAsync(new TaskReturned(eventId, now, unit, id, document, sourceType, sourceId, assigner, command.Note ?? string.Empty, caller.Username), transaction, cancellationToken);
                break;
            case TaskAction.Remind:
                await outbox.AddAsync(new TaskReminderSent(eventId, now, unit, id, document, sourceType, sourceId, assigner, task.Title, task.DueOn, command.Note ?? string.Empty, caller.Username, caller.Unit.Code), transaction, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Action, null);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        return (TaskCommandOutcome.Done, null);
    }

    /// <summary>
    /// Assignee side: officers of the assignee unit itself. Assigner side: officers of the assigner unit or of a unit
    /// above it (their scope contains the assigner unit), so a province can close what one of its districts assigned.
    /// </summary>
    public static bool IsOnSide(Caller caller, TaskRow task, TaskSide side) => side switch
    {
        TaskSide.Assignee => string.Equals(caller.Unit.Code, task.AssigneeUnitCode, StringComparison.Ordinal),
        TaskSide.Assigner => caller.Scope.IsInScope(task.AssignerUnitCode),
        _ => false,
    };

    private object ListParameters(Caller caller, TaskFilter filter, int limit, long offset) => new
    {
        scope = caller.Scope.Path,
        callerUnit = caller.Unit.Code,
        status = filter.Status,
        assigneeUnit = filter.AssigneeUnit,
        documentId = filter.DocumentId,
        sourceId = filter.SourceId,
        overdue = filter.Overdue,
        today = VietnamTime.Today(time),
        dueBefore = filter.DueBefore,
        dueAfter = filter.DueAfter,
        text = SqlText.Like(filter.Text),
        mine = filter.Mine,
        limit,
        offset,
    };
}
