using Dakla06.ServiceDefaults.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class TargetsExtensions
{
    /// <summary>
    /// Targets on the service's indicators (<paramref name="indicators"/>): the store, the catalogue the endpoints check
    /// against, and <typeparamref name="TScanner"/> running as a job (the service's migrations create <c>targets</c> and
    /// <c>shortfalls</c>; map the endpoints with <see cref="TargetsEndpoints.MapTargetsApi"/>).
    /// </summary>
    public static TBuilder AddTargets<TBuilder, TScanner>(this TBuilder builder, IEnumerable<TargetIndicator> indicators)
        where TBuilder : IHostApplicationBuilder
        where TScanner : IndicatorShortfallScanner
    {
        builder.Services.AddSingleton(new TargetIndicatorCatalogue(indicators));
        builder.Services.AddSingleton<TargetStore>();
        builder.Services.AddSingleton<TScanner>();
        builder.Services.AddSingleton<IndicatorShortfallScanner>(services => services.GetRequiredService<TScanner>());
        builder.Services.AddHostedService(services => services.GetRequiredService<TScanner>());
        return builder;
    }
}
