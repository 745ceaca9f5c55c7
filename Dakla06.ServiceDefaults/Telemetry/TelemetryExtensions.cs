using Dakla06.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// Registers the service's telemetry, as <typeparamref name="TTelemetry"/> (for its own code) and as
    /// <see cref="ServiceTelemetry"/> (for shared code, e.g. <see cref="Dakla06.ServiceDefaults.Hosting.PeriodicScanner{TItem}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceTelemetry<TTelemetry>(this IHostApplicationBuilder builder)
        where TTelemetry : ServiceTelemetry
    {
        builder.Services.TryAddSingleton<TTelemetry>();
        builder.Services.TryAddSingleton<ServiceTelemetry>(services => services.GetRequiredService<TTelemetry>());
        return builder;
    }
}
