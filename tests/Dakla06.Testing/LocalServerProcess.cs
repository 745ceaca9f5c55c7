using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Dakla06.Testing;

/// <summary>
/// One run of a wrapper script from <c>Dakla06.AppHost/local/</c> (postgres.sh / rabbitmq.sh) as a
/// child of the test process. The script watches <c>DAKLA06_PARENT_PID</c>, so it stops its server
/// by itself if the test process dies without running <see cref="StopAsync"/>.
/// </summary>
internal sealed class LocalServerProcess
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _tail = new();
    private readonly StreamWriter _log;
    private readonly object _gate = new();

    private LocalServerProcess(Process process, string logFile)
    {
        _process = process;
        _log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        LogFile = logFile;
    }

    public string LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static LocalServerProcess Start(string script, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var psi = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        psi.Environment["DAKLA06_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var server = new LocalServerProcess(process, logFile);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The last lines the script printed (for error messages).</summary>
    public string Tail
    {
        get
        {
            lock (_gate)
            {
                return _tail.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _tail.AppendLine(line);
            if (_tail.Length > 8000)
            {
                _tail.Remove(0, _tail.Length - 6000);
            }

            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public void ThrowIfExited(string what)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException(
                $"{what} exited with code {_process.ExitCode} while starting. Log: {LogFile}{Environment.NewLine}{Tail}");
        }
    }

    /// <summary>SIGTERM to the wrapper (it stops its server cleanly), then waits for it to exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    /// <summary>Synchronous stop for <see cref="AppDomain.ProcessExit"/>.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        if (!_process.WaitForExit(timeout))
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    public static void KillHard(int pid) => _ = Kill(pid, SigKill);

    public void CloseLog()
    {
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for this one call
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054

    /// <summary>Free TCP ports on 127.0.0.1, none of them a port of the AppHost's own local servers.</summary>
    public static int[] FreePorts(int count)
    {
        int[] reserved = [55432, 55672, 15672, 25672, 24369, 4369, 5432, 5672, 25673];
        var listeners = new List<TcpListener>();
        try
        {
            var ports = new List<int>();
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (!reserved.Contains(port) && !ports.Contains(port))
                {
                    ports.Add(port);
                }
            }

            return [.. ports];
        }
        finally
        {
            foreach (var l in listeners)
            {
                l.Stop();
            }
        }
    }

    public static async Task<bool> CanConnectAsync(string host, int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, ct).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
