namespace Dakla06.Inspections;

public static class InspectionsServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "inspectionsdb";

    /// <summary>Telemetry name of this service's own activities and metrics.</summary>
    public const string TelemetryName = "Dakla06.Inspections";

    public static WebApplicationBuilder AddInspections(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(InspectionsServiceExtensions).Assembly);
        builder.AddServiceMessaging("inspections");
        return builder;
    }
}
