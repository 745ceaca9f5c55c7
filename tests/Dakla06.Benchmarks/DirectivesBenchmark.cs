using System.Diagnostics;
using System.Globalization;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Directives;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults.Persistence;
using Dakla06.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

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
        await LoadAsync(dataSource, units, taskCount, today);
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

    // Tasks over the province the way the work is spread: mostly communes, some districts, a few the province's own;
    // assigned by the province or by the district above; every status, deadlines within half a year either side.
    private static async Task LoadAsync(NpgsqlDataSource dataSource, AdminUnitDirectory units, int count, DateOnly today)
    {
        var random = new Random(6);
        var communes = units.All.Where(u => u.Level == AdminLevel.Commune).ToArray();
        var districts = units.All.Where(u => u.Level == AdminLevel.District).ToArray();
        string[] statuses = ["assigned", "in_progress", "reported_done", "accepted"];
        string[] priorities = ["low", "normal", "high", "urgent"];
        var documentId = Guid.CreateVersion7();
        var now = DateTime.UtcNow;

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var document = new NpgsqlCommand(
            """
            INSERT INTO documents (id, document_type, number, issuing_unit_code, unit_path, issued_on, subject, created_by, created_by_name)
            VALUES (@id, 'plan', '1/KH-UBND', '66', '66', @issuedOn, 'Kế hoạch triển khai Đề án 06', 'bench', 'Benchmark')
            """, connection))
        {
            document.Parameters.AddWithValue("id", documentId);
            document.Parameters.AddWithValue("issuedOn", today.AddDays(-200));
            await document.ExecuteNonQueryAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            """
            COPY tasks (id, document_id, title, description, expected_output, due_on, priority, assignee_unit_code, unit_path,
                        assigner_unit_code, assigner_unit_path, status, latest_percent, created_by, created_by_name,
                        created_at, updated_at, accepted_at, overdue_notified_at)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < count; i++)
            {
                var roll = random.Next(100);
                var assignee = roll < 80 ? communes[random.Next(communes.Length)] : roll < 98 ? districts[random.Next(districts.Length)] : units.Root;
                var assigner = assignee.Level == AdminLevel.Commune && random.Next(2) == 0 ? units.Get(assignee.ParentCode!) : units.Root;
                if (assignee == units.Root)
                {
                    assigner = units.Root;
                }

                var status = statuses[random.Next(statuses.Length)];
                var dueOn = today.AddDays(random.Next(-180, 180));
                var percent = status switch { "assigned" => (int?)null, "in_progress" => random.Next(0, 100), _ => 100 };
                await importer.StartRowAsync();
                await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await importer.WriteAsync(documentId, NpgsqlDbType.Uuid);
                await importer.WriteAsync($"Nhiệm vụ {i}", NpgsqlDbType.Text);
                await importer.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await importer.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await importer.WriteAsync(dueOn, NpgsqlDbType.Date);
                await importer.WriteAsync(priorities[random.Next(priorities.Length)], NpgsqlDbType.Text);
                await importer.WriteAsync(assignee.Code, NpgsqlDbType.Text);
                await importer.WriteAsync(assignee.Path, NpgsqlDbType.LTree);
                await importer.WriteAsync(assigner.Code, NpgsqlDbType.Text);
                await importer.WriteAsync(assigner.Path, NpgsqlDbType.LTree);
                await importer.WriteAsync(status, NpgsqlDbType.Text);
                if (percent is { } p)
                {
                    await importer.WriteAsync(p, NpgsqlDbType.Integer);
                }
                else
                {
                    await importer.WriteNullAsync();
                }

                await importer.WriteAsync("bench", NpgsqlDbType.Text);
                await importer.WriteAsync("Benchmark", NpgsqlDbType.Text);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                if (status == "accepted")
                {
                    var acceptedOn = dueOn.AddDays(random.Next(-20, 10)).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
                    await importer.WriteAsync(acceptedOn, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await importer.WriteNullAsync();
                }

                await importer.WriteNullAsync();
            }

            await importer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE tasks", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
