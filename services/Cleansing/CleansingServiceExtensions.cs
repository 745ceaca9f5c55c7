using Dakla06.Cleansing.Api;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Jobs;
using Dakla06.Cleansing.Quality;
using Dakla06.Cleansing.Registry;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.Cleansing;

public static class CleansingServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "cleansingdb";

    public static WebApplicationBuilder AddCleansing(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(CleansingServiceExtensions).Assembly);
        builder.AddServiceMessaging("cleansing");
        builder.AddServiceTelemetry<CleansingTelemetry>();
        builder.Services.AddSingleton<PersonalDataAudit>();
        builder.Services.AddSingleton<CleansingAudit>();
        builder.Services.AddSingleton<BatchStore>();
        builder.Services.AddSingleton<BatchRecordWriter>();
        builder.Services.AddSingleton<BatchSignal>();
        builder.Services.AddSingleton<RegistrySnapshotProvider>();
        builder.Services.AddSingleton<RegistryStore>();
        builder.Services.AddSingleton<PopulationStore>();
        builder.Services.AddSingleton<PopulationSignal>();
        builder.Services.AddSingleton<PersonRefs>();
        builder.Services.AddSingleton<ResolutionStore>();
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<DuplicateStore>();
        builder.Services.AddSingleton<RevalidationLimiter>();
        builder.Services.AddSingleton<QualitySettings>();
        builder.Services.AddSingleton<QualityRules>();
        builder.Services.AddSingleton<QualityItemStore>();
        builder.Services.AddSingleton<QualityAssignmentStore>();
        // Before the worker: hosted services start in order, so a fresh installation is seeded before any batch runs.
        builder.Services.AddHostedService<RegistrySeeder>();
        builder.Services.AddHostedService<BatchWorker>();
        builder.Services.AddHostedService<PopulationPublisher>();
        builder.Services.AddHostedService<QualityTaskPublisher>();
        return builder;
    }
}
