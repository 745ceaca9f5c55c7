using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Inspections;
using Dakla06.Directives.Domain;
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
public sealed class RemediationStore(Outbox outbox, SourceTasks tasks, AdminUnitDirectory units, TimeProvider time)
{
    /// <summary>Opens the finding's task (and the inspection's conclusion document if it is the first finding); false when it exists already.</summary>
    public async Task<bool> OpenAsync(FindingRaised finding, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An unknown unit code is a contract breach that retrying cannot fix: the message ends in the error queue.
        var assignee = units.Find(finding.UnitCode)
            ?? throw new InvalidOperationException($"FindingRaised {finding.FindingId}: unknown responsible unit '{finding.UnitCode}'.");
        var inspecting = units.Find(finding.InspectingUnitCode)
            ?? throw new InvalidOperationException($"FindingRaised {finding.FindingId}: unknown inspecting unit '{finding.InspectingUnitCode}'.");
        var documentId = await EnsureConclusionAsync(finding, inspecting, transaction, time.GetUtcNow(), cancellationToken);
        return await tasks.OpenAsync(new NewSourceTask(
            documentId, RemediationTasks.SourceType, SourceId(finding.FindingId), Remediation.Title(finding), Remediation.Description(finding),
            Remediation.ExpectedOutput, finding.Deadline, Remediation.Priority(finding.Severity), assignee, inspecting,
            Remediation.SystemUser, $"{Remediation.SystemUserName} (tổ {finding.TeamCode})", finding.RaisedBy,
            $"Phát hiện do {finding.RaisedBy} ghi nhận", finding.OccurredAt), transaction, cancellationToken);
    }

    /// <summary>Accepts the finding's task unless it is accepted already; publishes <see cref="TaskAccepted"/>.</summary>
    public async Task<bool> VerifyAsync(FindingVerified verified, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var task = await SourceTasks.LockAsync(RemediationTasks.SourceType, SourceId(verified.FindingId), transaction, cancellationToken);
        // Accepted when the team verified (the event's time), not when a delayed message arrived.
        return await tasks.AcceptAsync(task, verified.VerifiedBy, ActorName(verified.VerifiedBy), Remediation.VerifiedHistoryNote(verified.Note),
            verified.OccurredAt, transaction, cancellationToken);
    }

    /// <summary>
    /// Sends a reported or accepted task back to <c>in_progress</c> with the reason (publishing <see cref="TaskReturned"/>);
    /// a task still open only gets the reason in its history.
    /// </summary>
    public async Task ReopenAsync(FindingReopened reopened, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var task = await SourceTasks.LockAsync(RemediationTasks.SourceType, SourceId(reopened.FindingId), transaction, cancellationToken);
        await tasks.ReopenAsync(task, reopened.ReopenedBy, ActorName(reopened.ReopenedBy), Remediation.ReopenedHistoryNote(reopened.Reason),
            reopened.OccurredAt, transaction, cancellationToken);
    }

    public static string SourceId(Guid findingId) => findingId.ToString("D");

    private static string ActorName(string actor) => $"Tổ kiểm tra ({actor})";

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
}
