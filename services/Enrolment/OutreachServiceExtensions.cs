using Dakla06.Enrolment.Data;

namespace Dakla06.Enrolment;

/// <summary>
/// The registrations of stuck detection, the missing lists with reasons and visits, and targets with their shortfalls
/// (the outreach part of issue #12), kept apart from imports and the funnel so that both grow without touching each other.
/// </summary>
public static class OutreachServiceExtensions
{
    public static WebApplicationBuilder AddEnrolmentOutreach(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutreachStore>();
        return builder;
    }
}
