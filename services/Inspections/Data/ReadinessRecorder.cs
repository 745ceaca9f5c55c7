using Dakla06.Contracts.Inspections;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Inspections.Data;

/// <summary>
/// Recomputes an information system's connection readiness inside the transaction of the change that may affect it
/// (an inspection completed, a finding raised or changing status), so readiness is never stale nor typed in. A
/// change of <c>cleared</c> or of the deciding condition writes a <c>readiness_changes</c> row, and a change of
/// <c>cleared</c> <see cref="ConnectionClearanceChanged"/> to the outbox, in the same transaction. The system row is locked first, so concurrent changes of one system are
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
    /// Recomputes readiness of <paramref name="systemId"/> within <paramref name="transaction"/>; records a change
    /// (<see cref="Readiness.IsRecordedChange"/>) effective on <paramref name="effectiveOn"/> (a Vietnam date), and
    /// publishes <see cref="ConnectionClearanceChanged"/> through the outbox when <c>cleared</c> changed.
    /// Returns the verdict; null for an unknown system.
    /// </summary>
    public async Task<ReadinessVerdict?> RecomputeAsync(NpgsqlTransaction transaction, Guid systemId, DateOnly effectiveOn, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var system = await connection.QuerySingleOrDefaultAsync<(string Name, string OwnerUnitCode, bool Cleared, string ReadinessReason, string ReadinessKind)>(new CommandDefinition(
            "SELECT name, owner_unit_code, cleared, readiness_reason, readiness_kind FROM systems WHERE id = @id FOR UPDATE",
            new { id = systemId }, transaction, cancellationToken: cancellationToken));
        if (system.Name is null)
        {
            return null;
        }

        var facts = await connection.QuerySingleAsync<ReadinessFactsRow>(new CommandDefinition(
            FactsSql, new { id = systemId }, transaction, cancellationToken: cancellationToken));
        var verdict = Readiness.Evaluate(new ReadinessFacts(facts.LatestCompletedOn, facts.LatestHasFailedCriticalItem, facts.UnresolvedBlockingFindings));
        var previous = new ReadinessVerdict(system.Cleared, system.ReadinessReason, system.ReadinessKind);
        if (verdict == previous)
        {
            return verdict;
        }

        var now = time.GetUtcNow();
        var recorded = Readiness.IsRecordedChange(previous, verdict);
        // The current reason is always kept up to date (e.g. "3 findings left" → "2 findings left"); a history row
        // only for a recorded change, an event only when cleared itself changed.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE systems SET cleared = @cleared, readiness_reason = @reason, readiness_kind = @kind,
                   readiness_changed_at = CASE WHEN @recorded THEN @now ELSE readiness_changed_at END
            WHERE id = @id;
            INSERT INTO readiness_changes (system_id, cleared, reason, kind, at, effective_on)
            SELECT @id, @cleared, @reason, @kind, @now, @effectiveOn WHERE @recorded;
            """,
            new { id = systemId, cleared = verdict.Cleared, reason = verdict.Reason, kind = verdict.Kind, recorded, now = now.UtcDateTime, effectiveOn },
            transaction, cancellationToken: cancellationToken));
        if (verdict.Cleared != previous.Cleared)
        {
            await outbox.AddAsync(new ConnectionClearanceChanged(
                Guid.CreateVersion7(), now, system.OwnerUnitCode, systemId, system.Name, verdict.Cleared, verdict.Reason),
                transaction, cancellationToken);
        }

        return verdict;
    }

    private sealed class ReadinessFactsRow
    {
        public DateOnly? LatestCompletedOn { get; init; }

        public bool LatestHasFailedCriticalItem { get; init; }

        public int UnresolvedBlockingFindings { get; init; }
    }
}
