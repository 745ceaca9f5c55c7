using Dakla06.Contracts.Inspections;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Inspections.Data;

/// <summary>
/// Recomputes an information system's connection readiness inside the transaction of the change that may affect it
/// (an inspection completed, a finding raised or changing status), so readiness is never stale nor typed in. On a
/// change of <c>cleared</c> it writes a <c>readiness_changes</c> row and <see cref="ConnectionClearanceChanged"/> to
/// the outbox in the same transaction. The system row is locked first, so concurrent changes of one system are
/// decided one after the other on committed facts.
/// </summary>
public sealed class ReadinessRecorder(Outbox outbox, TimeProvider time)
{
    /// <summary>The facts readiness is decided on, read inside the caller's transaction.</summary>
    public const string FactsSql = """
        SELECT latest.completed_on AS latest_completed_on,
               COALESCE(latest.failed_critical, false) AS latest_has_failed_critical_item,
               (SELECT count(*)::int FROM findings f
                WHERE f.target_type = 'system' AND f.target_id = @id
                  AND f.severity IN ('critical', 'high')
                  AND f.status IN ('open', 'reopened', 'remediation_reported')) AS unresolved_blocking_findings
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
            SELECT i.completed_on,
                   EXISTS (SELECT 1 FROM inspection_results r
                           JOIN checklist_items ci ON ci.code = i.checklist_code AND ci.version = i.checklist_version AND ci.no = r.item_no
                           WHERE r.inspection_id = i.id AND r.result = 'fail' AND ci.critical) AS failed_critical
            FROM inspections i
            WHERE i.target_type = 'system' AND i.target_id = @id AND i.status = 'completed'
            ORDER BY i.completed_on DESC, i.updated_at DESC, i.id DESC
            LIMIT 1
        ) AS latest ON true
        """;

    /// <summary>
    /// Records the initial state of a newly registered system (no event: nothing changed for anyone listening, a
    /// system nobody heard of is not cleared). Returns the verdict to store on the system row.
    /// </summary>
    public static ReadinessVerdict Initial() => Readiness.Evaluate(new ReadinessFacts(null, false, 0));

    /// <summary>
    /// Recomputes readiness of <paramref name="systemId"/> within <paramref name="transaction"/>; when <c>cleared</c>
    /// changes, records the change (effective on <paramref name="effectiveOn"/>, a Vietnam date) and publishes
    /// <see cref="ConnectionClearanceChanged"/> through the outbox. Returns the verdict; null for an unknown system.
    /// </summary>
    public async Task<ReadinessVerdict?> RecomputeAsync(NpgsqlTransaction transaction, Guid systemId, DateOnly effectiveOn, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var system = await connection.QuerySingleOrDefaultAsync<(string Name, string OwnerUnitCode, bool Cleared, string ReadinessReason)>(new CommandDefinition(
            "SELECT name, owner_unit_code, cleared, readiness_reason FROM systems WHERE id = @id FOR UPDATE",
            new { id = systemId }, transaction, cancellationToken: cancellationToken));
        if (system.Name is null)
        {
            return null;
        }

        var facts = await connection.QuerySingleAsync<ReadinessFactsRow>(new CommandDefinition(
            FactsSql, new { id = systemId }, transaction, cancellationToken: cancellationToken));
        var verdict = Readiness.Evaluate(new ReadinessFacts(facts.LatestCompletedOn, facts.LatestHasFailedCriticalItem, facts.UnresolvedBlockingFindings));
        if (verdict.Cleared == system.Cleared)
        {
            // Same decision: keep the reason current (e.g. "3 findings left" → "2 findings left") without a history row.
            if (verdict.Reason != system.ReadinessReason)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE systems SET readiness_reason = @reason WHERE id = @id",
                    new { id = systemId, reason = verdict.Reason }, transaction, cancellationToken: cancellationToken));
            }

            return verdict;
        }

        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE systems SET cleared = @cleared, readiness_reason = @reason, readiness_changed_at = @now WHERE id = @id;
            INSERT INTO readiness_changes (system_id, cleared, reason, at, effective_on) VALUES (@id, @cleared, @reason, @now, @effectiveOn);
            """,
            new { id = systemId, cleared = verdict.Cleared, reason = verdict.Reason, now = now.UtcDateTime, effectiveOn },
            transaction, cancellationToken: cancellationToken));
        await outbox.AddAsync(new ConnectionClearanceChanged(
            Guid.CreateVersion7(), now, system.OwnerUnitCode, systemId, system.Name, verdict.Cleared, verdict.Reason),
            transaction, cancellationToken);
        return verdict;
    }

    private sealed class ReadinessFactsRow
    {
        public DateOnly? LatestCompletedOn { get; init; }

        public bool LatestHasFailedCriticalItem { get; init; }

        public int UnresolvedBlockingFindings { get; init; }
    }
}
