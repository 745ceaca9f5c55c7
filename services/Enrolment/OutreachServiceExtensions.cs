using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.Enrolment.Jobs;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        builder.Services.AddSingleton<MissingStore>();
        builder.Services.AddCallerApiClient<CleansingClient>(CleansingClient.ServiceAddress);
        builder.Services.TryAddSingleton<PersonalDataAudit>();
        builder.Services.AddSingleton(StuckThresholds.From(builder.Configuration));
        builder.Services.AddSingleton<StuckStore>();
        // One instance of each scanner: the import worker runs them after each completed import, the host periodically.
        builder.Services.AddSingleton<StuckScanner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StuckScanner>());
        builder.Services.AddSingleton<IAfterEnrolmentImport>(services => services.GetRequiredService<StuckScanner>());
        builder.AddTargets<WebApplicationBuilder, ShortfallScanner>(ShortfallScanner.TargetIndicators);
        builder.Services.AddSingleton<IAfterEnrolmentImport>(services => services.GetRequiredService<ShortfallScanner>());
        return builder;
    }
}
