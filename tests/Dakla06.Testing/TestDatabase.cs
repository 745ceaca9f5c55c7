using Npgsql;

namespace Dakla06.Testing;

/// <summary>A database created for one test class; disposing drops it (connections are closed first).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    internal TestDatabase(string name, string connectionString, string serverConnectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        _serverConnectionString = serverConnectionString;
    }

    public string Name { get; }

    /// <summary>Npgsql connection string of this database.</summary>
    public string ConnectionString { get; }

    public override string ToString() => Name;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using (var probe = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(probe);
            }

            await using var conn = new NpgsqlConnection(_serverConnectionString);
            await conn.OpenAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at the end of the run: the temp dir goes with it.
        }
    }
}
