namespace Dakla06.Cleansing;

public static class CleansingServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "cleansingdb";

    /// <summary>Telemetry name of this service's own activities and metrics.</summary>
    public const string TelemetryName = "Dakla06.Cleansing";

    public static WebApplicationBuilder AddCleansing(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(CleansingServiceExtensions).Assembly);
        builder.AddServiceMessaging("cleansing");
        return builder;
    }
}
