using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dakla06.Benchmarks;

/// <summary>
/// One of our services run the way it runs in production: its Release build as a separate <c>dotnet &lt;dll&gt;</c>
/// process on a free port, configured only through environment variables. Separate so that its memory (VmHWM) and
/// CPU are its own and nothing of the benchmark's data generation is counted against it. Output goes to a log file
/// (shown when it fails to start). Stopped by its process id when disposed and when the benchmark exits.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly List<Process> Running = [];
    private readonly Process _process;
    private readonly StreamWriter _log;

    static ServiceProcess()
    {
        // A benchmark stopped with Ctrl+C or failing half-way must not leave a service behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        Console.CancelKeyPress += (_, _) => StopAll();
    }

    private ServiceProcess(string name, Process process, StreamWriter log, Uri baseUri, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        BaseUri = baseUri;
        LogPath = logPath;
    }

    public string Name { get; }

    public Uri BaseUri { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public static ServiceProcess Start(string name, string dllPath, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        if (!File.Exists(dllPath))
        {
            throw new FileNotFoundException($"{name}: {dllPath} not built (./dakla06 bench <service> builds it in Release).", dllPath);
        }

        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dllPath);
        info.Environment["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["DAKLA06_DISABLE_OTLP"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (Running)
        {
            Running.Add(process);
        }

        return new ServiceProcess(name, process, log, baseUri, logPath);
    }

    /// <summary>
    /// The development identity provider with the repository's realm file, as the AppHost runs it; with no
    /// Identity:PublicUrl it names itself after its listen URL, which is the URL the services and the benchmark call.
    /// </summary>
    public static ServiceProcess StartIdentity(string repo, string logDirectory) =>
        Start("identity", ReleaseDll(repo, "services/Identity", "Dakla06.Identity.dll"), new Dictionary<string, string>
        {
            // It refuses to run outside Development (demo users with passwords in a file).
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Identity__RealmFile"] = Path.Combine(repo, "Dakla06.AppHost", "keycloak", "dakla06-realm.json"),
            ["Identity__SigningKeyFile"] = Path.Combine(logDirectory, "signing-key.pem"),
        }, logDirectory);

    /// <summary>Where <c>dotnet build -c Release</c> puts a project's assembly.</summary>
    public static string ReleaseDll(string repo, string project, string dll) =>
        Path.Combine(repo, project, "bin", "Release", "net10.0", dll);

    /// <summary>Waits until <c>/health</c> answers 200; fails early with the log's tail when the process exits.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} not healthy after {timeout.TotalSeconds:F0} s:\n{Tail()}");
    }

    /// <summary>Peak resident set size so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>Current resident set size (VmRSS), in bytes.</summary>
    public long ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>User + system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public bool HasExited => _process.HasExited;

    public string Tail(int lines = 40) => string.Join('\n', LogLines().TakeLast(lines));

    /// <summary>Everything the process wrote so far, line by line.</summary>
    public IReadOnlyList<string> LogLines()
    {
        _log.Flush();
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    private long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not in /proc/{_process.Id}/status");
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        lock (Running)
        {
            Running.Remove(_process);
        }

        await _log.DisposeAsync();
        _process.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static void StopAll()
    {
        lock (Running)
        {
            foreach (var process in Running)
            {
                Stop(process);
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
