using System.Diagnostics;
using System.Text.Json;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Statistics.Domain;
using Dakla06.Testing;
using Dapper;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// Issue 11's performance figures, all in one run on this machine: generates a catalogue and a year of dossiers over the
/// province (<see cref="StatisticsData"/>), starts PostgreSQL and RabbitMQ like the tests do, runs the development identity
/// provider and the REAL statistics service (Release builds, separate processes), imports the catalogue and the dossier
/// file over HTTP (upload → job completed, pre-aggregates included), times the province's indicators for the year through
/// the API against the plain aggregate over the <c>dossiers</c> table that computes the same numbers (and checks they are
/// the same numbers), re-imports the same file, and measures a raw binary COPY of the file on the same server.
/// Prints a table; a missed target says MISSED, but the exit code stays 0 (a measurement, not a test).
/// Usage: <c>./dakla06 bench statistics [-- --dossiers N --seed N --calls N --baseline-runs N --keep-logs]</c>.
/// </summary>
internal static class StatisticsBenchmark
{
    private const string Officer = "province.officer";   // province statistics-officer (realm file)

    public static async Task<int> RunAsync(string[] args)
    {
        var dossiers = Options.Int(args, "--dossiers", 1_250_000);
        var seed = Options.Int(args, "--seed", 11);
        var calls = Options.Int(args, "--calls", 100);
        var baselineRuns = Options.Int(args, "--baseline-runs", 11);
        var total = Stopwatch.StartNew();
        var repo = TestServers.FindRepoRoot() ?? throw new InvalidOperationException("Run from the repository (./dakla06 bench statistics).");
        var report = new BenchmarkReport("MISSED");
        Console.WriteLine($"Statistics benchmark: {dossiers:N0} dossiers of {StatisticsData.Year}, seed {seed}, {Environment.ProcessorCount} cores, load average {BenchmarkReport.LoadAverage()}");

        // 1. Data (cached by seed and size; not measured).
        var data = StatisticsData.Prepare(repo, dossiers, seed);

        // 2. Servers and services.
        await using var run = await ServiceRun.StartAsync(repo, "statistics", "services/Statistics", "Dakla06.Statistics.dll", started => new Dictionary<string, string>
        {
            ["ConnectionStrings__statisticsdb"] = started.Database.ConnectionString,
            ["ConnectionStrings__messaging"] = started.VirtualHost.ConnectionString,
            ["Identity__Authority"] = started.Authority,
            ["Statistics__StorageDirectory"] = Path.Combine(started.Work.FullName, "uploads"),
            ["Statistics__SeedDossiers"] = "0",
            ["Logging__LogLevel__Dakla06.Statistics.Jobs.DossierImportWorker"] = "Information",
        });
        var (database, service) = (run.Database, run.Service);
        using var http = run.ServiceHttp();
        var api = new StatisticsClient(http, run.Tokens(Officer));

        // 3. The catalogue (not a target: the dossiers need it).
        var catalogueTime = Stopwatch.StartNew();
        ProcedureImportResponse catalogue;
        await using (var file = File.OpenRead(data.CatalogueCsv))
        {
            catalogue = await api.ImportProceduresAsync(file, Path.GetFileName(data.CatalogueCsv));
        }

        Console.WriteLine($"Catalogue import: {catalogueTime.Elapsed.TotalSeconds:F1} s — {JsonSerializer.Serialize(catalogue, JsonSerializerOptions.Web)}");

        // 4. The dossier file: upload → job completed, every pre-aggregate committed with its chunk.
        var first = await ImportAsync(api, service, data, "import");
        report.Add("import, upload → completed", $"{dossiers:N0} dossiers", $"{first.Elapsed.TotalSeconds:F1} s", "completed",
            first.Job.Status == ImportStatuses.Completed && first.Job.Inserted == dossiers);
        report.Add("  of which upload (HTTP)", string.Empty, $"{first.Upload.TotalSeconds:F1} s", null, null);
        report.Add("  service CPU (user + system)", string.Empty, $"{first.Cpu.TotalSeconds:F1} s", null, null);
        report.Add("  dossiers/s", $"{first.Job.Inserted:N0} inserted", $"{dossiers / first.Elapsed.TotalSeconds:N0} /s", null, null);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            var (countRows, countBytes, dossierBytes) = await connection.QuerySingleAsync<(long, long, long)>(
                "SELECT (SELECT count(*) FROM dossier_counts), pg_total_relation_size('dossier_counts'), pg_total_relation_size('dossiers')");
            report.Add("  dossier_counts rows", $"{countBytes / 1048576.0:N0} MiB", $"{countRows:N0}", null, null);
            report.Add("  dossiers table", string.Empty, $"{dossierBytes / 1048576.0:N0} MiB", null, null);

            // What autovacuum does soon after an import, done now so both sides of the comparison have planner statistics.
            foreach (var table in new[] { "dossiers", "dossier_counts", "unit_day_counts", "unit_month_counts" })
            {
                await connection.ExecuteAsync($"VACUUM ANALYZE {table}", commandTimeout: 600);   // not in a transaction: one per command
            }
        }

        // 5. Province indicators for the year: the API (HTTP, token, scope, pre-aggregates) against the plain aggregate.
        var query = new IndicatorQuery(AdminUnitDirectory.Default.Root.Code, StatisticsData.From, StatisticsData.To);
        IndicatorsResponse answer = null!;
        var apiTimes = await Latency.MeasureAsync(3, calls, async () => answer = await api.GetIndicatorsAsync(query));

        var (plainSums, plainTimes) = await PlainAggregateAsync(database.ConnectionString, baselineRuns);
        var expected = Indicators.Compute(plainSums);
        var differences = expected.Zip(answer.Indicators, (e, a) => e with { Target = null } == a with { Target = null } ? null : $"{e.Code}: plain {e.Numerator}/{e.Denominator}, API {a.Numerator}/{a.Denominator}")
            .OfType<string>().ToList();
        foreach (var difference in differences)
        {
            Console.WriteLine($"  DIFFERENT {difference}");
        }

        var (apiP50, apiP95) = (Latency.Percentile(apiTimes, 0.50), Latency.Percentile(apiTimes, 0.95));
        var (plainP50, plainP95) = (Latency.Percentile(plainTimes, 0.50), Latency.Percentile(plainTimes, 0.95));
        Console.WriteLine($"Indicators, province {StatisticsData.Year}: received {plainSums.Received:N0}, resolved {plainSums.Resolved:N0}, overdue in progress {plainSums.OverdueInProgress:N0}");
        report.Add("indicators: same numbers as plain", $"{expected.Count} indicators", differences.Count == 0 ? "equal" : $"{differences.Count} differ", "equal", differences.Count == 0);
        report.Add("plain aggregate over dossiers", $"p50 / p95 of {baselineRuns}", $"{plainP50:F1} / {plainP95:F1} ms", null, null);
        report.Add("indicators via the API", $"p50 / p95 of {calls}", $"{apiP50:F1} / {apiP95:F1} ms", null, null);
        report.Add("API p50 ÷ plain p50", string.Empty, $"1/{plainP50 / apiP50:F1}", "≤ 1/10", apiP50 * 10 <= plainP50);
        report.Add("API p95", string.Empty, $"{apiP95:F1} ms", "≤ 20 ms", apiP95 <= 20);

        // 6. The same file again: every dossier unchanged.
        var again = await ImportAsync(api, service, data, "re-import");
        report.Add("re-import (all unchanged)", $"{again.Job.Unchanged:N0} unchanged", $"{again.Elapsed.TotalSeconds:F1} s", "< import",
            again.Job.Status == ImportStatuses.Completed && again.Job.Unchanged == dossiers && again.Elapsed < first.Elapsed);
        report.Add("  service CPU (user + system)", string.Empty, $"{again.Cpu.TotalSeconds:F1} s", null, null);

        var peak = service.PeakResidentBytes();
        report.Add("peak RSS of the service", "VmHWM, whole run", $"{peak / 1073741824.0:F2} GiB", "< 1 GiB", peak < 1L << 30);

        // 7. The raw COPY of the same file on the same server, after the imports so it does not compete with them.
        var (copyRows, copyTime) = await RawCopy.RunAsync(database.ConnectionString, data.DossiersCsv);
        report.Add("baseline: raw binary COPY", $"{copyRows:N0} rows", $"{copyTime.TotalSeconds:F1} s", null, null);
        report.Add("import ÷ raw COPY throughput", $"{copyRows / copyTime.TotalSeconds:N0} rows/s", $"{copyTime / first.Elapsed:P0}", "≥ 35%", copyTime / first.Elapsed >= 0.35);

        Console.WriteLine();
        report.Print($"Statistics benchmark — {dossiers:N0} dossiers of {StatisticsData.Year}, seed {seed}, {Environment.ProcessorCount} cores, total {total.Elapsed.TotalMinutes:F1} min, load average now {BenchmarkReport.LoadAverage()}");
        run.CleanUp(args);

        return 0;
    }

    /// <summary>Uploads the dossier file and polls the job until it is finished; the clock runs from the first byte sent.</summary>
    private static Task<ImportRun<ImportDto>> ImportAsync(StatisticsClient api, ServiceProcess service, StatisticsData data, string name) =>
        ImportRun.RunAsync(service, name, data.DossiersCsv,
            file => api.ImportDossiersAsync(file, Path.GetFileName(data.DossiersCsv), DossierSources.Igate),
            job => api.GetImportAsync(job.Id),
            job => (job.Status, job.ProgressPercent, job.Processed));

    /// <summary>
    /// The same numbers straight from the dossier table, as one would write it without pre-aggregates: one scan of the
    /// province's dossiers with a filtered count or sum per figure (the definitions of issue 11). Timed on one open
    /// connection after one warm-up run.
    /// </summary>
    private static async Task<(IndicatorSums Sums, List<double> Times)> PlainAggregateAsync(string connectionString, int runs)
    {
        const string Sql = """
            SELECT count(*) FILTER (WHERE received) AS Received,
                   count(*) FILTER (WHERE received AND channel = 'truc_tuyen') AS ReceivedOnline,
                   count(*) FILTER (WHERE received AND fee_obligation) AS FeeDossiers,
                   count(*) FILTER (WHERE received AND fee_obligation AND paid_online) AS PaidOnline,
                   count(*) FILTER (WHERE received AND paid_online) AS PaymentCount,
                   coalesce(sum(amount) FILTER (WHERE received AND paid_online AND payment_succeeded), 0)::bigint AS PaidAmountOk,
                   coalesce(sum(amount) FILTER (WHERE received AND paid_online AND NOT payment_succeeded), 0)::bigint AS PaidAmountFailed,
                   count(*) FILTER (WHERE received AND documents_digitised) AS Digitised,
                   count(*) FILTER (WHERE resolved) AS Resolved,
                   count(*) FILTER (WHERE resolved AND finished_on <= due_on) AS ResolvedOnTime,
                   count(*) FILTER (WHERE resolved AND result_digitised) AS ResultsDigitised,
                   count(*) FILTER (WHERE received_on <= @to AND (finished_on IS NULL OR finished_on > @to) AND due_on < @to) AS OverdueInProgress
            FROM (SELECT d.*, d.received_on BETWEEN @from AND @to AS received,
                         d.finished_on BETWEEN @from AND @to AND d.status = 'da_giai_quyet' AS resolved
                  FROM dossiers d WHERE d.unit_path <@ @unitPath::ltree) d
            """;
        var parameters = new { from = StatisticsData.From, to = StatisticsData.To, unitPath = AdminUnitDirectory.Default.Root.Path };
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        IndicatorSums sums = null!;
        var times = await Latency.MeasureAsync(1, runs, async () => sums = await connection.QuerySingleAsync<IndicatorSums>(Sql, parameters, commandTimeout: 600));
        return (sums, times);
    }
}
