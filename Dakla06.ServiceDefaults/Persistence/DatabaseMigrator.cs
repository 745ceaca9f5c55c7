using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dakla06.ServiceDefaults.Persistence;

/// <summary>
/// Forward-only SQL migrations: the platform's scripts, then the service's own <c>Data/Migrations/*.sql</c>
/// embedded resources, in name order, each once, each in its own transaction. Runs at start-up under a
/// PostgreSQL advisory lock so replicas starting together apply each script once; creates the database first
/// when it does not exist yet (local mode, tests).
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, MigrationSource source, ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Any constant works; it only has to be the same for every replica of every service.
    private const long AdvisoryLockKey = 0x6A06_0006;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await EnsureDatabaseExistsAsync(dataSource.ConnectionString, cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var journal = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS schema_migrations (script text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                connection))
            {
                await journal.ExecuteNonQueryAsync(cancellationToken);
            }

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var query = new NpgsqlCommand("SELECT script FROM schema_migrations", connection))
            await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var count = 0;
            foreach (var script in source.Scripts.Where(s => !applied.Contains(s.Name)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
                {
                    command.CommandTimeout = 600;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (script) VALUES (@script)", connection, transaction))
                {
                    record.Parameters.AddWithValue("script", script.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Script}", script.Name);
                count++;
            }

            logger.LogInformation("Database {Database} is up to date ({Applied} applied now) in {Elapsed} ms",
                connection.Database, count, stopwatch.ElapsedMilliseconds);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the database named in the connection string through the server's maintenance database.</summary>
    public static async Task EnsureDatabaseExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created it first.
        }
    }
}

/// <summary>One migration script: its unique name (journal key) and its SQL.</summary>
public sealed record MigrationScript(string Name, string Sql);

/// <summary>The ordered scripts: the platform's first, then the service's.</summary>
public sealed class MigrationSource
{
    public MigrationSource(Assembly serviceAssembly)
    {
        Scripts = [.. Read(typeof(MigrationSource).Assembly, "platform"), .. Read(serviceAssembly, "service")];
    }

    public IReadOnlyList<MigrationScript> Scripts { get; }

    private static IEnumerable<MigrationScript> Read(Assembly assembly, string prefix) =>
        assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(".Migrations.", StringComparison.Ordinal))
            .Select(name => (Resource: name, File: name[(name.LastIndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..]))
            .OrderBy(r => r.File, StringComparer.Ordinal)
            .Select(r =>
            {
                using var stream = assembly.GetManifestResourceStream(r.Resource)!;
                using var reader = new StreamReader(stream);
                return new MigrationScript($"{prefix}/{r.File}", reader.ReadToEnd());
            })
            .ToList();
}
