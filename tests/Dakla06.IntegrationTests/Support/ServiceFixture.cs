using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Dakla06.Contracts;
using Dakla06.Contracts.Http;
using Dakla06.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dakla06.IntegrationTests.Support;

/// <summary>
/// One service hosted in process for a test class: its own database and broker virtual host, the in-process identity
/// provider (real tokens), typed clients signed in as realm users (<see cref="ClientForAsync"/>), the events the
/// service publishes as seen on the broker (<see cref="AwaitEventsAsync{TEvent}"/>) and the messages its consumers
/// finished (<see cref="Consumed"/>). A fixture of a service only names it, its typed client and what it observes.
/// </summary>
/// <param name="service">The service's short name: <c>directives</c> → database <c>directivesdb</c>.</param>
/// <param name="createClient">The service's typed client over an HTTP client that carries a token.</param>
public abstract class ServiceFixture<TMarker, TClient>(string service, Func<HttpClient, TClient> createClient) : IAsyncLifetime
    where TMarker : class
    where TClient : ServiceApiClient
{
    private readonly ConcurrentBag<HttpClient> _httpClients = [];
    private HostReceiveEndpointHandle? _observer;

    public IdentityProvider Identity { get; } = new();

    public ServiceFactory<TMarker> Api { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = null!;

    public string MessagingConnectionString { get; private set; } = null!;

    /// <summary>The service's bus (to publish what another service would).</summary>
    public IBus Bus => Api.Services.GetRequiredService<IBus>();

    /// <summary>The service's clock when <see cref="UsesFakeClock"/>; it starts at the real time, so real tokens stay valid.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Today in Vietnam on the service's clock.</summary>
    public DateOnly Today => VietnamTime.Today(UsesFakeClock ? Clock : TimeProvider.System);

    /// <summary>Events the service published, as seen on the broker, in arrival order (those <see cref="ObserveEvents"/> names).</summary>
    public ConcurrentQueue<IIntegrationEvent> Events { get; } = new();

    /// <summary>Integration events the service's own consumers finished with (committed or faulted), in order.</summary>
    public ConcurrentQueue<IIntegrationEvent> Consumed { get; } = new();

    private string ObserverQueue => $"{service}-test-observer";

    /// <summary>Replace the service's <see cref="TimeProvider"/> with <see cref="Clock"/>.</summary>
    protected virtual bool UsesFakeClock => false;

    public virtual async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await TestEnvironment.CreateDatabaseAsync(service);
        MessagingConnectionString = await TestEnvironment.CreateVirtualHostAsync(service);
        Api = CreateHost(ConfigureServices);
        _ = Api.Server; // start now: migrations and seeds run here, not inside the first test
        _observer = Bus.ConnectReceiveEndpoint(ObserverQueue, endpoint => ObserveEvents(new EventRecorder(endpoint, Events)));
        await _observer.Ready;
        Bus.ConnectConsumeObserver(new ConsumedRecorder(Consumed, ObserverQueue));
    }

    /// <summary>Another host of the same service (a second replica) on the same database and broker.</summary>
    public ServiceFactory<TMarker> CreateHost(Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var settings = Settings();
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new ServiceFactory<TMarker>(Identity, new Dictionary<string, string>
        {
            [$"{service}db"] = DatabaseConnectionString,
            ["messaging"] = MessagingConnectionString,
        }, services =>
        {
            if (UsesFakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }

            configureServices?.Invoke(services);
        }, settings);
    }

    /// <summary>The service's settings; override to add (call the base).</summary>
    protected virtual Dictionary<string, string> Settings() => new();

    /// <summary>Replaces services of the main host before it starts; nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Names the events to record in <see cref="Events"/> (<c>recorder.Record&lt;FindingRaised&gt;()</c>).</summary>
    protected virtual void ObserveEvents(EventRecorder recorder)
    {
    }

    /// <summary>Removes a background service's loop, so that tests run it themselves.</summary>
    protected static void RemoveHostedService<THostedService>(IServiceCollection services)
        where THostedService : IHostedService =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(THostedService)));

    /// <summary>The service's typed client signed in as a realm user (a real token from the identity provider).</summary>
    public async Task<TClient> ClientForAsync(string username, ServiceFactory<TMarker>? host = null) =>
        createClient(await HttpClientForAsync(username, host));

    /// <summary>A plain HTTP client signed in as a realm user, for requests the contract cannot express (malformed bodies, raw statuses).</summary>
    public async Task<HttpClient> HttpClientForAsync(string username, ServiceFactory<TMarker>? host = null) =>
        HttpClientWithToken(await Identity.GetAccessTokenAsync(username), host);

    /// <summary>A plain HTTP client sending <paramref name="token"/> as it is (none when null).</summary>
    public HttpClient HttpClientWithToken(string? token, ServiceFactory<TMarker>? host = null)
    {
        var client = (host ?? Api).CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _httpClients.Add(client);
        return client;
    }

    /// <summary>The published events of one type matching <paramref name="match"/>.</summary>
    public IReadOnlyList<TEvent> Seen<TEvent>(Func<TEvent, bool> match)
        where TEvent : IIntegrationEvent =>
        Events.OfType<TEvent>().Where(match).ToList();

    /// <summary>Waits until at least <paramref name="count"/> matching events were published; returns them.</summary>
    public Task<IReadOnlyList<TEvent>> AwaitEventsAsync<TEvent>(Func<TEvent, bool> match, int count = 1)
        where TEvent : IIntegrationEvent =>
        Eventually.ReturnsAsync(() => Task.FromResult(Seen(match)), e => e.Count >= count, because: $"{count} × {typeof(TEvent).Name} published");

    /// <summary>Waits until the service's consumers finished at least <paramref name="count"/> matching messages.</summary>
    public Task<IReadOnlyList<TEvent>> AwaitConsumedAsync<TEvent>(Func<TEvent, bool> match, int count = 1)
        where TEvent : IIntegrationEvent =>
        Eventually.ReturnsAsync(() => Task.FromResult<IReadOnlyList<TEvent>>(Consumed.OfType<TEvent>().Where(match).ToList()), e => e.Count >= count,
            because: $"{count} × {typeof(TEvent).Name} consumed");

    /// <summary>Publishes an event as another service's outbox relay does: the event id is the message id.</summary>
    public Task PublishAsync<TEvent>(TEvent message, Guid? messageId = null)
        where TEvent : class, IIntegrationEvent =>
        Bus.Publish(message, context => context.MessageId = messageId ?? message.EventId, TestContext.Current.CancellationToken);

    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        TestSql.ScalarAsync(DatabaseConnectionString, sql, parameters);

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var client in _httpClients)
        {
            client.Dispose();
        }

        if (_observer is not null)
        {
            await _observer.StopAsync(CancellationToken.None);
        }

        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        await Identity.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Records what the service's consumers finished; the test's own observer queue is not the service's.</summary>
    private sealed class ConsumedRecorder(ConcurrentQueue<IIntegrationEvent> consumed, string observerQueue) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Record(context);

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Record(context);

        private Task Record<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is IIntegrationEvent integrationEvent
                && context.ReceiveContext.InputAddress?.AbsolutePath.EndsWith(observerQueue, StringComparison.Ordinal) != true)
            {
                consumed.Enqueue(integrationEvent);
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>Records the events of the types a fixture names, as a receive endpoint of the test sees them.</summary>
public sealed class EventRecorder(IReceiveEndpointConfigurator endpoint, ConcurrentQueue<IIntegrationEvent> events)
{
    public EventRecorder Record<TEvent>()
        where TEvent : class, IIntegrationEvent
    {
        endpoint.Handler<TEvent>(context =>
        {
            events.Enqueue(context.Message);
            return Task.CompletedTask;
        });
        return this;
    }
}
