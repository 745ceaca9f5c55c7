using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Dakla06.Cleansing;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Directives;
using Dakla06.Enrolment;
using Dakla06.Inspections;
using Dakla06.IntegrationTests.Support;
using Dakla06.Statistics;

namespace Dakla06.IntegrationTests.Security;

/// <summary>
/// A service API under the token tests: its short name (database and virtual host), a GET that any official of a
/// known unit may call, and how to host it in process.
/// </summary>
public sealed record SecuredApi(string Service, string ReadPath, Func<IdentityProvider, Dictionary<string, string>, HostedApi> Host)
{
    /// <summary>Every service API; a new service adds its line.</summary>
    public static readonly IReadOnlyList<SecuredApi> All =
    [
        Of<DirectivesMarker>("directives", DirectivesRoutes.Path(DirectivesRoutes.Documents)),
        Of<InspectionsMarker>("inspections", InspectionsRoutes.Path(InspectionsRoutes.Teams)),
        Of<CleansingMarker>("cleansing", "/api/cleansing/campaigns"),
        Of<StatisticsMarker>("statistics", StatisticsRoutes.Path(StatisticsRoutes.Procedures)),
        Of<EnrolmentMarker>("enrolment", EnrolmentRoutes.Path(EnrolmentRoutes.Funnel)),
    ];

    public static SecuredApi Named(string service) => All.Single(api => api.Service == service);

    private static SecuredApi Of<TMarker>(string service, string readPath)
        where TMarker : class =>
        new(service, readPath, (identity, connectionStrings) =>
        {
            var factory = new ServiceFactory<TMarker>(identity, connectionStrings);
            return new HostedApi(() => factory.CreateClient(), factory);
        });
}

/// <summary>A started service: clients of it, and the host to dispose.</summary>
public sealed record HostedApi(Func<HttpClient> CreateClient, IAsyncDisposable Host);

/// <summary>
/// One identity provider and each service API of <see cref="SecuredApi.All"/> on its own database and virtual host,
/// started the first time a test calls it.
/// </summary>
public sealed class SecuredApisFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HostedApi>>> _hosts = new();
    private readonly ConcurrentBag<HttpClient> _clients = [];

    public IdentityProvider Identity { get; } = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A client of the service sending <paramref name="token"/> as it is (none when null).</summary>
    public async Task<HttpClient> ClientAsync(string service, string? token)
    {
        var host = await _hosts.GetOrAdd(service, name => new Lazy<Task<HostedApi>>(() => StartAsync(SecuredApi.Named(name)))).Value;
        var client = host.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    private async Task<HostedApi> StartAsync(SecuredApi api)
    {
        var connectionStrings = new Dictionary<string, string>
        {
            [$"{api.Service}db"] = await TestEnvironment.CreateDatabaseAsync(api.Service),
            ["messaging"] = await TestEnvironment.CreateVirtualHostAsync(api.Service),
        };
        var host = api.Host(Identity, connectionStrings);
        host.CreateClient().Dispose(); // start now: migrations run here, once
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var host in _hosts.Values.Where(h => h.IsValueCreated))
        {
            await (await host.Value).Host.DisposeAsync();
        }

        await Identity.DisposeAsync();
    }
}
