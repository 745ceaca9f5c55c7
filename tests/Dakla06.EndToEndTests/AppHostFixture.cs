using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Text.Json;
using Dakla06.Contracts.Http.Directives;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.EndToEndTests;

/// <summary>
/// The whole system, started once per test run from the real AppHost in local mode (PostgreSQL and RabbitMQ as
/// local executables, the development identity provider), with its data in a fresh temporary folder. Its ports are
/// fixed, so test projects that start it (this one, Dakla06.ScaleOutTests) take turns: each holds a lock file while its
/// AppHost runs (<c>dotnet test</c> runs test projects side by side).
/// </summary>
public class AppHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan PortsLockTimeout = TimeSpan.FromMinutes(60);
    private static readonly string PortsLockPath = Path.Combine(Path.GetTempPath(), "dakla06-apphost-fixed-ports.lock");
    private readonly ConcurrentBag<HttpClient> _httpClients = [];
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"dakla06-e2e-{Guid.NewGuid():N}");
    private FileStream? _portsLock;

    /// <summary>AppHost configuration beyond local mode, the data folder and no telemetry export.</summary>
    protected virtual IEnumerable<string> Settings => [];

    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;

    public Uri WebUrl => App.GetEndpoint("web", "http");

    public Uri IdentityUrl => App.GetEndpoint("identity", "http");

    /// <summary>Where the AppHost keeps its data (<c>Dakla06:DataDir</c>): the local PostgreSQL cluster is under <c>postgres/data</c>.</summary>
    public string DataDirectory => _dataDirectory;

    public async ValueTask InitializeAsync()
    {
        _portsLock = await LockFixedPortsAsync();
        await WaitForFreeServerPortsAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dakla06_AppHost>(
            ["Dakla06:Mode=local", $"Dakla06:DataDir={_dataDirectory}", "Dakla06:DisableOtlp=true", .. Settings],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        App = await builder.BuildAsync(timeout.Token);
        try
        {
            await App.StartAsync(timeout.Token);
            await App.ResourceNotifications.WaitForResourceHealthyAsync("directives-api", timeout.Token);
            await App.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The system was not healthy within {StartTimeout.TotalMinutes} min: {DescribeResources()}");
        }
    }

    // The local servers' fixed ports (Dakla06Settings.Ports: PostgreSQL, RabbitMQ, its management).
    private static readonly int[] ServerPorts = [55432, 55672, 15672];

    /// <summary>
    /// Waits until no process listens on the servers' ports: the AppHost of the test project that held the lock before
    /// (or of an earlier run) stops its servers a little after it is disposed, and a PostgreSQL started on a port still
    /// taken exits at once ("Address already in use").
    /// </summary>
    private static async Task WaitForFreeServerPortsAsync()
    {
        foreach (var port in ServerPorts)
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(IsListening(port)), listening => !listening, TimeSpan.FromMinutes(3),
                $"port {port} of the AppHost's local servers is freed by the process that held it");
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>An exclusive lock of the AppHost's fixed ports among test processes, polled until free.</summary>
    private static async Task<FileStream> LockFixedPortsAsync() =>
        (await Eventually.ReturnsAsync(() => Task.FromResult(TryLockFixedPorts()), held => held is not null, PortsLockTimeout,
            "the other test project's AppHost releases the fixed ports"))!;

    private static FileStream? TryLockFixedPorts()
    {
        try
        {
            // FileShare.None is an exclusive flock on Unix, released when the process ends, however it ends.
            return new FileStream(PortsLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Each resource's state and health, to say which one kept the system from starting.</summary>
    private string DescribeResources() => string.Join("; ", App.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Select(resource => App.ResourceNotifications.TryGetCurrentState(resource.Name, out var state)
            ? $"{resource.Name}: {state.Snapshot.State?.Text ?? "?"}/{state.Snapshot.HealthStatus?.ToString() ?? "no health"} (exit {state.Snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"})"
            : $"{resource.Name}: no state"));

    /// <summary>Signs in through the development identity provider (password grant of the script client).</summary>
    public async Task<string> GetAccessTokenAsync(string username)
    {
        using var http = new HttpClient { BaseAddress = IdentityUrl };
        using var response = await http.PostAsync("/realms/dakla06/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "dakla06-cli",
            ["username"] = username,
            ["password"] = "Dakla06@demo",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Sign-in of {username} failed: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The typed client of directives-api (through the AppHost's endpoint) carrying the user's token.</summary>
    public async Task<DirectivesClient> DirectivesClientForAsync(string username)
    {
        var http = new HttpClient { BaseAddress = App.GetEndpoint("directives-api", "http") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GetAccessTokenAsync(username));
        _httpClients.Add(http);
        return new DirectivesClient(http);
    }

    /// <summary>An HTTP client of a service's API (through the AppHost's endpoint) carrying the user's token.</summary>
    public async Task<HttpClient> ApiClientForAsync(string resource, string username)
    {
        var http = new HttpClient { BaseAddress = App.GetEndpoint(resource, "http") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GetAccessTokenAsync(username));
        _httpClients.Add(http);
        return http;
    }

    /// <summary>A client of inspections-api (through the AppHost's endpoint) carrying the user's token; waits until the service is healthy.</summary>
    public async Task<HttpClient> InspectionsClientForAsync(string username)
    {
        using (var timeout = new CancellationTokenSource(StartTimeout))
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync("inspections-api", timeout.Token);
        }

        var client = new HttpClient { BaseAddress = App.GetEndpoint("inspections-api", "http") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GetAccessTokenAsync(username));
        return client;
    }

    /// <summary>
    /// Stops a resource of the running AppHost with its lifecycle command (what the dashboard's Stop button does; for
    /// the local executables DCP signals the wrapper script, which shuts the server down cleanly) and waits until it
    /// is in a terminal state.
    /// </summary>
    public async Task StopResourceAsync(string name, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, cancel.Token);
        Assert.True(result.Success, $"Stopping {name} failed: {result.Message}");
        await App.ResourceNotifications.WaitForResourceAsync(
            name, e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state), cancel.Token);
    }

    /// <summary>Starts a stopped resource again with its lifecycle command (same arguments, same data directory) and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string name, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, cancel.Token);
        Assert.True(result.Success, $"Starting {name} failed: {result.Message}");
        await App.ResourceNotifications.WaitForResourceHealthyAsync(name, cancel.Token);
    }

    /// <summary>The AppHost's count of the times it restarted a resource that stopped by itself (Dakla06.AppHost RestartPolicy).</summary>
    public const string RestartsProperty = "dakla06.restarts";

    /// <summary>A property of the resource's details as the dashboard shows them; null when it has none.</summary>
    public string? PropertyOf(string resource, string property) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var state)
            && state.Snapshot.Properties.FirstOrDefault(p => p.Name == property)?.Value is { } value
            ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>The process id of the resource once it runs healthy (with a different id than <paramref name="except"/>).</summary>
    public async Task<int> RunningProcessIdAsync(string resource, int? except = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var running = await App.ResourceNotifications.WaitForResourceAsync(resource, e =>
            e.Snapshot.State?.Text == KnownResourceStates.Running
            && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            && ProcessId(e.Snapshot) is { } pid && pid != except, timeout.Token);
        return ProcessId(running.Snapshot)!.Value;
    }

    private static int? ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>SIGKILL to the process and its children, as <c>kill -9</c> would: no chance to clean up.</summary>
    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true);
    }

    /// <summary>Creates a plan document (a fresh idempotency key).</summary>
    public static Task<DocumentDto> CreateDocumentAsync(DirectivesClient client, string number, string unit, string subject) =>
        client.CreateDocumentAsync(new CreateDocumentRequest("plan", number, unit, new DateOnly(2026, 1, 15), subject, null),
            Guid.NewGuid().ToString(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _portsLock?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task StopAsync()
    {
        foreach (var http in _httpClients)
        {
            http.Dispose();
        }

        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be flushing; the folder is in the temp directory anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
