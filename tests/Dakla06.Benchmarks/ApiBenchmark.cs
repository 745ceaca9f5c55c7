using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Directives.Data;
using Dakla06.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Benchmarks;

/// <summary>
/// Issue 14 part 4, the authenticated API path against the SQL it stands on, in one run: the REAL directives service
/// (<see cref="ServiceRun"/>: Release, Production, its own process) over documents and tasks loaded with COPY; for each
/// scoped list (documents, tasks) the very same SQL with the same parameters run by a minimal Npgsql loop at the same
/// concurrency (<see cref="SqlLoop"/>, the floor), the API with a real token at that concurrency under wrk (closed loop:
/// the saturated rate), and the API at half that rate under a fixed-rate load (<see cref="OpenLoop"/>) for its p99.
/// Context rows: the host without authentication (<c>/alive</c>) and with a token but no endpoint (404), so the cost of
/// each layer shows. Prints a table; a missed target says MISSED, the exit code stays 0 (a measurement, not a test).
/// Usage: <c>./dakla06 bench api [-- --documents N --tasks N --user NAME --connections N --duration S --warmup S --keep-logs]</c>.
/// </summary>
internal static class ApiBenchmark
{
    private const double MinShareOfSql = 0.5;
    private const double MaxP99Ms = 10;

    private sealed record ListEndpoint(string Name, string Path, string Sql, IReadOnlyList<SqlParameter> Parameters);

    public static async Task<int> RunAsync(string[] args)
    {
        var documents = Options.Int(args, "--documents", 2_000);
        var tasks = Options.Int(args, "--tasks", 100_000);
        var user = Options.Text(args, "--user") ?? "bmt.officer";   // district 643: a scope below the province
        var connections = Options.Int(args, "--connections", 32);
        var duration = TimeSpan.FromSeconds(Options.Int(args, "--duration", 15));
        // The service's code paths need a few thousand requests to reach the JIT's optimised tier; on this loaded
        // machine that takes seconds of wrk, and a running service is warm.
        var warmUp = TimeSpan.FromSeconds(Options.Int(args, "--warmup", 15));
        var total = Stopwatch.StartNew();
        var repo = TestServers.FindRepoRoot() ?? throw new InvalidOperationException("Run from the repository (./dakla06 bench api).");
        var report = new BenchmarkReport("MISSED");
        var loadAtStart = BenchmarkReport.LoadAverage();
        Console.WriteLine($"API benchmark: {documents:N0} documents, {tasks:N0} tasks, user {user}, {connections} connections, {duration.TotalSeconds:F0} s per measurement, {Environment.ProcessorCount} cores, load average {loadAtStart}");

        await using var run = await ServiceRun.StartAsync(repo, "directives", "services/Directives", "Dakla06.Directives.dll", started => new Dictionary<string, string>
        {
            ["ConnectionStrings__directivesdb"] = started.Database.ConnectionString,
            ["ConnectionStrings__messaging"] = started.VirtualHost.ConnectionString,
            ["Identity__Authority"] = started.Authority,
        });

        // The service migrated its database at start; the data goes straight in, as the directives benchmark loads it.
        await using var dataSource = NpgsqlDataSource.Create(run.Database.ConnectionString);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var load = Stopwatch.StartNew();
        await DirectivesData.LoadAsync(dataSource, AdminUnitDirectory.Default, tasks, documents, today);
        Console.WriteLine($"Loaded {documents:N0} documents and {tasks:N0} tasks with binary COPY in {load.ElapsedMilliseconds:N0} ms (then VACUUM ANALYZE)");

        var token = await run.Tokens(user).GetAsync();   // valid 15 minutes (realm file): fetched once, the run takes less
        var unit = AdminUnitDirectory.Default.Get(UnitOf(token));
        const int pageSize = 20;
        var endpoints = new[]
        {
            new ListEndpoint("documents", $"{DirectivesRoutes.Root}{DirectivesRoutes.Documents}?page=1&pageSize={pageSize}", DocumentStore.ListQuery,
            [
                new("scope", NpgsqlDbType.Text, unit.Path), new("type", NpgsqlDbType.Text, null), new("from", NpgsqlDbType.Date, null),
                new("to", NpgsqlDbType.Date, null), new("text", NpgsqlDbType.Text, null), new("limit", NpgsqlDbType.Integer, pageSize),
                new("offset", NpgsqlDbType.Bigint, 0L),
            ]),
            new ListEndpoint("tasks", $"{DirectivesRoutes.Root}{DirectivesRoutes.Tasks}?page=1&pageSize={pageSize}", TaskStore.ListQuery,
            [
                new("scope", NpgsqlDbType.Text, unit.Path), new("callerUnit", NpgsqlDbType.Text, unit.Code), new("status", NpgsqlDbType.Text, null),
                new("assigneeUnit", NpgsqlDbType.Text, null), new("documentId", NpgsqlDbType.Uuid, null), new("sourceId", NpgsqlDbType.Text, null),
                new("overdue", NpgsqlDbType.Boolean, false), new("today", NpgsqlDbType.Date, today), new("dueBefore", NpgsqlDbType.Date, null),
                new("dueAfter", NpgsqlDbType.Date, null), new("text", NpgsqlDbType.Text, null), new("mine", NpgsqlDbType.Text, null),
                new("limit", NpgsqlDbType.Integer, pageSize), new("offset", NpgsqlDbType.Bigint, 0L),
            ]),
        };

        using var http = run.ServiceHttp();
        var postgres = await PostgresCpu.OfAsync(dataSource);
        foreach (var endpoint in endpoints)
        {
            await MeasureListAsync(run, http, dataSource, postgres, endpoint, token, connections, warmUp, duration, report);
        }

        // Where the rest of the time goes: the host alone, then the host with the token checked (no endpoint: 404).
        foreach (var (figure, path, bearer) in new (string, string, string?)[] { ("context: /alive, no token", "/alive", null), ("context: token, no endpoint", "/api/directives/bench-no-such-route", token) })
        {
            var cpuBefore = run.Service.CpuTime();
            var result = await Wrk.RunAsync(new Uri(run.Service.BaseUri, path), bearer, connections, 2, duration);
            report.Add(figure, $"{(run.Service.CpuTime() - cpuBefore).TotalMicroseconds / result.Requests:N0} µs CPU/req", $"{result.RequestsPerSecond:N0} /s p99 {result.P99Ms:F1}", null, null);
        }

        Console.WriteLine();
        report.Print($"API path ({user}, unit {unit.Code}, {documents:N0} documents, {tasks:N0} tasks; load average {loadAtStart} at the start, {BenchmarkReport.LoadAverage()} at the end; {total.Elapsed.TotalSeconds:F0} s):");
        run.CleanUp(args);
        return 0;
    }

    private static async Task MeasureListAsync(ServiceRun run, HttpClient http, NpgsqlDataSource dataSource, PostgresCpu postgres, ListEndpoint endpoint,
        string token, int connections, TimeSpan warmUp, TimeSpan duration, BenchmarkReport report)
    {
        var url = new Uri(run.Service.BaseUri, endpoint.Path);

        // The same SQL: the API's page must be the rows the loop reads, in the same order.
        var sqlIds = await SqlLoop.IdsAsync(dataSource, endpoint.Sql, endpoint.Parameters);
        var apiIds = await ApiIdsAsync(http, url, token);
        report.Add($"{endpoint.Name}: API page = SQL rows", $"{sqlIds.Count} rows", sqlIds.SequenceEqual(apiIds) ? "same" : "DIFFERENT", "same", sqlIds.SequenceEqual(apiIds));

        await Wrk.RunAsync(url, token, connections, 2, warmUp);   // JIT, connection pools, plans
        await SqlLoop.RunAsync(dataSource, endpoint.Sql, endpoint.Parameters, connections, warmUp);
        var postgresBefore = postgres.Total();
        var sql = await SqlLoop.RunAsync(dataSource, endpoint.Sql, endpoint.Parameters, connections, duration);
        var postgresPerQuery = (postgres.Total() - postgresBefore).TotalMicroseconds / sql.Queries;
        (postgresBefore, var serviceBefore) = (postgres.Total(), run.Service.CpuTime());
        var api = await Wrk.RunAsync(url, token, connections, 2, duration);
        var servicePerRequest = (run.Service.CpuTime() - serviceBefore).TotalMicroseconds / api.Requests;
        var postgresPerRequest = (postgres.Total() - postgresBefore).TotalMicroseconds / api.Requests;
        Console.WriteLine($"{endpoint.Name}: SQL loop {sql.QueriesPerSecond:N0} q/s, API {api.RequestsPerSecond:N0} req/s (p50 {api.P50Ms:F1} ms, p99 {api.P99Ms:F1} ms, {api.NotOk} not 2xx, {api.SocketErrors} socket errors)");
        report.Add($"{endpoint.Name}: SQL loop (floor)", $"PG {postgresPerQuery:N0} µs CPU/q", $"{sql.QueriesPerSecond:N0} q/s", null, null);
        report.Add($"{endpoint.Name}: API, real token", $"wrk, {connections} conn.", Rate(api), "all 2xx", api.Clean);
        report.Add("  CPU per request", "service / PostgreSQL", $"{servicePerRequest:N0} / {postgresPerRequest:N0} µs", null, null);
        var share = api.RequestsPerSecond / sql.QueriesPerSecond;
        report.Add($"{endpoint.Name}: API ÷ SQL loop", string.Empty, $"{share:P0}", $"≥ {MinShareOfSql:P0}", share >= MinShareOfSql);

        var rate = Math.Floor(api.RequestsPerSecond / 2);
        var fixedRate = await OpenLoop.RunAsync(url, token, rate, warmUp, duration);
        var p99 = Latency.Percentile(fixedRate.LatenciesMs, 0.99);
        Console.WriteLine($"{endpoint.Name}: at {rate:N0} req/s fixed: p50 {Latency.Percentile(fixedRate.LatenciesMs, 0.50):F1} ms, p99 {p99:F1} ms, {fixedRate.Failures} failed");
        report.Add($"{endpoint.Name}: p99 at half that rate", $"{rate:N0} req/s fixed, p50 {Latency.Percentile(fixedRate.LatenciesMs, 0.50):F1}", $"{p99:F1} ms",
            $"< {MaxP99Ms:F0} ms", p99 < MaxP99Ms && fixedRate.Failures == 0);
    }

    private static string Rate(WrkResult result) =>
        $"{result.RequestsPerSecond:N0} /s p99 {result.P99Ms:F1}" + (result.Clean ? string.Empty : $" ({result.NotOk + result.SocketErrors} bad)");

    private static async Task<List<Guid>> ApiIdsAsync(HttpClient http, Uri url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToList();
    }

    /// <summary>The token's <c>admin_unit</c> claim: the unit whose scope both sides query.</summary>
    private static string UnitOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return claims.RootElement.GetProperty("admin_unit").GetString()!;
    }
}
