using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Enrolment;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Jobs;

/// <summary>An application × stage that crossed its stage's line and has not been announced yet.</summary>
public sealed class StuckCandidate
{
    public string ApplicationCode { get; init; } = string.Empty;

    public string Stage { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public DateOnly Since { get; init; }

    public int DaysWaited { get; init; }

    public int ThresholdDays { get; init; }
}

/// <summary>
/// Announces each application × stage once, when it becomes stuck (<see cref="EnrolmentStuck"/>), on the service's clock
/// (<c>Enrolment:StuckScanInterval</c>, default one hour). The claim reads the stuck applications of the whole province
/// that have no notice yet; the notice row is inserted with the event, and a pair another replica announced in between
/// inserts nothing and publishes nothing (its primary key, not a row lock, makes "once" hold, so imports updating
/// applications never wait on the scan).
/// </summary>
public sealed class StuckScanner(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    StuckStore stuck,
    EnrolmentTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<StuckScanner> logger)
    : PeriodicScanner<StuckCandidate>(dataSource, outbox, telemetry, time, configuration, logger), IAfterEnrolmentImport
{
    private static readonly UnitScope Province = new(AdminUnitDirectory.Default.Root);

    protected override string IntervalKey => "Enrolment:StuckScanInterval";

    protected override TimeSpan DefaultInterval => TimeSpan.FromHours(1);

    public override int BatchSize => 500;

    // @today is the scan's day in Vietnam; the province's subtree in its own scope (the system reads everything).
    protected override string ClaimSql => $"""
        SELECT s.application_code, s.stage, s.commune_code, s.since, s.days_waited, s.threshold_days
        FROM ({StuckStore.StuckSql}) s
        WHERE NOT EXISTS (SELECT 1 FROM stuck_notices n WHERE n.application_code = s.application_code AND n.stage = s.stage)
        ORDER BY s.since, s.application_code, s.stage
        LIMIT @batch
        """;

    /// <summary>The parameters of the claim beyond <c>@batch</c>, <c>@now</c>, <c>@today</c>.</summary>
    protected override object? ClaimParameters(DateOnly today) => stuck.Parameters(Province, AdminUnitDirectory.Default.Root, today, stage: null);

    /// <summary>
    /// An import may bring applications that are stuck already (received long ago): announce them soon, in the scan's own
    /// loop — a province's worth of notices takes minutes, and the next import must not wait for them.
    /// </summary>
    public Task ImportCompletedAsync(CancellationToken cancellationToken)
    {
        RequestScan();
        return Task.CompletedTask;
    }

    protected override async Task ProcessAsync(StuckCandidate item, ScanBatch batch)
    {
        var inserted = await batch.Transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO stuck_notices (application_code, stage, commune_code, since, days_waited, threshold_days, announced_at)
            VALUES (@ApplicationCode, @Stage, @CommuneCode, @Since, @DaysWaited, @ThresholdDays, @now)
            ON CONFLICT DO NOTHING
            """,
            new { item.ApplicationCode, item.Stage, item.CommuneCode, item.Since, item.DaysWaited, item.ThresholdDays, now = batch.Now },
            batch.Transaction, cancellationToken: batch.CancellationToken));
        if (inserted == 1)
        {
            await Outbox.AddAsync(new EnrolmentStuck(Guid.CreateVersion7(), batch.Now, item.CommuneCode, item.ApplicationCode, item.Stage,
                item.Since, item.DaysWaited, item.ThresholdDays), batch.Transaction, batch.CancellationToken);
        }
    }
}
