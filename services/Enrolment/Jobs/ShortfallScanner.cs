using Dakla06.Contracts.AdminUnits;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Security;
using Dakla06.ServiceDefaults.Targets;
using Npgsql;

namespace Dakla06.Enrolment.Jobs;

/// <summary>
/// Enrolment's targets against the funnel's figures (see <see cref="IndicatorShortfallScanner"/>; SourceService
/// <c>enrolment</c>, <c>Enrolment:ShortfallScanInterval</c>): the funnel is cumulative, so a target is judged on the figure
/// as of its period's end, or today while the period runs. Evaluated after each completed import and daily. A share
/// of nothing (no population received yet, no level-2 account) is not judged.
/// </summary>
public sealed class ShortfallScanner(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    FunnelStore funnel,
    TargetStore targets,
    TargetIndicatorCatalogue catalogue,
    EnrolmentTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<ShortfallScanner> logger)
    : IndicatorShortfallScanner(dataSource, outbox, targets, catalogue, telemetry, time, configuration, logger), IAfterEnrolmentImport
{
    private static readonly UnitScope Province = new(AdminUnitDirectory.Default.Root);

    protected override string SourceService => "enrolment";

    protected override string IntervalKey => "Enrolment:ShortfallScanInterval";

    /// <summary>The figures on which targets may be set: every figure of the funnel.</summary>
    public static IEnumerable<TargetIndicator> TargetIndicators =>
        Funnel.Compute(FunnelSums.Zero(string.Empty)).Select(i => new TargetIndicator(i.Code, i.Name, i.Denominator is not null));

    public Task ImportCompletedAsync(CancellationToken cancellationToken) => EvaluateAfterImportAsync(cancellationToken);

    protected override async Task<Func<string, decimal?>> ValuesAsync(
        string indicator, AdminUnit? unit, AdminLevel level, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        IReadOnlyList<AdminUnit> units = unit is null ? [.. AdminUnitDirectory.Default.All.Where(u => u.Level == level)] : [unit];
        var (sums, _) = await funnel.AsOfAsync(Province, units, to, cancellationToken);
        return code => Funnel.Compute(sums.GetValueOrDefault(code) ?? FunnelSums.Zero(code)).Single(i => i.Code == indicator).Value;
    }
}
