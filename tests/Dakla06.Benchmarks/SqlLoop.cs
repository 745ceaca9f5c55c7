using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Benchmarks;

/// <summary>A query parameter bound by name with its PostgreSQL type (null values need one).</summary>
internal sealed record SqlParameter(string Name, NpgsqlDbType Type, object? Value);

/// <summary>What the loop measured: queries per second over every worker, and the queries' latency.</summary>
internal sealed record SqlLoopResult(double QueriesPerSecond, long Queries, double P50Ms, double P99Ms);

/// <summary>
/// The floor an API list stands on: the same SQL with the same parameters, run by <c>concurrency</c> workers each taking
/// a pooled connection, executing, reading every row and giving the connection back — as the service does per request,
/// without HTTP, tokens, Dapper's mapping or JSON.
/// </summary>
internal static class SqlLoop
{
    public static async Task<SqlLoopResult> RunAsync(NpgsqlDataSource dataSource, string sql, IReadOnlyList<SqlParameter> parameters, int concurrency, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var times = new List<double>();
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var command = Command(connection, sql, parameters);

                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }

                times.Add((clock.Elapsed - started).TotalMilliseconds);
            }

            return times;
        })).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(t => t).ToList();
        var elapsed = clock.Elapsed.TotalSeconds;
        return new SqlLoopResult(all.Count / elapsed, all.Count, Latency.Percentile(all, 0.50), Latency.Percentile(all, 0.99));
    }

    /// <summary>The first column (the row id) of every row the query returns, in order.</summary>
    public static async Task<List<Guid>> IdsAsync(NpgsqlDataSource dataSource, string sql, IReadOnlyList<SqlParameter> parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<SqlParameter> parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(parameter.Name, parameter.Type) { Value = parameter.Value ?? DBNull.Value });
        }

        return command;
    }
}
