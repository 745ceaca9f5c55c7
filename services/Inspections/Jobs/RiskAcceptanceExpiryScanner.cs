using Dakla06.Inspections.Data;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Messaging;
using Npgsql;

namespace Dakla06.Inspections.Jobs;

/// <summary>
/// Reopens findings whose risk acceptance has run out: every <c>Inspections:RiskExpiryScanInterval</c> (default one
/// hour) findings in <c>risk_accepted</c> whose <c>until</c> date (Vietnam) is before today become <c>reopened</c>
/// with the reason "Hết hạn chấp nhận rủi ro", a history row, <c>FindingReopened</c> and the system's readiness, in
/// one transaction per batch. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and change state, so with several
/// replicas each finding reopens once.
/// </summary>
public sealed class RiskAcceptanceExpiryScanner(
    NpgsqlDataSource dataSource,
    FindingStore findings,
    Outbox outbox,
    InspectionsTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<RiskAcceptanceExpiryScanner> logger)
    : PeriodicScanner<Guid>(dataSource, outbox, telemetry, time, configuration, logger)
{
    protected override string IntervalKey => "Inspections:RiskExpiryScanInterval";

    protected override TimeSpan DefaultInterval => TimeSpan.FromHours(1);

    public override int BatchSize => 200;

    // Handled in the order of their systems: each one locks its system (readiness), so two replicas' batches lock
    // systems in the same order and cannot deadlock.
    protected override string ClaimSql => """
        WITH expired AS (
            SELECT id, target_id FROM findings
            WHERE status = 'risk_accepted' AND risk_accepted_until < @today
            ORDER BY risk_accepted_until, id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        )
        SELECT id FROM expired ORDER BY target_id, id
        """;

    protected override Task ProcessAsync(Guid findingId, ScanBatch batch) =>
        findings.ExpireRiskAcceptanceAsync(batch.Transaction, findingId, batch.CancellationToken);
}
