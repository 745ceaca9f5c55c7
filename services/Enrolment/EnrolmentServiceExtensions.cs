namespace Dakla06.Enrolment;

public static class EnrolmentServiceExtensions
{
    /// <summary>The Aspire database resource and connection-string name of this service.</summary>
    public const string DatabaseName = "enrolmentdb";

    public static WebApplicationBuilder AddEnrolment(this WebApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase(DatabaseName, typeof(EnrolmentServiceExtensions).Assembly);
        builder.AddServiceMessaging("enrolment");
        builder.AddServiceTelemetry<EnrolmentTelemetry>();
        builder.AddEnrolmentOutreach();
        return builder;
    }
}
