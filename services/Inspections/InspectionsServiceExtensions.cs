using Dakla06.Inspections.Data;
using Dakla06.Inspections.Domain;
using Dakla06.Inspections.Jobs;
using Dakla06.Inspections.Messaging;

namespace Dakla06.Inspections;

public static class InspectionsServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "inspectionsdb";

    public static WebApplicationBuilder AddInspections(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(InspectionsServiceExtensions).Assembly);
        builder.AddServiceMessaging("inspections", bus => bus.AddConsumer<TaskReportedConsumer>());
        builder.Services.AddOptions<SlaOptions>()
            .BindConfiguration(SlaOptions.Section)
            .Validate(sla => !sla.Problems().Any(), "Inspections:Sla: every severity needs at least 1 day.")
            .ValidateOnStart();
        builder.AddServiceTelemetry<InspectionsTelemetry>();
        builder.Services.AddSingleton<ReadinessRecorder>();
        builder.Services.AddSingleton<SystemStore>();
        builder.Services.AddSingleton<ChecklistStore>();
        builder.Services.AddSingleton<InspectionStore>();
        builder.Services.AddSingleton<FindingStore>();
        builder.Services.AddSingleton<DeviceStore>();
        builder.Services.AddSingleton<CoverageStore>();
        // After the migrator (registered by AddServiceDatabase): hosted services start in registration order.
        builder.Services.AddHostedService<ChecklistLoader>();
        builder.Services.AddHostedService<RiskAcceptanceExpiryScanner>();
        return builder;
    }
}
