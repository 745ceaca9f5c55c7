using System.Diagnostics;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.Enrolment.Domain;
using Dakla06.Testing;
using Dapper;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// Issue 12's performance figures, all in one run on this machine: generates applications, their card events and e-ID
/// accounts over the province (<see cref="EnrolmentData"/>), runs the REAL enrolment service with the identity provider
/// (<see cref="ServiceRun"/>), imports the three files over HTTP (upload → job completed, pre-aggregates included), times
/// the province's funnel through the API against the plain GROUP BY over the stored tables that computes the same numbers
/// (and checks they are the same numbers), and measures a raw binary COPY of the same three files on the same server.
/// Prints a table; a missed target says MISSED, but the exit code stays 0 (a measurement, not a test).
/// Usage: <c>./dakla06 bench enrolment [-- --applications N --accounts N --seed N --calls N --baseline-runs N --keep-logs]</c>.
/// </summary>
internal static class EnrolmentBenchmark
{
    private const string Officer = "province.enrolment";   // province enrolment-officer (realm file)

    public static async Task<int> RunAsync(string[] args)
    {
        var applications = Options.Int(args, "--applications", 1_700_000);
        var accounts = Options.Int(args, "--accounts", (int)(applications * 350_000L / 1_700_000));
        var seed = Options.Int(args, "--seed", 12);
        var calls = Options.Int(args, "--calls", 100);
        var baselineRuns = Options.Int(args, "--baseline-runs", 11);
        var total = Stopwatch.StartNew();
        var repo = TestServers.FindRepoRoot() ?? throw new InvalidOperationException("Run from the repository (./dakla06 bench enrolment).");
        var report = new BenchmarkReport("MISSED");
        Console.WriteLine($"Enrolment benchmark: {applications:N0} applications, {accounts:N0} e-ID accounts, seed {seed}, {Environment.ProcessorCount} cores, load average {BenchmarkReport.LoadAverage()}");

        // 1. Data (cached by seed and size; not measured).
        var data = EnrolmentData.Prepare(repo, applications, accounts, seed);

        // 2. Servers and services.
        await using var run = await ServiceRun.StartAsync(repo, "enrolment", "services/Enrolment", "Dakla06.Enrolment.dll", started => new Dictionary<string, string>
        {
            ["ConnectionStrings__enrolmentdb"] = started.Database.ConnectionString,
            ["ConnectionStrings__messaging"] = started.VirtualHost.ConnectionString,
            ["Identity__Authority"] = started.Authority,
            ["Enrolment__StorageDirectory"] = Path.Combine(started.Work.FullName, "uploads"),
            ["Enrolment__SeedPersons"] = "0",
            // The data end on 2025-08-31 and the service runs on today's clock, so every application without a card would
            // be stuck at once, and the stuck scan each completed import runs (announcing ~1.7 million items one by one,
            // each claim re-reading the whole province) would hold the next file's job in the queue for hours: not the
            // import this measures. Lines too far back for any application to cross them leave that scan empty.
            ["Enrolment__Stuck__ApplicationToCardDays"] = "100000",
            ["Enrolment__Stuck__CardToHandoverDays"] = "100000",
            ["Logging__LogLevel__Dakla06.Enrolment.Jobs.EnrolmentImportWorker"] = "Information",
        });
        using var http = run.ServiceHttp();
        var api = new EnrolmentClient(http, run.Tokens(Officer));

        // 3. The three files in the order they depend on each other: upload → job completed, counts folded in.
        var imports = new List<(string Name, string File, ImportRun<EnrolmentImportDto> Run)>();
        foreach (var (name, file, upload) in new (string, string, Func<Stream, string, Task<EnrolmentImportDto>>)[]
                 {
                     ("applications", data.ApplicationsCsv, (s, n) => api.ImportApplicationsAsync(s, n)),
                     ("card events", data.CardsCsv, (s, n) => api.ImportCardsAsync(s, n)),
                     ("e-ID accounts", data.EidCsv, (s, n) => api.ImportEidAccountsAsync(s, n)),
                 })
        {
            var import = await ImportRun.RunAsync(run.Service, $"{name} import", file,
                stream => upload(stream, Path.GetFileName(file)), job => api.GetImportAsync(job.Id), job => (job.Status, job.ProgressPercent, job.Processed));
            var job = import.Job;
            report.Add($"import {name}", $"{job.Processed:N0} lines", $"{import.Elapsed.TotalSeconds:F1} s", "completed",
                job.Status == ImportStatuses.Completed && job.Rejected == 0 && job.Inserted + job.Updated == job.Processed);
            report.Add("  lines/s (service CPU)", $"upload {import.Upload.TotalSeconds:F1} s", $"{job.Processed / import.Elapsed.TotalSeconds:N0} /s ({import.Cpu.TotalSeconds:F0} s)", null, null);
            imports.Add((name, file, import));
        }

        await using (var connection = new NpgsqlConnection(run.Database.ConnectionString))
        {
            var sizes = await connection.QuerySingleAsync<(long, long, long, long)>("""
                SELECT pg_total_relation_size('applications'), pg_total_relation_size('eid_accounts'),
                       (SELECT count(*) FROM unit_day_counts), (SELECT count(*) FROM unit_month_counts)
                """);
            report.Add("  applications / eid_accounts", "table + indexes", $"{sizes.Item1 / 1048576.0:N0} / {sizes.Item2 / 1048576.0:N0} MiB", null, null);
            report.Add("  unit_day / unit_month counts", "rows", $"{sizes.Item3:N0} / {sizes.Item4:N0}", null, null);

            // What autovacuum does soon after an import, done now so both sides of the comparison have planner statistics.
            foreach (var table in new[] { "applications", "persons", "eid_accounts", "unit_day_counts", "unit_month_counts" })
            {
                await connection.ExecuteAsync($"VACUUM ANALYZE {table}", commandTimeout: 600);   // not in a transaction: one per command
            }
        }

        // 4. The province's funnel as of a day: the API (HTTP, token, scope, pre-aggregates) against the plain GROUP BY.
        var query = new FunnelQuery(AdminUnitDirectory.Default.Root.Code, EnrolmentData.AsOf);
        FunnelResponse answer = null!;
        var apiTimes = await Latency.MeasureAsync(3, calls, async () => answer = await api.GetFunnelAsync(query));
        var (plainSums, plainTimes) = await PlainGroupByAsync(run.Database.ConnectionString, baselineRuns);
        var expected = Funnel.Compute(plainSums);
        var differences = expected.Zip(answer.Indicators, (e, a) => e with { Target = null } == a with { Target = null } ? null : $"{e.Code}: plain {e.Numerator}/{e.Denominator}, API {a.Code} {a.Numerator}/{a.Denominator}")
            .OfType<string>().ToList();
        if (expected.Count != answer.Indicators.Count)
        {
            differences.Add($"plain gives {expected.Count} figures, the API {answer.Indicators.Count}");
        }

        foreach (var difference in differences)
        {
            Console.WriteLine($"  DIFFERENT {difference}");
        }

        Console.WriteLine($"Funnel, province as of {EnrolmentData.AsOf:yyyy-MM-dd}: {string.Join(", ", answer.Indicators.Select(i => $"{i.Code} {i.Numerator:N0}"))}");
        var (apiP50, apiP95) = (Latency.Percentile(apiTimes, 0.50), Latency.Percentile(apiTimes, 0.95));
        var (plainP50, plainP95) = (Latency.Percentile(plainTimes, 0.50), Latency.Percentile(plainTimes, 0.95));
        report.Add("funnel: same numbers as plain", $"{expected.Count} figures", differences.Count == 0 ? "equal" : $"{differences.Count} differ", "equal", differences.Count == 0);
        report.Add("plain GROUP BY over the tables", $"p50 / p95 of {baselineRuns}", $"{plainP50:F1} / {plainP95:F1} ms", null, null);
        report.Add("funnel via the API", $"p50 / p95 of {calls}", $"{apiP50:F1} / {apiP95:F1} ms", null, null);
        report.Add("API p50 ÷ plain p50", string.Empty, $"1/{plainP50 / apiP50:F1}", "≤ 1/10", apiP50 * 10 <= plainP50);
        report.Add("API p95", string.Empty, $"{apiP95:F1} ms", "≤ 20 ms", apiP95 <= 20);

        var peak = run.Service.PeakResidentBytes();
        report.Add("peak RSS of the service", "VmHWM, whole run", $"{peak / 1073741824.0:F2} GiB", "< 1 GiB", peak < 1L << 30);

        // 5. The raw COPY of the same files on the same server, after the imports so it does not compete with them.
        var importTime = TimeSpan.Zero;
        var copyTime = TimeSpan.Zero;
        long copyRows = 0;
        foreach (var (name, file, import) in imports)
        {
            var (rows, elapsed) = await RawCopy.RunAsync(run.Database.ConnectionString, file);
            report.Add($"  raw COPY, {name}", $"{rows:N0} rows", $"{elapsed.TotalSeconds:F1} s", null, null);
            report.Add($"  import ÷ COPY, {name}", string.Empty, $"{elapsed / import.Elapsed:P0}", null, null);
            (importTime, copyTime, copyRows) = (importTime + import.Elapsed, copyTime + elapsed, copyRows + rows);
        }

        report.Add("import ÷ raw COPY throughput", $"3 files, {copyRows / copyTime.TotalSeconds:N0} rows/s", $"{copyTime / importTime:P0}", "≥ 35%", copyTime / importTime >= 0.35);

        Console.WriteLine();
        report.Print($"Enrolment benchmark — {applications:N0} applications, {accounts:N0} e-ID accounts, seed {seed}, {Environment.ProcessorCount} cores, total {total.Elapsed.TotalMinutes:F1} min, load average now {BenchmarkReport.LoadAverage()}");
        run.CleanUp(args);
        return 0;
    }

    /// <summary>
    /// The same numbers straight from the stored rows, as one would write it without pre-aggregates: a filtered count per
    /// figure over the province's applications (persons: distinct ID numbers of applications received at 14 or over) and
    /// e-ID accounts, and the population's sum (the definitions of issue 12). Timed on one open connection after one
    /// warm-up run.
    /// </summary>
    private static async Task<(FunnelSums Sums, List<double> Times)> PlainGroupByAsync(string connectionString, int runs)
    {
        const string Sql = """
            SELECT a.*, e.*, p.*
            FROM (SELECT count(*) FILTER (WHERE received_on <= @asOf) AS Applications,
                         count(*) FILTER (WHERE received_on <= @asOf AND under_14) AS ApplicationsUnder14,
                         count(*) FILTER (WHERE received_on <= @asOf AND with_eid2) AS ApplicationsEid2,
                         count(DISTINCT id_number) FILTER (WHERE received_on <= @asOf AND NOT under_14) AS PersonsFirst,
                         count(*) FILTER (WHERE card_received_on <= @asOf) AS CardsReceived,
                         count(*) FILTER (WHERE card_handed_on <= @asOf) AS CardsHanded
                  FROM applications WHERE unit_path <@ @unitPath::ltree) a,
                 (SELECT count(*) FILTER (WHERE registered_on <= @asOf AND level = 1) AS Eid1,
                         count(*) FILTER (WHERE registered_on <= @asOf AND level = 2 AND channel = 'kem_cccd') AS Eid2WithCard,
                         count(*) FILTER (WHERE registered_on <= @asOf AND level = 2 AND channel = 'da_co_cccd') AS Eid2HasCard,
                         count(*) FILTER (WHERE activated_on <= @asOf) AS EidActivated,
                         count(*) FILTER (WHERE activated_on <= @asOf AND level = 2) AS Eid2Activated
                  FROM eid_accounts WHERE unit_path <@ @unitPath::ltree) e,
                 (SELECT coalesce(sum(persons_14_plus), 0)::bigint AS Population14Plus FROM population WHERE unit_path <@ @unitPath::ltree) p
            """;
        var parameters = new { asOf = EnrolmentData.AsOf, unitPath = AdminUnitDirectory.Default.Root.Path };
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        FunnelSums sums = null!;
        var times = await Latency.MeasureAsync(1, runs, async () => sums = await connection.QuerySingleAsync<FunnelSums>(Sql, parameters, commandTimeout: 600));
        return (sums, times);
    }
}
