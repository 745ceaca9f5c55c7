using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dakla06.AppHost.Infrastructure;

/// <summary>
/// The shared infrastructure every service stands on — PostgreSQL, RabbitMQ and the identity provider — with the
/// same resource names and connection strings in both modes, so services cannot tell the modes apart.
/// </summary>
public sealed class Platform
{
    public const string RealmName = "dakla06";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> _addDatabase;

    private Platform(
        IDistributedApplicationBuilder builder,
        IResourceBuilder<IResourceWithConnectionString> postgres,
        IResourceBuilder<IResourceWithConnectionString> messaging,
        IResourceBuilder<IResourceWithEndpoints> identity,
        Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
    {
        _builder = builder;
        Postgres = postgres;
        Messaging = messaging;
        Identity = identity;
        _addDatabase = addDatabase;
        Authority = ReferenceExpression.Create($"{identity.Resource.GetEndpoint("http")}/realms/{RealmName}");
    }

    public IResourceBuilder<IResourceWithConnectionString> Postgres { get; }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public IResourceBuilder<IResourceWithEndpoints> Identity { get; }

    /// <summary>The Keycloak realm URL (<c>{identity}/realms/dakla06</c>): issuer and discovery base for every service.</summary>
    public ReferenceExpression Authority { get; }

    /// <summary>A service's own database on the shared server; the name is its connection-string name.</summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => _addDatabase(name);

    public static Platform Add(IDistributedApplicationBuilder builder, Dakla06Settings settings) =>
        settings.Mode == RunMode.Containers ? AddContainers(builder, settings) : AddLocal(builder, settings);

    private static Platform AddContainers(IDistributedApplicationBuilder builder, Dakla06Settings settings)
    {
        var postgres = builder.AddPostgres("postgres", port: Dakla06Settings.Ports.Postgres)
            .WithDataVolume("dakla06-postgres");
        var messaging = builder.AddRabbitMQ("messaging", port: Dakla06Settings.Ports.RabbitMq)
            .WithManagementPlugin(port: Dakla06Settings.Ports.RabbitMqManagement)
            .WithDataVolume("dakla06-rabbitmq");

        // Generated once and kept in the AppHost's user secrets, like Aspire does for the PostgreSQL password.
        var adminPassword = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, "keycloak-admin-password");
        var identity = builder.AddContainer("identity", "quay.io/keycloak/keycloak", "26.4.2")
            .WithArgs("start-dev", "--import-realm")
            .WithBindMount(Path.Combine(builder.AppHostDirectory, "keycloak"), "/opt/keycloak/data/import", isReadOnly: true)
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", ReferenceExpression.Create($"{adminPassword}"))
            .WithEnvironment("KC_HEALTH_ENABLED", "true")
            .WithHttpEndpoint(port: Dakla06Settings.Ports.Identity, targetPort: 8080, name: "http")
            .WithHttpEndpoint(targetPort: 9000, name: "management")
            .WithHttpHealthCheck("/health/ready", endpointName: "management");

        return new Platform(builder, postgres, messaging, identity, name => postgres.AddDatabase(name));
    }

    private static Platform AddLocal(IDistributedApplicationBuilder builder, Dakla06Settings settings)
    {
        var scripts = Path.Combine(builder.AppHostDirectory, "local");
        // The wrappers restart a server that stopped by itself as often as the AppHost restarts a resource.
        var serverRestarts = RestartSettings.From(builder.Configuration).MaxRestarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var postgres = builder.AddResource(new LocalPostgresResource("postgres", "bash", settings.RepositoryRoot))
            .WithArgs(Path.Combine(scripts, "postgres.sh"))
            .WithEnvironment("DAKLA06_DATA_DIR", Path.Combine(settings.DataDirectory, "postgres"))
            .WithEnvironment("DAKLA06_MAX_RESTARTS", serverRestarts)
            .WithEnvironment("DAKLA06_PORT", Dakla06Settings.Ports.Postgres.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEndpoint(port: Dakla06Settings.Ports.Postgres, targetPort: Dakla06Settings.Ports.Postgres, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck("postgres-accepts-queries");
        builder.Services.AddHealthChecks().AddAsyncCheck("postgres-accepts-queries", async cancellationToken =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(
                    $"Host=127.0.0.1;Port={Dakla06Settings.Ports.Postgres};Username=postgres;Database=postgres;Timeout=3;Pooling=false");
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });

        var messaging = builder.AddResource(new LocalRabbitMqResource("messaging", "bash", settings.RepositoryRoot))
            .WithArgs(Path.Combine(scripts, "rabbitmq.sh"))
            .WithEnvironment("DAKLA06_DATA_DIR", Path.Combine(settings.DataDirectory, "rabbitmq"))
            .WithEnvironment("DAKLA06_MAX_RESTARTS", serverRestarts)
            .WithEnvironment("DAKLA06_PORT", Dakla06Settings.Ports.RabbitMq.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("DAKLA06_MANAGEMENT_PORT", Dakla06Settings.Ports.RabbitMqManagement.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEndpoint(port: Dakla06Settings.Ports.RabbitMq, targetPort: Dakla06Settings.Ports.RabbitMq, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHttpEndpoint(port: Dakla06Settings.Ports.RabbitMqManagement, targetPort: Dakla06Settings.Ports.RabbitMqManagement, name: "management", isProxied: false)
            .WithHealthCheck("rabbitmq-management-answers");
        builder.Services.AddHealthChecks().AddAsyncCheck("rabbitmq-management-answers", async cancellationToken =>
        {
            // The management API answers only once the broker has booted and its listeners are up.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Dakla06Settings.Ports.RabbitMqManagement}/api/overview");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Management API answered {(int)response.StatusCode}.");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });

        var identity = builder.AddProject<Projects.Dakla06_Identity>("identity");
        // The development provider names itself in its issuer exactly as clients reach it.
        identity.WithEnvironment("Identity__PublicUrl", identity.GetEndpoint("http"))
            .WithEnvironment("Identity__RealmFile", Path.Combine(builder.AppHostDirectory, "keycloak", "dakla06-realm.json"))
            .WithEnvironment("Identity__SigningKeyFile", Path.Combine(settings.DataDirectory, "identity", "signing-key.pem"))
            // Shared by its replicas: the keys of its session and form cookies, and the authorization codes already redeemed.
            .WithEnvironment("DataProtection__KeysDirectory", Path.Combine(settings.DataDirectory, "identity", "keys"))
            .WithEnvironment("Identity__StateDirectory", Path.Combine(settings.DataDirectory, "identity", "state"))
            .WithHttpHealthCheck("/health")
            .WithReplicas(settings.Replicas("Identity"));

        return new Platform(builder, postgres, messaging, identity, name =>
            builder.AddConnectionString(name, ReferenceExpression.Create($"{postgres.Resource};Database={name}")));
    }

    /// <summary>References a service needs to the shared infrastructure, waiting until each is healthy.</summary>
    public IResourceBuilder<ProjectResource> Wire(IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString>? database = null)
    {
        if (database is not null)
        {
            service.WithReference(database).WaitFor(Postgres).WaitFor(database);
        }

        service.WithReference(Messaging).WaitFor(Messaging)
            .WithEnvironment("Identity__Authority", Authority)
            .WaitFor(Identity)
            .WithHttpHealthCheck("/health");

        return WithTelemetrySettings(service);
    }

    /// <summary>Telemetry export switched off when the AppHost is told so (tests, where no dashboard listens).</summary>
    public IResourceBuilder<ProjectResource> WithTelemetrySettings(IResourceBuilder<ProjectResource> resource) =>
        _builder.Configuration["Dakla06:DisableOtlp"] == "true" ? resource.WithEnvironment("DAKLA06_DISABLE_OTLP", "true") : resource;
}
