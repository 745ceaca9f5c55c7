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
        var onTime = DateOnly.FromDateTime(at.ToOffset(VietnamTime.Offset).DateTime) <= task.DueOn;
        await ChangeAsync(task, transition, actor, actorName, note, at, transaction, now, cancellationToken);
        await outbox.AddAsync(new TaskAccepted(
            Guid.CreateVersion7(), now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
            task.AssignerUnitCode, task.DueOn, onTime, note, actor), transaction, cancellationToken);
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
