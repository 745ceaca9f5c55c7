using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Contracts.Statistics;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Jobs;

/// <summary>
/// Evaluates every unit × target: after each completed import (the import worker asks for it and runs a scan) and once
/// a day (<c>Statistics:ShortfallScanInterval</c>, default one hour, finds the targets not evaluated today). A target is
/// evaluated over its period up to today, for its unit or for every unit of its level (except the units with a target of
/// their own for the same indicator and period). The state per unit × indicator × target period is kept in
/// <c>shortfalls</c>; only a change of it publishes, in the same transaction: <see cref="IndicatorShortfallDetected"/>
/// when the unit falls short, <see cref="IndicatorShortfallCleared"/> when it meets the target again. A share of nothing
/// (no dossiers in its denominator) is not judged.
/// </summary>
public sealed class ShortfallScanner(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    IndicatorStore indicators,
    TargetStore targets,
    StatisticsTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<ShortfallScanner> logger)
    : PeriodicScanner<TargetRow>(dataSource, outbox, telemetry, time, configuration, logger)
{
    private static readonly UnitScope Province = new(AdminUnitDirectory.Default.Root);

    /// <summary>The <c>SourceService</c> of the events this service publishes.</summary>
    public const string SourceService = "statistics";

    protected override string IntervalKey => "Statistics:ShortfallScanInterval";

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

    /// <summary>After an import completed: every target is evaluated again, now (what fails here, the next scan redoes).</summary>
    public async Task EvaluateAfterImportAsync(CancellationToken cancellationToken)
    {
        await targets.RequestEvaluationAsync(cancellationToken);
        await ScanOnceAsync(cancellationToken);
    }

    protected override async Task ProcessAsync(TargetRow target, ScanBatch batch)
    {
        var connection = batch.Transaction.Connection!;
        var end = target.PeriodTo < batch.Today ? target.PeriodTo : batch.Today;
        var unit = target.UnitCode is null ? null : AdminUnitDirectory.Default.Find(target.UnitCode);
        var level = unit?.Level ?? Targets.LevelOf(target.Level!);
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

        var sums = await SumsAsync(unit, level, target.PeriodFrom, end, batch.CancellationToken);
        var name = Targets.Describe(target.Indicator)?.Name ?? target.Indicator;
        var states = (await connection.QueryAsync<(string UnitCode, bool InShortfall)>(new CommandDefinition("""
            SELECT unit_code, in_shortfall FROM shortfalls
            WHERE indicator = @indicator AND period_from = @from AND period_to = @to AND unit_code = ANY(@units)
            FOR UPDATE
            """, new { indicator = target.Indicator, from = target.PeriodFrom, to = target.PeriodTo, units = units.ToArray() },
            batch.Transaction, cancellationToken: batch.CancellationToken))).ToDictionary(s => s.UnitCode, s => s.InShortfall);

        foreach (var code in units)
        {
            var value = Indicators.Compute(sums.GetValueOrDefault(code) ?? IndicatorSums.Zero(code)).Single(i => i.Code == target.Indicator).Value;
            if (value is not { } actual)
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

    /// <summary>
    /// The sums of the unit's subtree, or of each unit of the level over its own subtree (the units one level up broken
    /// down by child), keyed by unit code; read for the system, in the whole province's scope.
    /// </summary>
    private async Task<Dictionary<string, IndicatorSums>> SumsAsync(
        AdminUnit? unit, AdminLevel level, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (unit is not null || level == AdminLevel.Province)
        {
            var whole = unit ?? AdminUnitDirectory.Default.Root;
            return (await indicators.SumAsync(Province, whole.Path, from, to, IndicatorGrouping.None, cancellationToken)).ToDictionary(_ => whole.Code);
        }

        var sums = new Dictionary<string, IndicatorSums>(StringComparer.Ordinal);
        foreach (var parent in AdminUnitDirectory.Default.All.Where(u => u.Level == level - 1))
        {
            foreach (var child in await indicators.SumAsync(Province, parent.Path, from, to, IndicatorGrouping.Child, cancellationToken))
            {
                if (child.Key != parent.Code)
                {
                    sums[child.Key] = child;
                }
            }
        }

        return sums;
    }
}
