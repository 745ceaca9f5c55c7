using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Jobs;
using Dakla06.Enrolment.Messaging;
using Dakla06.ServiceDefaults.Imports;

namespace Dakla06.Enrolment;

public static class EnrolmentServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "enrolmentdb";

    public static WebApplicationBuilder AddEnrolment(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(EnrolmentServiceExtensions).Assembly);
        builder.AddServiceMessaging("enrolment", bus => bus.AddConsumer<PopulationConsumer>());
        builder.AddServiceTelemetry<EnrolmentTelemetry>();
        builder.Services.AddSingleton<ImportJobStore>();
        builder.Services.AddSingleton<ImportSignal>();
        builder.Services.AddSingleton<ApplicationWriter>();
        builder.Services.AddSingleton<CardEventWriter>();
        builder.Services.AddSingleton<EidAccountWriter>();
        builder.Services.AddSingleton<FunnelStore>();
        // After the migrator (registered by AddServiceDatabase): hosted services start in registration order.
        builder.Services.AddHostedService<EnrolmentImportWorker>();
        builder.AddEnrolmentOutreach();
        return builder;
    }
}
