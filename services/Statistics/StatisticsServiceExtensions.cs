using Dakla06.Statistics.Data;
using Dakla06.Statistics.Jobs;

namespace Dakla06.Statistics;

public static class StatisticsServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "statisticsdb";

    public static WebApplicationBuilder AddStatistics(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(StatisticsServiceExtensions).Assembly);
        builder.AddServiceMessaging("statistics");
        builder.AddServiceTelemetry<StatisticsTelemetry>();
        builder.Services.AddSingleton<ProcedureStore>();
        builder.Services.AddSingleton<ImportStore>();
        builder.Services.AddSingleton<DossierWriter>();
        builder.Services.AddSingleton<ValidationRuleStore>();
        builder.Services.AddSingleton<OutlierStore>();
        builder.Services.AddSingleton<IndicatorStore>();
        builder.Services.AddSingleton<SummaryStore>();
        builder.Services.AddSingleton<ReportedValueStore>();
        builder.Services.AddSingleton<ImportSignal>();
        // After the migrator (registered by AddServiceDatabase): hosted services start in registration order.
        builder.Services.AddHostedService<DemoDataSeeder>();
        builder.Services.AddHostedService<DossierImportWorker>();
        // One scanner instance: the import worker runs its scan after each completed import, the host runs it periodically.
        builder.AddTargets<WebApplicationBuilder, ShortfallScanner>(ShortfallScanner.TargetIndicators);
        return builder;
    }
}
