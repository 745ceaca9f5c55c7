using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Contracts.Statistics;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Telemetry;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dakla06.ServiceDefaults.Targets;

/// <summary>
/// Evaluates every unit × target of a service: after each completed import (<see cref="EvaluateAfterImportAsync"/>) and
/// once a day (<see cref="PeriodicScanner{TItem}.IntervalKey"/>, default one hour, finds the targets not evaluated today).
/// A target is evaluated over its period up to today, for its unit or for every unit of its level (except the units with
/// a target of their own for the same indicator and period). The state per unit × indicator × target period is kept in
/// <c>shortfalls</c>; only a change of it publishes, in the same transaction: <see cref="IndicatorShortfallDetected"/>
/// when the unit falls short, <see cref="IndicatorShortfallCleared"/> when it meets the target again, both with
/// <see cref="SourceService"/>. A value the service cannot judge (a share of nothing) is skipped. A subclass says how
/// its indicators are measured (<see cref="ValuesAsync"/>).
/// </summary>
public abstract class IndicatorShortfallScanner(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    TargetStore targets,
    TargetIndicatorCatalogue catalogue,
    ServiceTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger logger)
    : PeriodicScanner<TargetRow>(dataSource, outbox, telemetry, time, configuration, logger)
{
    /// <summary>The <c>SourceService</c> of the events (the directive task's source id starts with it).</summary>
    protected abstract string SourceService { get; }

    protected override TimeSpan DefaultInterval => TimeSpan.FromHours(1);

    public override int BatchSize => 20;

    protected override string ClaimSql => $"""
        WITH due AS (
            SELECT id FROM targets
            WHERE period_from <= @today AND (evaluate_requested OR evaluated_on IS NULL OR evaluated_on < @today)
            ORDER BY id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        )
        UPDATE targets t SET evaluate_requested = false, evaluated_on = @today
        FROM due
        WHERE t.id = due.id
        RETURNING {TargetStore.Columns}
        """;

    /// <summary>
    /// The value of <paramref name="indicator"/> over [<paramref name="from"/>, <paramref name="to"/>] of
    /// <paramref name="unit"/>'s subtree, or (unit null) of each unit of <paramref name="level"/> over its own subtree;
    /// a function of the unit code, null when the value cannot be judged. Read for the system, in the whole province.
    /// </summary>
    protected abstract Task<Func<string, decimal?>> ValuesAsync(
        string indicator, AdminUnit? unit, AdminLevel level, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>After an import completed: every target is evaluated again, now (what fails here, the next scan redoes).</summary>
    public async Task EvaluateAfterImportAsync(CancellationToken cancellationToken)
    {
        await targets.RequestEvaluationAsync(cancellationToken);
        await ScanOnceAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes <paramref name="target"/>. Its units still in shortfall get <see cref="IndicatorShortfallCleared"/> with
    /// <c>TargetWithdrawn</c> (their tasks close: nothing is left to reach), its shortfall states go, and every target is
    /// evaluated again — a level-wide target may now apply to a unit whose own target this was.
    /// </summary>
    public async Task WithdrawAsync(TargetRow target, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var withdrawn = await connection.QueryAsync<(string UnitCode, decimal Actual)>(new CommandDefinition("""
            WITH gone AS (DELETE FROM shortfalls WHERE target_id = @Id RETURNING unit_code, actual, in_shortfall)
            SELECT unit_code, actual FROM gone WHERE in_shortfall ORDER BY unit_code
            """, target, transaction, cancellationToken: cancellationToken));
        var (name, at) = (catalogue.NameOf(target.Indicator), Time.GetUtcNow());
        foreach (var (unitCode, actual) in withdrawn)
        {
            await Outbox.AddAsync(new IndicatorShortfallCleared(Guid.CreateVersion7(), at, unitCode, SourceService, target.Indicator, name,
                target.PeriodFrom, target.PeriodTo, target.Threshold, actual, target.Direction, target.Document, target.SetByUnitCode,
                TargetWithdrawn: true), transaction, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM targets WHERE id = @Id;
            UPDATE targets SET evaluate_requested = true WHERE NOT evaluate_requested;
            """, target, transaction, cancellationToken: cancellationToken));
        await Outbox.CommitAsync(transaction, cancellationToken);
    }

    protected override async Task ProcessAsync(TargetRow target, ScanBatch batch)
    {
        var connection = batch.Transaction.Connection!;
        var end = target.PeriodTo < batch.Today ? target.PeriodTo : batch.Today;
        var unit = target.UnitCode is null ? null : AdminUnitDirectory.Default.Find(target.UnitCode);
        var level = unit?.Level ?? TargetRules.LevelOf(target.Level!);
        var units = unit is null
            ? AdminUnitDirectory.Default.All.Where(u => u.Level == level).Select(u => u.Code).ToList()
            : [unit.Code];
        if (unit is null)
        {
            // A unit's own target for the same indicator and period replaces the level-wide one for it.
            var own = await connection.QueryAsync<string>(new CommandDefinition("""
                SELECT unit_code FROM targets WHERE unit_code IS NOT NULL AND indicator = @Indicator AND period_from = @PeriodFrom AND period_to = @PeriodTo
                """, target, batch.Transaction, cancellationToken: batch.CancellationToken));
            units = [.. units.Except(own)];
        }

        var valueOf = await ValuesAsync(target.Indicator, unit, level, target.PeriodFrom, end, batch.CancellationToken);
        var name = catalogue.NameOf(target.Indicator);
        var states = (await connection.QueryAsync<(string UnitCode, bool InShortfall)>(new CommandDefinition("""
            SELECT unit_code, in_shortfall FROM shortfalls
            WHERE indicator = @indicator AND period_from = @from AND period_to = @to AND unit_code = ANY(@units)
            FOR UPDATE
            """, new { indicator = target.Indicator, from = target.PeriodFrom, to = target.PeriodTo, units = units.ToArray() },
            batch.Transaction, cancellationToken: batch.CancellationToken))).ToDictionary(s => s.UnitCode, s => s.InShortfall);

        foreach (var code in units)
        {
            if (valueOf(code) is not { } actual)
            {
                continue;
            }

            var shortfall = !TargetDirections.Met(target.Direction, target.Threshold, actual);
            var was = states.GetValueOrDefault(code);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO shortfalls (unit_code, indicator, period_from, period_to, target_id, in_shortfall, threshold, actual, changed_at, evaluated_at)
                VALUES (@code, @Indicator, @PeriodFrom, @PeriodTo, @Id, @shortfall, @Threshold, @actual, @now, @now)
                ON CONFLICT (unit_code, indicator, period_from, period_to) DO UPDATE
                    SET target_id = EXCLUDED.target_id, threshold = EXCLUDED.threshold, actual = EXCLUDED.actual, evaluated_at = EXCLUDED.evaluated_at,
                        changed_at = CASE WHEN shortfalls.in_shortfall = EXCLUDED.in_shortfall THEN shortfalls.changed_at ELSE EXCLUDED.changed_at END,
                        in_shortfall = EXCLUDED.in_shortfall
                """,
                new { code, target.Indicator, target.PeriodFrom, target.PeriodTo, target.Id, shortfall, target.Threshold, actual, now = batch.Now },
                batch.Transaction, cancellationToken: batch.CancellationToken));
            if (shortfall == was)
            {
                continue;
            }

            var (eventId, at) = (Guid.CreateVersion7(), batch.Now);
            if (shortfall)
            {
                await Outbox.AddAsync(new IndicatorShortfallDetected(eventId, at, code, SourceService, target.Indicator, name,
                    target.PeriodFrom, target.PeriodTo, target.Threshold, actual, target.Direction, target.Document, target.SetByUnitCode),
                    batch.Transaction, batch.CancellationToken);
            }
            else
            {
                await Outbox.AddAsync(new IndicatorShortfallCleared(eventId, at, code, SourceService, target.Indicator, name,
                    target.PeriodFrom, target.PeriodTo, target.Threshold, actual, target.Direction, target.Document, target.SetByUnitCode),
                    batch.Transaction, batch.CancellationToken);
            }
        }
    }
}
