using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Dakla06.WebEntry;

/// <summary>The entry point is healthy while at least one web replica can take a browser.</summary>
public sealed class ReplicaAvailableCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!proxy.TryGetCluster(WebEntryExtensions.ClusterId, out var cluster))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The web cluster is not configured."));
        }

        var available = cluster.DestinationsState.AvailableDestinations.Select(d => d.DestinationId).ToList();
        var all = cluster.DestinationsState.AllDestinations.Count;
        return Task.FromResult(available.Count > 0
            ? HealthCheckResult.Healthy($"{available.Count} of {all} web replicas available: {string.Join(", ", available)}.")
            : HealthCheckResult.Unhealthy($"None of the {all} web replicas is available."));
    }
}
