using System.Globalization;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// CPU time used so far by the server's backends (every child of the postmaster, from <c>/proc</c>), so that a phase can
/// say how much PostgreSQL work each query or request cost — a figure the other agents loading the machine move far less
/// than requests per second. Backends that exit take their time with them: measure while the pools keep theirs open.
/// </summary>
internal sealed class PostgresCpu(int postmasterPid)
{
    private static readonly double TicksPerSecond = 100;   // USER_HZ on Linux

    public static async Task<PostgresCpu> OfAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return new PostgresCpu(int.Parse(Stat(backend)[1], CultureInfo.InvariantCulture));
    }

    public TimeSpan Total()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = Stat(pid);
                if (stat[1] == postmasterPid.ToString(CultureInfo.InvariantCulture))
                {
                    ticks += long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    // Fields after the command name (which may contain spaces): [0] state, [1] ppid, ..., [11] utime, [12] stime.
    private static string[] Stat(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        return text[(text.LastIndexOf(')') + 2)..].Split(' ');
    }
}
