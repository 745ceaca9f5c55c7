using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Dakla06.Testing;

/// <summary>Where a test server comes from.</summary>
public enum TestServerSource
{
    /// <summary>A connection string from the environment (DAKLA06_TEST_POSTGRES / DAKLA06_TEST_RABBITMQ).</summary>
    Environment,

    /// <summary>A Testcontainers container (a container runtime answered).</summary>
    Container,

    /// <summary>The local binaries, started through Dakla06.AppHost/local/*.sh in a temp dir.</summary>
    LocalProcess,
}

/// <summary>
/// The PostgreSQL server and RabbitMQ broker of this test process: a process-wide singleton, each
/// server started lazily on first use (thread-safe) and stopped when the process exits.
/// <para>Order: (1) the environment: <c>DAKLA06_TEST_POSTGRES</c> (an Npgsql connection string, server
/// level) and <c>DAKLA06_TEST_RABBITMQ</c> (<c>amqp://user:pass@host:port/</c>; management API at
/// <c>DAKLA06_TEST_RABBITMQ_MANAGEMENT</c> (or <c>DAKLA06_TEST_RABBITMQ_MGMT</c>), default <c>http://host:15672/</c> with the same user);
/// (2) Testcontainers when a container runtime answers (checked once); (3) the local binaries through
/// the same wrapper scripts the AppHost uses, in a fresh temp dir, on free ports, fsync off.
/// <c>DAKLA06_TEST_SERVERS=local|containers|auto</c> forces (2) or (3).</para>
/// </summary>
public sealed class TestServers
{
    private static readonly Lazy<TestServers> LazyInstance = new(() => new TestServers(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim RuntimeGate = new(1, 1);
    private static bool? _containerRuntimeAvailable;

    private readonly SemaphoreSlim _pgGate = new(1, 1);
    private readonly SemaphoreSlim _rmqGate = new(1, 1);
    private readonly string _runDir;
    private readonly string? _repoRoot;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private string? _postgres;
    private string? _rabbitAmqp;
    private Uri? _rabbitManagement;
    private string _rabbitUser = "guest";
    private string _rabbitPassword = "guest";
    private int _stopped;
    private volatile bool _rabbitRunning;
    private volatile bool _rabbitStarted;
    private volatile TaskCompletionSource _rabbitUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalServerProcess? _pgProcess;
    private LocalServerProcess? _rmqProcess;
    private Dictionary<string, string>? _rmqEnvironment;
    private IContainer? _pgContainer;
    private IContainer? _rmqContainer;

    private TestServers()
    {
        _repoRoot = FindRepoRoot();
        _runDir = Path.Combine(Path.GetTempPath(), "dakla06-tests", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        SweepStaleRunDirectories();
    }

    /// <summary>Deletes run directories of earlier test processes that are gone (crashed runs).</summary>
    private static void SweepStaleRunDirectories()
    {
        var root = Path.Combine(Path.GetTempPath(), "dakla06-tests");
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(dir);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name[..dash], out var pid) && pid != Environment.ProcessId && !ProcessExists(pid))
            {
                TryDelete(dir);
            }
        }
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The singleton (nothing is started until a server is asked for).</summary>
    public static TestServers Instance => LazyInstance.Value;

    /// <summary>Starts (once) both servers and returns the singleton.</summary>
    public static async Task<TestServers> GetAsync(CancellationToken ct = default)
    {
        var s = Instance;
        await Task.WhenAll(s.EnsurePostgresAsync(ct), s.EnsureRabbitMqAsync(ct)).ConfigureAwait(false);
        return s;
    }

    /// <summary>Starts (once) only PostgreSQL and returns the singleton.</summary>
    public static async Task<TestServers> GetPostgresAsync(CancellationToken ct = default)
    {
        await Instance.EnsurePostgresAsync(ct).ConfigureAwait(false);
        return Instance;
    }

    /// <summary>Starts (once) only RabbitMQ and returns the singleton.</summary>
    public static async Task<TestServers> GetRabbitMqAsync(CancellationToken ct = default)
    {
        await Instance.EnsureRabbitMqAsync(ct).ConfigureAwait(false);
        return Instance;
    }

    public TestServerSource? PostgresSource { get; private set; }

    public TestServerSource? RabbitMqSource { get; private set; }

    /// <summary>How long starting PostgreSQL took in this process (until <c>SELECT 1</c> answered).</summary>
    public TimeSpan? PostgresStartTime { get; private set; }

    /// <summary>How long the last start of RabbitMQ took (until AMQP and /api/overview answered).</summary>
    public TimeSpan? RabbitMqStartTime { get; private set; }

    /// <summary>Server-level connection string (maintenance database <c>postgres</c>).</summary>
    public string PostgresConnectionString =>
        _postgres ?? throw new InvalidOperationException("PostgreSQL is not started: await TestServers.GetAsync() / GetPostgresAsync() first.");

    /// <summary>The broker's default vhost as an AMQP URI, e.g. <c>amqp://guest:guest@127.0.0.1:PORT/</c>.</summary>
    public string RabbitMqConnectionString =>
        (_rabbitStarted ? _rabbitAmqp : null) ?? throw new InvalidOperationException("RabbitMQ is not started: await TestServers.GetAsync() / GetRabbitMqAsync() first.");

    /// <summary>Base URI of the management HTTP API, e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri RabbitMqManagementUri =>
        _rabbitManagement ?? throw new InvalidOperationException("RabbitMQ is not started.");

    public string RabbitMqUserName => _rabbitUser;

    public string RabbitMqPassword => _rabbitPassword;

    /// <summary>True when this process started the broker (local binaries or a container): stop/start is possible.</summary>
    public bool OwnsRabbitMq => RabbitMqSource is TestServerSource.LocalProcess or TestServerSource.Container;

    /// <summary>Where the local servers' data and logs are (temp dir of this process).</summary>
    public string RunDirectory => _runDir;

    // ------------------------------------------------------------------ databases

    /// <summary>Creates a new, empty, uniquely named database (<c>prefix_xxxxxxxx</c>).</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string prefix, CancellationToken ct = default)
    {
        await EnsurePostgresAsync(ct).ConfigureAwait(false);
        var name = TestNames.Unique(prefix, 63);
        await using (var conn = new NpgsqlConnection(PostgresConnectionString))
        {
            await conn.OpenAsync(ct).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", conn);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(name, cs, PostgresConnectionString);
    }

    // ------------------------------------------------------------------ virtual hosts

    /// <summary>
    /// Creates a fresh vhost (<c>prefix-xxxxxxxx</c>) with full permissions for the test user. While a test
    /// has the broker stopped, waits until it is started again.
    /// </summary>
    public async Task<RabbitMqVirtualHost> CreateVirtualHostAsync(string prefix, CancellationToken ct = default)
    {
        await EnsureRabbitMqAsync(ct, waitWhileStopped: true).ConfigureAwait(false);
        var name = TestNames.Unique(prefix, 100, separator: '-');
        var escaped = Uri.EscapeDataString(name);
        await ManagementAsync(HttpMethod.Put, $"api/vhosts/{escaped}", "{}", ct).ConfigureAwait(false);
        await ManagementAsync(
            HttpMethod.Put,
            $"api/permissions/{escaped}/{Uri.EscapeDataString(_rabbitUser)}",
            """{"configure":".*","write":".*","read":".*"}""",
            ct).ConfigureAwait(false);
        var amqp = new UriBuilder(RabbitMqConnectionString) { Path = "/" + escaped }.Uri.ToString();
        return new RabbitMqVirtualHost(this, name, amqp);
    }

    internal async Task DeleteVirtualHostAsync(string name)
    {
        if (!_rabbitRunning)
        {
            return;
        }

        try
        {
            await ManagementAsync(HttpMethod.Delete, $"api/vhosts/{Uri.EscapeDataString(name)}", null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The broker may be stopping; the vhost goes with the temp dir anyway.
        }
    }

    /// <summary>Sends one management API request; throws with the response body on failure.</summary>
    public async Task<string> ManagementAsync(HttpMethod method, string relativePath, string? jsonBody, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(RabbitMqManagementUri, relativePath));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_rabbitUser}:{_rabbitPassword}")));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"RabbitMQ management {method} {relativePath}: {(int)response.StatusCode} {body}");
        }

        return body;
    }

    // ------------------------------------------------------------------ broker down / up

    /// <summary>
    /// Stops the broker (cleanly: <c>rabbitmqctl stop</c> in the wrapper, or the container). Only when
    /// this process owns it; connection strings stay valid for <see cref="StartRabbitMqAsync"/>.
    /// </summary>
    public async Task StopRabbitMqAsync(CancellationToken ct = default)
    {
        if (!_rabbitStarted)
        {
            await EnsureRabbitMqAsync(ct).ConfigureAwait(false);
        }

        ThrowIfNotOwned();
        await _rmqGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_rabbitRunning)
            {
                return;
            }

            _rabbitRunning = false;
            _rabbitUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_rmqProcess is not null)
            {
                await _rmqProcess.StopAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                _rmqProcess.CloseLog();
                _rmqProcess = null;
            }
            else if (_rmqContainer is not null)
            {
                await _rmqContainer.StopAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _rmqGate.Release();
        }
    }

    /// <summary>Starts the broker again after <see cref="StopRabbitMqAsync"/> (same ports, same data: vhosts survive).</summary>
    public async Task StartRabbitMqAsync(CancellationToken ct = default)
    {
        if (!_rabbitStarted)
        {
            await EnsureRabbitMqAsync(ct).ConfigureAwait(false);
            return;
        }

        ThrowIfNotOwned();
        await _rmqGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_rabbitRunning)
            {
                return;
            }

            var sw = Stopwatch.StartNew();
            if (RabbitMqSource == TestServerSource.LocalProcess)
            {
                _rmqProcess = LocalServerProcess.Start(Script("rabbitmq.sh"), _rmqEnvironment!, Path.Combine(_runDir, "rabbitmq.log"));
                await WaitForRabbitMqAsync(_rmqProcess, ct).ConfigureAwait(false);
            }
            else
            {
                await _rmqContainer!.StartAsync(ct).ConfigureAwait(false);
                await WaitForRabbitMqAsync(null, ct).ConfigureAwait(false);
            }

            RabbitMqStartTime = sw.Elapsed;
            _rabbitRunning = true;
            _rabbitUp.TrySetResult();
        }
        finally
        {
            _rmqGate.Release();
        }
    }

    private void ThrowIfNotOwned()
    {
        if (!OwnsRabbitMq)
        {
            throw new NotSupportedException(
                "Stopping/starting RabbitMQ needs a broker owned by the test infrastructure (local binaries or a container); " +
                "this run uses DAKLA06_TEST_RABBITMQ from the environment.");
        }
    }

    // ------------------------------------------------------------------ PostgreSQL start

    private async Task EnsurePostgresAsync(CancellationToken ct)
    {
        if (_postgres is not null)
        {
            return;
        }

        await _pgGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_postgres is not null)
            {
                return;
            }

            var sw = Stopwatch.StartNew();
            var fromEnv = System.Environment.GetEnvironmentVariable("DAKLA06_TEST_POSTGRES");
            string cs;
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                cs = fromEnv;
                await WaitForPostgresAsync(cs, null, ct).ConfigureAwait(false);
                PostgresSource = TestServerSource.Environment;
            }
            else if (await UseContainersAsync(ct).ConfigureAwait(false))
            {
                var container = new PostgreSqlBuilder("postgres:15-alpine")
                    .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200")
                    .Build();
                await container.StartAsync(ct).ConfigureAwait(false);
                _pgContainer = container;
                cs = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = "postgres" }.ConnectionString;
                await WaitForPostgresAsync(cs, null, ct).ConfigureAwait(false);
                PostgresSource = TestServerSource.Container;
            }
            else
            {
                cs = await StartLocalPostgresAsync(ct).ConfigureAwait(false);
                PostgresSource = TestServerSource.LocalProcess;
            }

            PostgresStartTime = sw.Elapsed;
            _postgres = cs;
        }
        finally
        {
            _pgGate.Release();
        }
    }

    private async Task<string> StartLocalPostgresAsync(CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var port = LocalServerProcess.FreePorts(1)[0];
            var (process, cs) = LaunchLocalPostgres(Path.Combine(_runDir, "postgres"), port, "postgres.log");
            try
            {
                await WaitForPostgresAsync(cs, process, ct).ConfigureAwait(false);
                _pgProcess = process;
                return cs;
            }
            catch (InvalidOperationException ex) when (process.HasExited && attempt < 3)
            {
                last = ex; // e.g. the port was taken meanwhile: try other ports
            }
        }

        throw new InvalidOperationException("PostgreSQL did not start", last);
    }

    /// <summary>
    /// Starts postgres.sh on <paramref name="dataDirectory"/> (created on first start, kept afterwards) and
    /// <paramref name="port"/>, logging to <paramref name="logFileName"/> in the run directory, fsync off; returns the
    /// wrapper and the server-level connection string (not yet waited for: <see cref="WaitForPostgresAsync"/>).
    /// </summary>
    internal (LocalServerProcess Process, string ConnectionString) LaunchLocalPostgres(string dataDirectory, int port, string logFileName)
    {
        Directory.CreateDirectory(_runDir);
        var env = new Dictionary<string, string>
        {
            ["DAKLA06_DATA_DIR"] = dataDirectory,
            ["DAKLA06_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["DAKLA06_PG_ARGS"] = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        };
        var process = LocalServerProcess.Start(Script("postgres.sh"), env, Path.Combine(_runDir, logFileName));
        var cs = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = "postgres",
            Database = "postgres",
            Timeout = 5,
            MaxPoolSize = 100,
        }.ConnectionString;
        return (process, cs);
    }

    internal static async Task WaitForPostgresAsync(string cs, LocalServerProcess? process, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var probe = new NpgsqlConnectionStringBuilder(cs) { Pooling = false, Timeout = 2 }.ConnectionString;
        while (true)
        {
            process?.ThrowIfExited("postgres.sh");
            try
            {
                await using var conn = new NpgsqlConnection(probe);
                await conn.OpenAsync(ct).ConfigureAwait(false);
                await using var cmd = new NpgsqlCommand("SELECT 1", conn);
                await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                {
                    throw new TimeoutException($"PostgreSQL did not answer within 90 s{(process is null ? "" : $" (log: {process.LogFile})")}", ex);
                }
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    // ------------------------------------------------------------------ RabbitMQ start

    /// <summary>
    /// Starts the broker on first use; later calls return at once. With <paramref name="waitWhileStopped"/>
    /// (creating resources on the broker), waits for <see cref="StartRabbitMqAsync"/> while a test has it
    /// stopped (up to 3 minutes).
    /// </summary>
    private async Task EnsureRabbitMqAsync(CancellationToken ct, bool waitWhileStopped = false)
    {
        if (_rabbitStarted)
        {
            if (waitWhileStopped)
            {
                await WaitUntilRabbitMqRunsAsync(ct).ConfigureAwait(false);
            }

            return;
        }

        await _rmqGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_rabbitStarted)
            {
                return;
            }

            var sw = Stopwatch.StartNew();
            var fromEnv = System.Environment.GetEnvironmentVariable("DAKLA06_TEST_RABBITMQ");
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                var amqp = new Uri(fromEnv);
                var userInfo = Uri.UnescapeDataString(amqp.UserInfo);
                if (userInfo.Length > 0)
                {
                    var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
                    _rabbitUser = colon < 0 ? userInfo : userInfo[..colon];
                    _rabbitPassword = colon < 0 ? "" : userInfo[(colon + 1)..];
                }

                var mgmt = System.Environment.GetEnvironmentVariable("DAKLA06_TEST_RABBITMQ_MANAGEMENT")
                    ?? System.Environment.GetEnvironmentVariable("DAKLA06_TEST_RABBITMQ_MGMT");
                _rabbitManagement = new Uri(string.IsNullOrWhiteSpace(mgmt) ? $"http://{amqp.Host}:15672/" : mgmt);
                _rabbitAmqp = fromEnv;
                RabbitMqSource = TestServerSource.Environment;
                await WaitForRabbitMqAsync(null, ct).ConfigureAwait(false);
            }
            else if (await UseContainersAsync(ct).ConfigureAwait(false))
            {
                // Fixed host ports so that the broker keeps its address across StopRabbitMqAsync/StartRabbitMqAsync.
                var ports = LocalServerProcess.FreePorts(2);
                var container = new RabbitMqBuilder("rabbitmq:3.13-management")
                    .WithPortBinding(ports[0], 5672)
                    .WithPortBinding(ports[1], 15672)
                    .Build();
                await container.StartAsync(ct).ConfigureAwait(false);
                _rmqContainer = container;
                var cs = new Uri(container.GetConnectionString());
                var userInfo = Uri.UnescapeDataString(cs.UserInfo).Split(':', 2);
                _rabbitUser = userInfo[0];
                _rabbitPassword = userInfo.Length > 1 ? userInfo[1] : "";
                _rabbitAmqp = $"amqp://{Uri.EscapeDataString(_rabbitUser)}:{Uri.EscapeDataString(_rabbitPassword)}@127.0.0.1:{ports[0]}/";
                _rabbitManagement = new Uri($"http://127.0.0.1:{ports[1]}/");
                RabbitMqSource = TestServerSource.Container;
                await WaitForRabbitMqAsync(null, ct).ConfigureAwait(false);
            }
            else
            {
                await StartLocalRabbitMqAsync(ct).ConfigureAwait(false);
                RabbitMqSource = TestServerSource.LocalProcess;
            }

            RabbitMqStartTime = sw.Elapsed;
            _rabbitRunning = true;
            _rabbitStarted = true;
            _rabbitUp.TrySetResult();
        }
        finally
        {
            _rmqGate.Release();
        }

        if (waitWhileStopped)
        {
            await WaitUntilRabbitMqRunsAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task WaitUntilRabbitMqRunsAsync(CancellationToken ct)
    {
        if (_rabbitRunning)
        {
            return;
        }

        try
        {
            await _rabbitUp.Task.WaitAsync(TimeSpan.FromMinutes(3), ct).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException("RabbitMQ was stopped by a test (StopRabbitMqAsync) and not started again within 3 minutes.", ex);
        }
    }

    private async Task StartLocalRabbitMqAsync(CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var p = LocalServerProcess.FreePorts(4); // amqp, management, distribution, epmd
            var node = $"dakla06test{Environment.ProcessId}x{attempt}@localhost";
            Directory.CreateDirectory(_runDir);
            var env = new Dictionary<string, string>
            {
                ["DAKLA06_DATA_DIR"] = Path.Combine(_runDir, $"rabbitmq{attempt}"),
                ["DAKLA06_PORT"] = p[0].ToString(CultureInfo.InvariantCulture),
                ["DAKLA06_MANAGEMENT_PORT"] = p[1].ToString(CultureInfo.InvariantCulture),
                ["DAKLA06_DIST_PORT"] = p[2].ToString(CultureInfo.InvariantCulture),
                ["DAKLA06_EPMD_PORT"] = p[3].ToString(CultureInfo.InvariantCulture),
                ["DAKLA06_NODENAME"] = node,
            };
            _rabbitUser = "guest";
            _rabbitPassword = "guest";
            _rabbitAmqp = $"amqp://guest:guest@127.0.0.1:{p[0]}/";
            _rabbitManagement = new Uri($"http://127.0.0.1:{p[1]}/");
            var process = LocalServerProcess.Start(Script("rabbitmq.sh"), env, Path.Combine(_runDir, "rabbitmq.log"));
            try
            {
                await WaitForRabbitMqAsync(process, ct).ConfigureAwait(false);
                _rmqProcess = process;
                _rmqEnvironment = env;
                return;
            }
            catch (InvalidOperationException ex) when (process.HasExited && attempt < 3)
            {
                last = ex;
            }
        }

        _rabbitAmqp = null;
        throw new InvalidOperationException("RabbitMQ did not start", last);
    }

    private async Task WaitForRabbitMqAsync(LocalServerProcess? process, CancellationToken ct)
    {
        var amqp = new Uri(_rabbitAmqp!);
        var port = amqp.Port > 0 ? amqp.Port : 5672;
        var deadline = Stopwatch.StartNew();
        Exception? lastError = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            process?.ThrowIfExited("rabbitmq.sh");
            if (await LocalServerProcess.CanConnectAsync(amqp.Host, port, ct).ConfigureAwait(false))
            {
                try
                {
                    await ManagementAsync(HttpMethod.Get, "api/overview", null, ct).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    lastError = ex;
                }
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"RabbitMQ did not answer within 120 s{(process is null ? "" : $" (log: {process.LogFile})")}", lastError);
    }

    // ------------------------------------------------------------------ container runtime detection

    private static async Task<bool> UseContainersAsync(CancellationToken ct)
    {
        var mode = System.Environment.GetEnvironmentVariable("DAKLA06_TEST_SERVERS")?.Trim().ToUpperInvariant();
        if (mode == "LOCAL")
        {
            return false;
        }

        if (_containerRuntimeAvailable is { } known)
        {
            return known || mode == "CONTAINERS";
        }

        await RuntimeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_containerRuntimeAvailable is null)
            {
                try
                {
                    // Build() resolves the container runtime: DockerUnavailableException when none answers.
                    _ = new ContainerBuilder("alpine:3").Build();
                    _containerRuntimeAvailable = true;
                }
                catch (DockerUnavailableException)
                {
                    _containerRuntimeAvailable = false;
                }
            }

            if (mode == "CONTAINERS" && _containerRuntimeAvailable == false)
            {
                throw new InvalidOperationException("DAKLA06_TEST_SERVERS=containers but no container runtime answers.");
            }

            return _containerRuntimeAvailable.Value;
        }
        finally
        {
            RuntimeGate.Release();
        }
    }

    // ------------------------------------------------------------------ cleanup

    /// <summary>
    /// Stops the servers this process started, if any (once; later calls do nothing). Called at the end of the test
    /// pipeline (<see cref="StopTestServersAtPipelineEnd"/>) so that the runner does not wait on them at process exit,
    /// and again from <see cref="AppDomain.ProcessExit"/> for hosts that have no pipeline (the benchmarks).
    /// </summary>
    public static void StopIfStarted()
    {
        if (LazyInstance.IsValueCreated)
        {
            LazyInstance.Value.StopAll();
        }
    }

    private void StopAll()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // RabbitMQ: its data is throwaway, so kill the VM outright (a clean stop takes ~7 s) and let
        // the wrapper stop its epmd and exit. PostgreSQL stops in ~0.1 s with pg_ctl -m fast.
        var rmq = _rmqProcess;
        if (rmq is not null && !rmq.HasExited && _rmqEnvironment is not null)
        {
            var pidFile = Path.Combine(_rmqEnvironment["DAKLA06_DATA_DIR"], "pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var vm))
            {
                LocalServerProcess.KillHard(vm);
            }
        }

        var stops = new List<Task>();
        if (_pgProcess is { } pg)
        {
            stops.Add(Task.Run(() => pg.Stop(TimeSpan.FromSeconds(15))));
        }

        if (rmq is not null)
        {
            stops.Add(Task.Run(() => rmq.Stop(TimeSpan.FromSeconds(15))));
        }

        try
        {
            Task.WaitAll([.. stops], TimeSpan.FromSeconds(20));
        }
        catch (AggregateException)
        {
        }

        foreach (var c in new[] { _pgContainer, _rmqContainer })
        {
            try
            {
                c?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
            }
            catch (AggregateException)
            {
            }
        }

        _pgProcess?.CloseLog();
        rmq?.CloseLog();
        if (_pgProcess is not null || rmq is not null)
        {
            TryDelete(_runDir);
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // ------------------------------------------------------------------ repo

    internal string Script(string name)
    {
        if (_repoRoot is null)
        {
            throw new InvalidOperationException(
                $"Cannot find the repository root (a folder with Dakla06.sln above {AppContext.BaseDirectory}) for Dakla06.AppHost/local/{name}. " +
                "Set DAKLA06_TEST_POSTGRES / DAKLA06_TEST_RABBITMQ instead.");
        }

        return Path.Combine(_repoRoot, "Dakla06.AppHost", "local", name);
    }

    /// <summary>
    /// The repository root: <c>DAKLA06_REPO_ROOT</c> if set, else the folder holding Dakla06.sln above
    /// <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public static string? FindRepoRoot()
    {
        var fromEnv = System.Environment.GetEnvironmentVariable("DAKLA06_REPO_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnv) && File.Exists(Path.Combine(fromEnv, "Dakla06.sln")))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dakla06.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
