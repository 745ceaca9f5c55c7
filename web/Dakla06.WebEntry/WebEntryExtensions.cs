using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;
using Yarp.ReverseProxy.Transforms;

namespace Dakla06.WebEntry;

/// <summary>
/// The one address of a web app that runs as several replicas (port 5080): a reverse proxy that keeps each browser on
/// one replica — its Blazor circuit lives there — and moves it to another when that replica stops answering. Sign-in
/// survives the move because the replicas share their data-protection keys (the cookie) and read the tokens from it.
/// </summary>
public static class WebEntryExtensions
{
    public const string ClusterId = "web";

    /// <summary>The cookie naming the browser's replica (<see cref="ReplicaCookieAffinity"/>).</summary>
    public const string AffinityCookie = "dakla06.replica";

    /// <summary>Each replica is a reference the AppHost gives: <c>services:{name}:http:0</c> is its address.</summary>
    public const string ReplicasSection = "services";

    public static WebApplicationBuilder AddWebEntry(this WebApplicationBuilder builder)
    {
        var replicas = Replicas(builder.Configuration);
        var cluster = new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = replicas.ToDictionary(r => r.Name, r => new DestinationConfig { Address = r.Address, Health = r.Address }),
            // A browser without a replica yet goes to the next one in turn, so new sessions spread evenly.
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                Policy = ReplicaCookieAffinity.PolicyName,
                // The replica is gone or unhealthy: choose another one rather than answer 503.
                FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
                AffinityKeyName = AffinityCookie,
            },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(5),
                    Timeout = TimeSpan.FromSeconds(5),
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = "/alive",
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = TimeSpan.FromSeconds(10),
                },
            },
        };
        var route = new RouteConfig
        {
            RouteId = ClusterId,
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "{**path}" },
        };

        builder.Services.AddReverseProxy()
            .LoadFromMemory([route], [cluster])
            // The replicas build links and the sign-in callback from the Host header: keep the browser's (localhost:5080).
            .AddTransforms(context => context.AddOriginalHost(useOriginal: true));
        builder.Services.AddSingleton<Yarp.ReverseProxy.SessionAffinity.ISessionAffinityPolicy, ReplicaCookieAffinity>();
        builder.Services.AddHealthChecks().AddCheck<ReplicaAvailableCheck>("web-replica-available");
        // The defaults' middleware authenticates; the entry point itself has no scheme and forwards every request as it came.
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        return builder;
    }

    public static WebApplication MapWebEntry(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            // Outermost, so that a request retried on another replica chooses its replica again.
            proxy.UseMiddleware<RetryOnAnotherReplica>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    private static List<(string Name, string Address)> Replicas(IConfiguration configuration)
    {
        var replicas = configuration.GetSection(ReplicasSection).GetChildren()
            .Select(service => (Name: service.Key, Address: service.GetSection("http").GetChildren().FirstOrDefault()?.Value))
            .Where(replica => !string.IsNullOrWhiteSpace(replica.Address))
            .Select(replica => (replica.Name, replica.Address!))
            .OrderBy(replica => replica.Name, StringComparer.Ordinal)
            .ToList();
        return replicas.Count > 0
            ? replicas
            : throw new InvalidOperationException(
                $"No web replica to forward to: set {ReplicasSection}__{{name}}__http__0 to each replica's address (the AppHost does it).");
    }
}
