using System.Diagnostics;
using System.Globalization;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Directives;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults.Persistence;
using Dakla06.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// Times the leaders' summary query (SummaryStore's SQL, unchanged) on 100,000 tasks spread over the province,
/// against a baseline measured in the same run on the same table: a plain count by status.
/// Usage: <c>./dakla06 bench [-- --tasks N --runs N]</c>.
/// </summary>
internal static class DirectivesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var taskCount = Options.Int(args, "--tasks", 100_000);
        var runs = Options.Int(args, "--runs", 21);
        var total = Stopwatch.StartNew();

        Console.WriteLine($"Starting PostgreSQL (Dakla06.Testing TestServers) ...");
        var servers = await TestServers.GetPostgresAsync();
        var database = await servers.CreateDatabaseAsync("bench");
        Console.WriteLine($"PostgreSQL from {servers.PostgresSource}, database {database.Name}");

        await using (var migrations = NpgsqlDataSource.Create(database.ConnectionString))
        {
            await new DatabaseMigrator(migrations, new MigrationSource(typeof(DirectivesServiceExtensions).Assembly), NullLogger<DatabaseMigrator>.Instance)
                .StartAsync(CancellationToken.None);
        }

        // A data source opened after the migrations, so it knows the ltree type they created.
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        var units = AdminUnitDirectory.Default;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var load = Stopwatch.StartNew();
        await DirectivesData.LoadAsync(dataSource, units, taskCount, documentCount: 1, today);
        Console.WriteLine($"Loaded {taskCount:N0} tasks with binary COPY in {load.ElapsedMilliseconds:N0} ms (then VACUUM ANALYZE)");

        var province = units.Root;
        var district = units.Get("643");
        var baseline = await MedianAsync(dataSource, "SELECT status, count(*) FROM tasks GROUP BY status", null, runs);
        var provinceSummary = await MedianAsync(dataSource, SummaryStore.Query, SummaryParameters(units, province, today), runs);
        var districtSummary = await MedianAsync(dataSource, SummaryStore.Query, SummaryParameters(units, district, today), runs);

        Console.WriteLine();
        Console.WriteLine($"Median of {runs} runs after a warm-up, {taskCount:N0} tasks:");
        Console.WriteLine($"  baseline  SELECT status, count(*) GROUP BY status  {baseline,8:F2} ms");
        Console.WriteLine($"  summary   province 66 (15 children)               {provinceSummary,8:F2} ms   ratio {provinceSummary / baseline:F2}x");
        Console.WriteLine($"  summary   district 643 (21 children)              {districtSummary,8:F2} ms   ratio {districtSummary / baseline:F2}x");
        Console.WriteLine($"Total {total.Elapsed.TotalSeconds:F1} s");
        await database.DisposeAsync();
        return 0;
    }

    private static Dictionary<string, object> SummaryParameters(AdminUnitDirectory units, AdminUnit unit, DateOnly today)
    {
        var children = units.ChildrenOf(unit.Code);
        return new Dictionary<string, object>
        {
            ["scope"] = unit.Path,
            ["unitCode"] = unit.Code,
            ["today"] = today,
            ["childCodes"] = children.Select(c => c.Code).ToArray(),
        };
    }

    private static async Task<double> MedianAsync(NpgsqlDataSource dataSource, string sql, Dictionary<string, object>? parameters, int runs)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var timings = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters ?? [])
            {
                command.Parameters.AddWithValue(name, value);
            }

            var stopwatch = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            if (i > 0)
            {
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);   // run 0 warms caches and plans
            }
        }

        timings.Sort();
        return timings[timings.Count / 2];
    }
}
