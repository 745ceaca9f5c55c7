using Npgsql;

namespace Dakla06.Testing;

/// <summary>
/// A PostgreSQL server of one test alone, which it stops and starts again under a running service (the shared test
/// server must stay up for every other class): the AppHost's wrapper script on a data directory in the run directory,
/// the same port and data across a stop and a start. Needs the local PostgreSQL binaries.
/// </summary>
public sealed class StoppablePostgres : IAsyncDisposable
{
    private readonly string _name;
    private readonly int _port;
    private LocalServerProcess? _process;

    private StoppablePostgres(string name, int port, string connectionString)
    {
        _name = name;
        _port = port;
        ConnectionString = connectionString;
    }

    /// <summary>Server-level connection string (database <c>postgres</c>).</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(TestServers.Instance.RunDirectory, _name);

    /// <summary>Starts a new server named <paramref name="name"/> (its folder and log in the run directory) on a free port.</summary>
    public static async Task<StoppablePostgres> StartAsync(string name, CancellationToken ct = default)
    {
        var port = LocalServerProcess.FreePorts(1)[0];
        var (process, cs) = TestServers.Instance.LaunchLocalPostgres(Path.Combine(TestServers.Instance.RunDirectory, name), port, $"{name}.log");
        var server = new StoppablePostgres(name, port, cs) { _process = process };
        await TestServers.WaitForPostgresAsync(cs, process, ct).ConfigureAwait(false);
        return server;
    }

    /// <summary>Creates a database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Stops the server cleanly (its wrapper's TERM) and waits until it is gone: its port refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await process.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            process.CloseLog();
            _process = null;
        }
    }

    /// <summary>Starts the stopped server again (same port, same data) and waits until it answers.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_process is not null)
        {
            return;
        }

        var (process, cs) = TestServers.Instance.LaunchLocalPostgres(DataDirectory, _port, $"{_name}.log");
        _process = process;
        await TestServers.WaitForPostgresAsync(cs, process, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
