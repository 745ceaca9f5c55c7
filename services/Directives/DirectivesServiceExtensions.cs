using Dakla06.Directives.Data;
using Dakla06.Directives.Jobs;
using Dakla06.Directives.Messaging;

namespace Dakla06.Directives;

public static class DirectivesServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "directivesdb";

    public static WebApplicationBuilder AddDirectives(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(DirectivesServiceExtensions).Assembly);
        builder.AddServiceMessaging("directives", bus =>
        {
            // The inspection service's findings become remediation tasks (issue 4).
            bus.AddConsumer<FindingRaisedConsumer>();
            bus.AddConsumer<FindingVerifiedConsumer>();
            bus.AddConsumer<FindingReopenedConsumer>();
            // Indicator shortfalls of statistics and enrolment become tasks closed by the data (issue 11).
            bus.AddConsumer<IndicatorShortfallDetectedConsumer>();
            bus.AddConsumer<IndicatorShortfallClearedConsumer>();
            // Registry-quality assignments of cleansing become commune tasks closed by the data (issue 13).
            bus.AddConsumer<RegistryQualityTaskAssignedConsumer>();
            bus.AddConsumer<RegistryQualityTaskProgressedConsumer>();
        });
        builder.AddServiceTelemetry<DirectivesTelemetry>();
        builder.Services.AddSingleton<DocumentStore>();
        builder.Services.AddSingleton<TaskStore>();
        builder.Services.AddSingleton<SourceTasks>();
        builder.Services.AddSingleton<RemediationStore>();
        builder.Services.AddSingleton<ShortfallStore>();
        builder.Services.AddSingleton<RegistryQualityStore>();
        builder.Services.AddSingleton<SummaryStore>();
        builder.Services.AddSingleton<WorkingGroupStore>();
        builder.Services.AddHostedService<OverdueTaskScanner>();
        return builder;
    }
}
