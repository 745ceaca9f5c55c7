using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Inspections;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Directives.Data;

/// <summary>
/// Remediation tasks driven by the inspection service's events. Every method works inside the consumer's inbox
/// transaction, so the change, its history row and its event commit together with the inbox record. Each one is
/// idempotent on its own as well (a re-published event under a new message id changes nothing twice): one task per
/// finding (unique source), one conclusion document per inspection (unique inspection id), and verification or
/// reopening only acts on a state it changes.
/// </summary>
public sealed class RemediationStore(Outbox outbox, AdminUnitDirectory units, TimeProvider time)
{
    /// <summary>Opens the finding's task (and the inspection's conclusion document if it is the first finding); false when it exists already.</summary>
    public async Task<bool> OpenAsync(FindingRaised finding, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An unknown unit code is a contract breach that retrying cannot fix: the message ends in the error queue.
        var assignee = units.Find(finding.UnitCode)
            ?? throw new InvalidOperationException($"FindingRaised {finding.FindingId}: unknown responsible unit '{finding.UnitCode}'.");
        var inspecting = units.Find(finding.InspectingUnitCode)
            ?? throw new InvalidOperationException($"FindingRaised {finding.FindingId}: unknown inspecting unit '{finding.InspectingUnitCode}'.");
        var connection = transaction.Connection!;
        var now = time.GetUtcNow();
        var documentId = await EnsureConclusionAsync(finding, inspecting, transaction, now, cancellationToken);

        var taskId = Guid.CreateVersion7();
        var title = Remediation.Title(finding);
        var priority = Remediation.Priority(finding.Severity);
        var createdByName = $"{Remediation.SystemUserName} (tổ {finding.TeamCode})";
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tasks (id, document_id, source_type, source_id, title, description, expected_output, due_on, priority,
                               assignee_unit_code, unit_path, assigner_unit_code, assigner_unit_path,
                               created_by, created_by_name, created_at, updated_at)
            VALUES (@taskId, @documentId, @sourceType, @sourceId, @title, @description, @expectedOutput, @dueOn, @priority,
                    @assigneeCode, @assigneePath::ltree, @assignerCode, @assignerPath::ltree,
                    @createdBy, @createdByName, @now, @now)
            ON CONFLICT (source_id, source_type) WHERE source_id IS NOT NULL DO NOTHING
            """,
            new
            {
                taskId, documentId, sourceType = RemediationTasks.SourceType, sourceId = SourceId(finding.FindingId), title,
                description = Remediation.Description(finding), expectedOutput = Remediation.ExpectedOutput, dueOn = finding.Deadline,
                priority, assigneeCode = assignee.Code, assigneePath = assignee.Path, assignerCode = inspecting.Code,
                assignerPath = inspecting.Path, createdBy = Remediation.SystemUser, createdByName, now = now.UtcDateTime,
            },
            transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO task_events (task_id, kind, actor, actor_name, note, at) VALUES (@taskId, 'assigned', @actor, @actorName, @note, @at)",
            new { taskId, actor = finding.RaisedBy, actorName = createdByName, note = $"Phát hiện do {finding.RaisedBy} ghi nhận", at = finding.OccurredAt.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
        await outbox.AddAsync(new TaskAssigned(
            Guid.CreateVersion7(), now, assignee.Code, taskId, documentId, RemediationTasks.SourceType, SourceId(finding.FindingId),
            inspecting.Code, title, finding.Deadline, priority, finding.RaisedBy), transaction, cancellationToken);
        return true;
    }

    /// <summary>Accepts the finding's task unless it is accepted already; publishes <see cref="TaskAccepted"/>.</summary>
    public async Task<bool> VerifyAsync(FindingVerified verified, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var task = await LockTaskAsync(verified.FindingId, transaction, cancellationToken);
        if (Remediation.OnVerified(task.State) is not { } transition)
        {
            return false;
        }

        var now = time.GetUtcNow();
        // Accepted when the team verified (the event's time), not when a delayed message arrived.
        var acceptedAt = verified.OccurredAt;
        var onTime = DateOnly.FromDateTime(acceptedAt.ToOffset(VietnamTime.Offset).DateTime) <= task.DueOn;
        var note = Remediation.VerifiedHistoryNote(verified.Note);
        await ChangeAsync(task, transition, verified.VerifiedBy, note, acceptedAt, transaction, now, cancellationToken);
        await outbox.AddAsync(new TaskAccepted(
            Guid.CreateVersion7(), now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
            task.AssignerUnitCode, task.DueOn, onTime, note, verified.VerifiedBy), transaction, cancellationToken);
        return true;
    }

    /// <summary>
    /// Sends a reported or accepted task back to <c>in_progress</c> with the reason (publishing <see cref="TaskReturned"/>);
    /// a task still open only gets the reason in its history.
    /// </summary>
    public async Task ReopenAsync(FindingReopened reopened, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var task = await LockTaskAsync(reopened.FindingId, transaction, cancellationToken);
        var transition = Remediation.OnReopened(task.State);
        var now = time.GetUtcNow();
        var note = Remediation.ReopenedHistoryNote(reopened.Reason);
        await ChangeAsync(task, transition, reopened.ReopenedBy, note, reopened.OccurredAt, transaction, now, cancellationToken);
        if (transition.To != task.State)
        {
            await outbox.AddAsync(new TaskReturned(
                Guid.CreateVersion7(), now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
                task.AssignerUnitCode, note, reopened.ReopenedBy), transaction, cancellationToken);
        }
    }

    public static string SourceId(Guid findingId) => findingId.ToString("D");

    /// <summary>
    /// The inspection's conclusion document, created by the first finding that arrives. Concurrent consumers of two
    /// findings of one inspection take turns on a transaction-scoped advisory lock of the inspection id; without it
    /// both could pass ON CONFLICT's check at once, and the loser would fail on the (non-arbiter) unique number
    /// instead of finding the winner's row. The unique inspection id stays the guarantee; the lock only orders them.
    /// </summary>
    private async Task<Guid> EnsureConclusionAsync(
        FindingRaised finding, AdminUnit inspecting, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('inspection-conclusion:' || @inspectionId::text, 0))",
            new { inspectionId = finding.InspectionId }, transaction, cancellationToken: cancellationToken));
        var documentId = Guid.CreateVersion7();
        var (id, created) = await connection.QuerySingleAsync<(Guid Id, bool Created)>(new CommandDefinition(
            """
            INSERT INTO documents (id, document_type, number, issuing_unit_code, unit_path, issued_on, subject, summary,
                                   created_by, created_by_name, created_at, inspection_id)
            VALUES (@documentId, @type, @number, @unitCode, @unitPath::ltree, @issuedOn, @subject, @summary,
                    @createdBy, @createdByName, @now, @inspectionId)
            ON CONFLICT (inspection_id) WHERE inspection_id IS NOT NULL DO UPDATE SET inspection_id = EXCLUDED.inspection_id
            RETURNING id, (xmax = 0) AS created
            """,
            new
            {
                documentId, type = DocumentType.InspectionConclusion.Code, number = Remediation.ConclusionNumber(finding),
                unitCode = inspecting.Code, unitPath = inspecting.Path, issuedOn = finding.InspectedOn,
                subject = Remediation.ConclusionSubject(finding), summary = Remediation.ConclusionSummary(finding),
                createdBy = Remediation.SystemUser, createdByName = Remediation.SystemUserName, now = now.UtcDateTime,
                inspectionId = finding.InspectionId,
            },
            transaction, cancellationToken: cancellationToken));
        if (created)
        {
            await outbox.AddAsync(new DirectiveIssued(
                Guid.CreateVersion7(), now, inspecting.Code, id, DocumentType.InspectionConclusion.Code, Remediation.ConclusionNumber(finding),
                finding.InspectedOn, Remediation.ConclusionSubject(finding), Remediation.SystemUser), transaction, cancellationToken);
        }

        return id;
    }

    /// <summary>
    /// The finding's task, locked for this transaction. Missing means the FindingRaised has not been handled yet (it
    /// travels on another queue and may be retrying): throwing rolls back and lets the bus retry this message later.
    /// </summary>
    private static async Task<TaskRow> LockTaskAsync(Guid findingId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            """
            SELECT id, document_id, source_type, source_id, title, due_on, priority, assignee_unit_code, assigner_unit_code,
                   status, latest_percent, created_by, created_by_name, created_at, updated_at, accepted_at
            FROM tasks WHERE source_id = @sourceId AND source_type = @sourceType
            FOR UPDATE
            """,
            new { sourceId = SourceId(findingId), sourceType = RemediationTasks.SourceType },
            transaction, cancellationToken: cancellationToken))
        ?? throw new InvalidOperationException($"No remediation task for finding {findingId} yet; FindingRaised has not been handled.");

    private static async Task ChangeAsync(
        TaskRow task, TaskTransition transition, string actor, string note, DateTimeOffset at, NpgsqlTransaction transaction,
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
            new { id = task.Id, kind = transition.EventKind, actor, actorName = $"Tổ kiểm tra ({actor})", note, at = at.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
    }
}
