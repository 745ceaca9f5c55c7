namespace Dakla06.AppHost.Infrastructure;

/// <summary>
/// The web app at port 5080. One replica serves it itself. Several replicas (<c>Dakla06:Replicas:Web</c> ≥ 2) each get a
/// port of their own and are named <c>web-1</c>, <c>web-2</c> …, and the resource <c>web</c> at port 5080 is the entry
/// point (<c>web/Dakla06.WebEntry</c>, YARP) that keeps each browser on one replica, because a Blazor Server circuit
/// lives in one process and DCP's own proxy would spread a browser's requests round-robin.
/// </summary>
public static class WebEntry
{
    public const string ResourceName = "web";

    /// <param name="addWebApp">Adds one replica of the web app, fully wired, under the given resource name.</param>
    public static IResourceBuilder<ProjectResource> Add(
        IDistributedApplicationBuilder builder, Platform platform, int replicas, Func<string, IResourceBuilder<ProjectResource>> addWebApp)
    {
        if (replicas == 1)
        {
            return addWebApp(ResourceName).WithExternalHttpEndpoints();
        }

        var entry = platform.WithTelemetrySettings(builder.AddProject<Projects.Dakla06_WebEntry>(ResourceName))
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints();
        for (var number = 1; number <= replicas; number++)
        {
            // Port 5080 of the web app's launch profile belongs to the entry point: replica n listens at 5180 + n itself,
            // without DCP's proxy in between, so a dead replica refuses connections at once and its browsers move on.
            var port = Dakla06Settings.Ports.WebReplicas + number;
            var replica = addWebApp($"{ResourceName}-{number}").WithEndpoint("http", endpoint =>
            {
                endpoint.Port = port;
                endpoint.TargetPort = port;
                endpoint.IsProxied = false;
            });
            entry.WithReference(replica).WaitFor(replica);
        }

        return entry;
    }
}
