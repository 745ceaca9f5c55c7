using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Directives;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Directives.Data;

/// <summary>A task another service's event opens: its source record, text, units and who the system acts for.</summary>
public sealed record NewSourceTask(
    Guid DocumentId,
    string SourceType,
    string SourceId,
    string Title,
    string Description,
    string ExpectedOutput,
    DateOnly DueOn,
    string Priority,
    AdminUnit Assignee,
    AdminUnit Assigner,
    string CreatedBy,
    string CreatedByName,
    string AssignedBy,
    string HistoryNote,
    DateTimeOffset OccurredAt);

/// <summary>
/// A document the system writes for tasks of another service's event when the issuing unit has none of that number: a
/// conclusion, a target-setting document, a registry-quality assignment.
/// </summary>
public sealed record SystemDocument(
    DocumentType Type, string Number, AdminUnit Issuing, DateOnly IssuedOn, string Subject, string Summary, string CreatedBy, string CreatedByName);

/// <summary>
/// Tasks opened and closed by other services' events (remediation of findings, indicator shortfalls), inside the
/// consumer's inbox transaction: one task per source record (the unique source), a history row per change and the
/// task event through the outbox, so each event has its effect once.
/// </summary>
public sealed class SourceTasks(Outbox outbox, TimeProvider time)
{
    /// <summary>Opens the task unless its source has one already (false then); publishes <see cref="TaskAssigned"/>.</summary>
    public async Task<bool> OpenAsync(NewSourceTask task, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var now = time.GetUtcNow();
        var taskId = Guid.CreateVersion7();
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tasks (id, document_id, source_type, source_id, title, description, expected_output, due_on, priority,
                               assignee_unit_code, unit_path, assigner_unit_code, assigner_unit_path,
                               created_by, created_by_name, created_at, updated_at)
            VALUES (@taskId, @DocumentId, @SourceType, @SourceId, @Title, @Description, @ExpectedOutput, @DueOn, @Priority,
                    @assigneeCode, @assigneePath::ltree, @assignerCode, @assignerPath::ltree,
                    @CreatedBy, @CreatedByName, @now, @now)
            ON CONFLICT (source_id, source_type) WHERE source_id IS NOT NULL DO NOTHING
            """,
            new
            {
                taskId, task.DocumentId, task.SourceType, task.SourceId, task.Title, task.Description, task.ExpectedOutput, task.DueOn,
                task.Priority, assigneeCode = task.Assignee.Code, assigneePath = task.Assignee.Path, assignerCode = task.Assigner.Code,
                assignerPath = task.Assigner.Path, task.CreatedBy, task.CreatedByName, now = now.UtcDateTime,
            },
            transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO task_events (task_id, kind, actor, actor_name, note, at) VALUES (@taskId, 'assigned', @actor, @actorName, @note, @at)",
            new { taskId, actor = task.AssignedBy, actorName = task.CreatedByName, note = task.HistoryNote, at = task.OccurredAt.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
        await outbox.AddAsync(new TaskAssigned(
            Guid.CreateVersion7(), now, task.Assignee.Code, taskId, task.DocumentId, task.SourceType, task.SourceId,
            task.Assigner.Code, task.Title, task.DueOn, task.Priority, task.AssignedBy), transaction, cancellationToken);
        return true;
    }

    /// <summary>
    /// The issuing unit's document of the number (the latest issued when several years have one), or the system's
    /// <paramref name="document"/> written now (publishing <see cref="DirectiveIssued"/>). Concurrent consumers take turns
    /// on a transaction-scoped advisory lock of the unit and number, so the second finds the first one's document.
    /// </summary>
    public async Task<Guid> EnsureDocumentAsync(SystemDocument document, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var (unit, number) = (document.Issuing.Code, document.Number);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('system-document:' || @unit || ':' || @number, 0))",
            new { unit, number }, transaction, cancellationToken: cancellationToken));
        if (await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM documents WHERE issuing_unit_code = @unit AND number = @number ORDER BY issued_on DESC LIMIT 1",
            new { unit, number }, transaction, cancellationToken: cancellationToken)) is { } existing)
        {
            return existing;
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO documents (id, document_type, number, issuing_unit_code, unit_path, issued_on, subject, summary,
                                   created_by, created_by_name, created_at)
            VALUES (@id, @type, @number, @unit, @unitPath::ltree, @IssuedOn, @Subject, @Summary, @CreatedBy, @CreatedByName, @now)
            """,
            new
            {
                id, type = document.Type.Code, number, unit, unitPath = document.Issuing.Path, document.IssuedOn, document.Subject,
                document.Summary, document.CreatedBy, document.CreatedByName, now = now.UtcDateTime,
            },
            transaction, cancellationToken: cancellationToken));
        await outbox.AddAsync(new DirectiveIssued(
            Guid.CreateVersion7(), now, unit, id, document.Type.Code, number, document.IssuedOn, document.Subject, document.CreatedBy),
            transaction, cancellationToken);
        return id;
    }

    /// <summary>
    /// The source's task, locked for this transaction. Missing means the opening event has not been handled yet (it
    /// travels on another queue and may be retrying): throwing rolls back and lets the bus retry this message later.
    /// </summary>
    public static async Task<TaskRow> LockAsync(string sourceType, string sourceId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            """
            SELECT id, document_id, source_type, source_id, title, due_on, priority, assignee_unit_code, assigner_unit_code,
                   status, latest_percent, created_by, created_by_name, created_at, updated_at, accepted_at
            FROM tasks WHERE source_id = @sourceId AND source_type = @sourceType
            FOR UPDATE
            """,
            new { sourceId, sourceType }, transaction, cancellationToken: cancellationToken))
        ?? throw new InvalidOperationException($"No {sourceType} task for {sourceId} yet; the event that opens it has not been handled.");

    /// <summary>
    /// Accepts the task unless it is accepted already (false then), at <paramref name="at"/> (when the source decided,
    /// not when a delayed message arrived); publishes <see cref="TaskAccepted"/>.
    /// </summary>
    public async Task<bool> AcceptAsync(
        TaskRow task, string actor, string actorName, string note, DateTimeOffset at, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (Remediation.OnVerified(task.State) is not { } transition)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var onTime = VietnamTime.DateOf(at) <= task.DueOn;
        await ChangeAsync(task, transition, actor, actorName, note, at, transaction, now, cancellationToken);
        await outbox.AddAsync(new TaskAccepted(
            Guid.CreateVersion7(), now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
            task.AssignerUnitCode, task.DueOn, onTime, note, actor), transaction, cancellationToken);
        return true;
    }

    /// <summary>
    /// The system's progress report on an open task at <paramref name="at"/>: a report row (not done), the task's latest
    /// percent, an assigned task started, the history row and <see cref="TaskReported"/>. A report not newer than the
    /// task's latest one from <paramref name="actor"/> is stale (a re-published or overtaken event) and changes nothing
    /// (false then), so counts that arrive out of order never go backwards.
    /// </summary>
    public async Task<bool> ReportAsync(
        TaskRow task, string actor, string actorName, int percent, string note, DateTimeOffset at, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var latest = await connection.QuerySingleAsync<DateTime?>(new CommandDefinition(
            "SELECT max(at) FROM task_reports WHERE task_id = @id AND reported_by = @actor",
            new { id = task.Id, actor }, transaction, cancellationToken: cancellationToken));
        if (task.State == TaskState.Accepted || (latest is { } last && at.UtcDateTime <= DateTime.SpecifyKind(last, DateTimeKind.Utc)))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var state = task.State == TaskState.Assigned ? TaskState.InProgress : task.State;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE tasks SET status = @status, latest_percent = @percent, updated_at = @now WHERE id = @id;
            INSERT INTO task_reports (task_id, note, percent, result, done, reported_by, reported_by_name, at)
            VALUES (@id, @note, @percent, NULL, false, @actor, @actorName, @at);
            INSERT INTO task_events (task_id, kind, actor, actor_name, note, at) VALUES (@id, 'reported', @actor, @actorName, @note, @at);
            """,
            new { id = task.Id, status = TaskStatuses.Name(state), percent, now = now.UtcDateTime, note, actor, actorName, at = at.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
        await outbox.AddAsync(new TaskReported(
            Guid.CreateVersion7(), now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
            task.AssignerUnitCode, percent, false, note, null, actor), transaction, cancellationToken);
        return true;
    }

    /// <summary>
    /// Sends a reported or accepted task back to <c>in_progress</c> with the reason (publishing <see cref="TaskReturned"/>);
    /// a task still open only gets the reason in its history.
    /// </summary>
    public async Task ReopenAsync(
        TaskRow task, string actor, string actorName, string note, DateTimeOffset at, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var transition = Remediation.OnReopened(task.State);
        var now = time.GetUtcNow();
        await ChangeAsync(task, transition, actor, actorName, note, at, transaction, now, cancellationToken);
        if (transition.To != task.State)
        {
            await outbox.AddAsync(new TaskReturned(
                Guid.CreateVersion7(), now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
                task.AssignerUnitCode, note, actor), transaction, cancellationToken);
        }
    }

    private static async Task ChangeAsync(
        TaskRow task, TaskTransition transition, string actor, string actorName, string note, DateTimeOffset at, NpgsqlTransaction transaction,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        if (transition.To != task.State)
        {
            // accepted_at belongs to the current acceptance only: a reopened task is open again.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE tasks SET status = @status, updated_at = @now,
                       accepted_at = CASE WHEN @status = 'accepted' THEN @at ELSE NULL END
                WHERE id = @id
                """,
                new { id = task.Id, status = TaskStatuses.Name(transition.To), now = now.UtcDateTime, at = at.UtcDateTime },
                transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO task_events (task_id, kind, actor, actor_name, note, at) VALUES (@id, @kind, @actor, @actorName, @note, @at)",
            new { id = task.Id, kind = transition.EventKind, actor, actorName, note, at = at.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
    }
}
