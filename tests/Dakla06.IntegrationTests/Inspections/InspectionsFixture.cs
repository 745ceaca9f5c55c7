using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dakla06.Contracts;
using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Inspections;
using Dakla06.Inspections;
using Dakla06.Inspections.Jobs;
using Dakla06.IntegrationTests.Support;
using Dakla06.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>
/// The inspections API on its own database and broker virtual host, with the in-process identity provider, a fake
/// clock (starting at the real time, so real tokens stay valid) and without the risk-expiry scanner's background
/// loop: tests run <see cref="RiskAcceptanceExpiryScanner.ScanOnceAsync"/> themselves. A receive endpoint of the
/// test records every event the service publishes (<see cref="Events"/>).
/// </summary>
public class InspectionsFixture : IAsyncLifetime
{
    private HostReceiveEndpointHandle? _observer;

    /// <summary>Events the service published, as seen on the broker, in arrival order.</summary>
    public ConcurrentQueue<IIntegrationEvent> Events { get; } = new();

    /// <summary>Deliveries of TaskReported to the service's consumer, by task id (to prove a duplicate really arrived twice).</summary>
    public ConcurrentDictionary<Guid, int> TaskReportedDeliveries { get; } = new();

    public IdentityProvider Identity { get; } = new();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public ServiceFactory<InspectionsMarker> Api { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = null!;

    /// <summary>Today in Vietnam on the fake clock.</summary>
    public DateOnly Today => VietnamTime.Today(Clock);

    /// <summary>The API's bus (to publish what another service would, e.g. directive tracking's TaskReported).</summary>
    public IBus Bus => Api.Services.GetRequiredService<IBus>();

    public virtual async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await TestEnvironment.CreateDatabaseAsync("inspections");
        var messaging = await TestEnvironment.CreateVirtualHostAsync("inspections");
        Api = new ServiceFactory<InspectionsMarker>(Identity, new Dictionary<string, string>
        {
            ["inspectionsdb"] = DatabaseConnectionString,
            ["messaging"] = messaging,
        }, ConfigureServices);
        _ = Api.Server; // start now: migrations and checklist loading run here, not inside the first test
        _observer = Bus.ConnectReceiveEndpoint("inspections-test-observer", endpoint =>
        {
            endpoint.Handler<FindingRaised>(context => Record(context.Message));
            endpoint.Handler<FindingVerified>(context => Record(context.Message));
            endpoint.Handler<FindingReopened>(context => Record(context.Message));
            endpoint.Handler<ConnectionClearanceChanged>(context => Record(context.Message));
        });
        await _observer.Ready;
        Bus.ConnectConsumeObserver(new TaskReportedCounter(TaskReportedDeliveries));
    }

    private Task Record(IIntegrationEvent message)
    {
        Events.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>The published events of one type matching <paramref name="match"/>.</summary>
    public IReadOnlyList<TEvent> Seen<TEvent>(Func<TEvent, bool> match)
        where TEvent : IIntegrationEvent =>
        Events.OfType<TEvent>().Where(match).ToList();

    /// <summary>Waits until at least <paramref name="count"/> matching events were published; returns them.</summary>
    public Task<IReadOnlyList<TEvent>> AwaitEventsAsync<TEvent>(Func<TEvent, bool> match, int count = 1)
        where TEvent : IIntegrationEvent =>
        Eventually.ReturnsAsync(() => Task.FromResult(Seen(match)), e => e.Count >= count, because: $"{count} × {typeof(TEvent).Name} published");

    /// <summary>Publishes what directive tracking publishes when a unit reports a remediation task (the event id is the message id).</summary>
    public Task PublishTaskReportedAsync(Guid findingId, string note, bool done = true, Guid? messageId = null, Guid? taskId = null, string sourceType = RemediationTasks.SourceType, string unit = "66")
    {
        var message = new TaskReported(Guid.CreateVersion7(), DateTimeOffset.UtcNow, unit, taskId ?? Guid.CreateVersion7(), null, sourceType,
            findingId.ToString("D"), "66", done ? 100 : 50, done, note, null, "unit.officer");
        return Bus.Publish(message, context => context.MessageId = messageId ?? message.EventId, TestContext.Current.CancellationToken);
    }

    /// <summary>Replaces the clock and removes the expiry scanner's loop; override to replace more (call the base).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        var scanner = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RiskAcceptanceExpiryScanner));
        services.Remove(scanner);
    }

    /// <summary>A scanner over the API's database, as another replica would run it.</summary>
    public RiskAcceptanceExpiryScanner CreateScanner() => ActivatorUtilities.CreateInstance<RiskAcceptanceExpiryScanner>(Api.Services);

    /// <summary>A client of the API signed in as a realm user (a real token from the identity provider).</summary>
    public async Task<HttpClient> ClientForAsync(string username)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Identity.GetAccessTokenAsync(username));
        return client;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Sends <paramref name="body"/> as JSON and returns the response body, asserting the status.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object? body, int expectedStatus = 200)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == expectedStatus, $"{method} {url}: expected {expectedStatus}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> PostAsync(HttpClient client, string url, object? body, int expectedStatus = 200) =>
        SendAsync(client, HttpMethod.Post, url, body, expectedStatus);

    public static Task<JsonElement> GetAsync(HttpClient client, string url, int expectedStatus = 200) =>
        SendAsync(client, HttpMethod.Get, url, null, expectedStatus);

    /// <summary>Registers an information system (as an inspector) and returns its id.</summary>
    public static async Task<Guid> RegisterSystemAsync(HttpClient inspector, string name, string ownerUnitCode, string kind = "integration-platform", int securityLevel = 3) =>
        (await PostAsync(inspector, "/api/inspections/systems", new { name, ownerUnitCode, kind, securityLevel }, 201)).GetProperty("id").GetGuid();

    /// <summary>Plans an inspection and returns its id.</summary>
    public static async Task<Guid> PlanInspectionAsync(HttpClient inspector, string targetType, Guid targetId, string teamCode, DateOnly plannedOn, string? checklistCode = null) =>
        (await PostAsync(inspector, "/api/inspections/inspections", new
        {
            targetType,
            targetId,
            teamCode,
            plannedOn = Iso(plannedOn),
            checklistCode = checklistCode ?? (targetType == "system" ? "system-connection" : "endpoint-connection"),
        }, 201)).GetProperty("id").GetGuid();

    /// <summary>
    /// Plans, starts, records every item (those in <paramref name="failed"/> fail, the rest pass) and completes an
    /// inspection; returns the completed inspection.
    /// </summary>
    public static async Task<JsonElement> RunInspectionAsync(
        HttpClient inspector, string targetType, Guid targetId, string teamCode, DateOnly on, int[] failed, string conclusion = "Kết luận kiểm tra")
    {
        var id = await PlanInspectionAsync(inspector, targetType, targetId, teamCode, on);
        var started = await PostAsync(inspector, $"/api/inspections/inspections/{id}/start", new { startedOn = Iso(on) });
        var results = started.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("no").GetInt32())
            .Select(no => new { itemNo = no, result = failed.Contains(no) ? "fail" : "pass", note = failed.Contains(no) ? "Không đạt yêu cầu" : null })
            .ToList();
        await SendAsync(inspector, HttpMethod.Put, $"/api/inspections/inspections/{id}/results", new { results });
        return await PostAsync(inspector, $"/api/inspections/inspections/{id}/complete", new { conclusion, completedOn = Iso(on) });
    }

    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        TestSql.ScalarAsync(DatabaseConnectionString, sql, parameters);

    public virtual async ValueTask DisposeAsync()
    {
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

    private sealed class TaskReportedCounter(ConcurrentDictionary<Guid, int> deliveries) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is TaskReported reported)
            {
                deliveries.AddOrUpdate(reported.TaskId, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
