using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Security;
using Dakla06.ServiceDefaults.Targets;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;
using Npgsql;

namespace Dakla06.Statistics.Jobs;

/// <summary>
/// Statistics' targets against its service indicators over the target period (see <see cref="IndicatorShortfallScanner"/>;
/// <c>Statistics:ShortfallScanInterval</c>). A share of nothing (no dossiers in its denominator) is not judged.
/// </summary>
public sealed class ShortfallScanner(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    IndicatorStore indicators,
    TargetStore targets,
    TargetIndicatorCatalogue catalogue,
    StatisticsTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<ShortfallScanner> logger)
    : IndicatorShortfallScanner(dataSource, outbox, targets, catalogue, telemetry, time, configuration, logger)
{
    private static readonly UnitScope Province = new(AdminUnitDirectory.Default.Root);

    protected override string SourceService => "statistics";

    protected override string IntervalKey => "Statistics:ShortfallScanInterval";

    /// <summary>The indicators on which targets may be set: every service indicator.</summary>
    public static IEnumerable<TargetIndicator> TargetIndicators =>
        Indicators.Compute(IndicatorSums.Zero(string.Empty)).Select(i => new TargetIndicator(i.Code, i.Name, i.Unit == Indicators.PercentUnit));

    protected override async Task<Func<string, decimal?>> ValuesAsync(
        string indicator, AdminUnit? unit, AdminLevel level, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sums = await SumsAsync(unit, level, from, to, cancellationToken);
        return code => Indicators.Compute(sums.GetValueOrDefault(code) ?? IndicatorSums.Zero(code)).Single(i => i.Code == indicator).Value;
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
