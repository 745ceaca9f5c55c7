using System.Diagnostics;
using System.Text.Json;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Testing;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// Issue 5's speed and accuracy benchmark, all in one run on this machine: generates a registry and a synthetic batch
/// with known corruptions (R's RegistryGenerator / RegistryCsv / SyntheticBatch), starts PostgreSQL and RabbitMQ like
/// the tests do, runs the development identity provider and the REAL cleansing service (Release builds, separate
/// processes), imports the registry over HTTP, uploads the batch and waits until every result is stored, then measures
/// the two baselines on the same data and server and scores the stored classes and suggestions against the expected
/// labels. Prints a table with PASS/FAIL per target; exit code 1 when a target is missed.
/// Usage: <c>./dakla06 bench cleansing [-- --persons N --records N --seed N --naive-sample N --no-profile --profile-only --csv-only --keep-logs]</c>.
/// </summary>
internal static class CleansingBenchmark
{
    private const string Officer = "province.cleanser";   // province cleansing-officer + pii-reader (realm file)

    /// <summary>Polling a batch gives up after this long (a stuck worker must not hang the benchmark).</summary>
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var persons = Options.Int(args, "--persons", 2_100_000);
        var records = Options.Int(args, "--records", 1_000_000);
        var accuracyRecords = Options.Int(args, "--accuracy-records", Math.Min(records, 200_000));
        var seed = Options.Int(args, "--seed", 6);
        var naiveSample = Options.Int(args, "--naive-sample", 20_000);
        var profile = !Options.Flag(args, "--no-profile");
        var total = Stopwatch.StartNew();
        var repo = TestServers.FindRepoRoot() ?? throw new InvalidOperationException("Run from the repository (./dakla06 bench cleansing).");
        var report = new BenchmarkReport();

        Console.WriteLine($"Cleansing benchmark: {persons:N0} persons, {records:N0} + {accuracyRecords:N0} records, seed {seed}, {Environment.ProcessorCount} cores, load average {BenchmarkReport.LoadAverage()}");

        // 1. Data (cached by seed and size: generating 2.1M persons and 1M records takes a while and is not measured).
        var data = await CleansingData.PrepareAsync(repo, persons, records, accuracyRecords, seed);

        if (Options.Flag(args, "--csv-only"))
        {
            // Only the hand-written CSV code against Sep on the same files (issue 14): no servers, no engine.
            CsvComparison.Run(data, report);
            report.Print("CSV: hand-written vs Sep");
            return 0;
        }

        if (Options.Flag(args, "--profile-only"))
        {
            // Only the in-process stage timings: for working on the engine without starting the service.
            await CleansingProfile.RunAsync(data, report);
            report.Print("Cleansing engine profile");
            return 0;
        }

        // 2. Servers and services.
        Console.WriteLine("Starting PostgreSQL and RabbitMQ (Dakla06.Testing TestServers) ...");
        var servers = await TestServers.GetAsync();
        await using var database = await servers.CreateDatabaseAsync("benchcleansing");
        await using var vhost = await servers.CreateVirtualHostAsync("benchcleansing");
        var work = Directory.CreateTempSubdirectory("dakla06-bench-cleansing-");
        Console.WriteLine($"PostgreSQL from {servers.PostgresSource}, RabbitMQ from {servers.RabbitMqSource}; logs in {work.FullName}");

        // The development identity provider with the repository's realm file, as the AppHost runs it; with no
        // Identity:PublicUrl it names itself after its listen URL, which is the URL the service and we call.
        await using var identityServer = ServiceProcess.StartIdentity(repo, work.FullName);
        await identityServer.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        var authority = TokenSource.Authority(identityServer.BaseUri);

        await using var service = ServiceProcess.Start("cleansing", ServiceProcess.ReleaseDll(repo, "services/Cleansing", "Dakla06.Cleansing.dll"), new Dictionary<string, string>
        {
            ["ConnectionStrings__cleansingdb"] = database.ConnectionString,
            ["ConnectionStrings__messaging"] = vhost.ConnectionString,
            ["Identity__Authority"] = authority,
            ["Cleansing__StorageDirectory"] = Path.Combine(work.FullName, "uploads"),
            ["Cleansing__SeedPersons"] = "0",
            // The worker's completion line says how long each pipeline stage was busy (printed after each batch).
            ["Logging__LogLevel__Dakla06.Cleansing.Jobs.BatchWorker"] = "Information",
        }, work.FullName);
        await service.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        Console.WriteLine($"Cleansing service pid {service.Id} at {service.BaseUri}, identity provider pid {identityServer.Id} at {identityServer.BaseUri}");

        var tokens = new TokenSource(identityServer.BaseUri, Officer, TokenSource.DemoPassword);
        using var http = new HttpClient { BaseAddress = service.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
        var api = new CleansingClient(http, tokens);

        // 3. Registry import.
        var import = Stopwatch.StartNew();
        RegistryImportResponse imported;
        await using (var registryFile = File.OpenRead(data.RegistryCsv))
        {
            imported = await api.ImportRegistryAsync(registryFile, Path.GetFileName(data.RegistryCsv));
        }

        import.Stop();
        Console.WriteLine($"Registry import: {import.Elapsed.TotalSeconds:F1} s — {JsonSerializer.Serialize(imported, JsonSerializerOptions.Web)}");
        report.Add("registry import", $"{persons:N0} persons", $"{import.Elapsed.TotalSeconds:F1} s", "< 60 s", import.Elapsed < TimeSpan.FromSeconds(60));

        // 4. The accuracy batch first (Balanced mix: every corruption, half the records need suggestions): it also
        // warms the service up, so the throughput batch measures the pipeline as a running service does it, not the
        // JIT compiling its code for the first time (a few seconds of one core right after start-up).
        var accuracyRun = await RunBatchAsync(api, service, data.Accuracy);
        AddBatchRows(report, accuracyRun, data.Accuracy);

        // The throughput batch (Realistic mix): upload → every result stored, timed from the client.
        var throughput = await RunBatchAsync(api, service, data.Throughput);
        var serviceRate = data.Throughput.Records / throughput.Elapsed.TotalSeconds;
        AddBatchRows(report, throughput, data.Throughput);
        report.Add("service throughput", data.Throughput.Mix + " mix", $"{serviceRate:N0} rec/s", "≥ 50,000", serviceRate >= 50_000);
        var peak = service.PeakResidentBytes();
        report.Add("peak RSS of the service", "VmHWM, whole run", $"{peak / 1073741824.0:F2} GiB", "< 2 GiB", peak < 2L * 1024 * 1024 * 1024);

        // 5. Baselines on the throughput file and the same server, after the batches so they do not compete with them.
        var (copyRows, copyTime) = await RawCopy.RunAsync(database.ConnectionString, data.Throughput.Csv);
        var copyRate = copyRows / copyTime.TotalSeconds;
        report.Add("baseline: raw binary COPY", $"{copyRows:N0} rows", $"{copyRate:N0} rows/s", null, null);
        report.Add("service ÷ raw COPY", string.Empty, $"{serviceRate / copyRate:P0}", "≥ 30%", serviceRate >= 0.30 * copyRate);

        var (naiveRows, naiveTime, _) = await CleansingBaselines.NaiveLookupAsync(database.ConnectionString, data.Throughput.Csv, data.Throughput.IdColumn, data.Throughput.NameColumn, naiveSample);
        var naiveRate = naiveRows / naiveTime.TotalSeconds;
        report.Add("baseline: naive Dapper lookup", $"{naiveRows:N0} sample", $"{naiveRate:N0} rows/s", null, null);
        report.Add("service ÷ naive lookup", string.Empty, $"{serviceRate / naiveRate:F1}×", "≥ 10×", serviceRate >= 10 * naiveRate);

        // Registry quality (issue 13): a rule run over the whole registry against the plain SQL counting the same
        // categories, on the same data and server, one after the other. The import above already ran the rules once
        // (opening the items); this run is the one every later import pays: everything fires again, little changes.
        var rulesTime = Stopwatch.StartNew();
        var rules = await api.RunQualityRulesAsync();
        rulesTime.Stop();
        var plain = await CleansingBaselines.QualityCountsAsync(database.ConnectionString);
        Console.WriteLine($"Registry quality: rules {rulesTime.Elapsed.TotalSeconds:F1} s ({JsonSerializer.Serialize(rules, JsonSerializerOptions.Web)}); plain SQL {plain.Elapsed.TotalSeconds:F1} s "
            + $"(no head {plain.NoHead:N0}, many heads {plain.ManyHeads:N0}, missing fields {plain.Missing:N0}, old ID missing {plain.OldIdMissing:N0}, name-equal pairs {plain.Pairs:N0})");
        report.Add("registry-quality rules", $"{persons:N0} persons", $"{rulesTime.Elapsed.TotalSeconds:F1} s", null, null);
        report.Add("baseline: plain SQL counts", "same categories", $"{plain.Elapsed.TotalSeconds:F1} s", null, null);
        report.Add("rules ÷ plain SQL", string.Empty, $"{rulesTime.Elapsed / plain.Elapsed:F2}×", "≤ 2×", rulesTime.Elapsed <= 2 * plain.Elapsed);

        // 6. Accuracy of what the service stored, on both batches.
        foreach (var (run, batchFile) in new[] { (throughput, data.Throughput), (accuracyRun, data.Accuracy) })
        {
            if (run.Status != "completed")
            {
                continue;
            }

            var accuracy = await CleansingAccuracy.ScoreAsync(database.ConnectionString, run.Id, batchFile);
            accuracy.Print($"{batchFile.Name} batch ({batchFile.Mix} mix)");
            report.Add($"{batchFile.Name}: classes exact", $"{accuracy.Lines:N0} lines", $"{accuracy.WrongClass:N0} wrong", "0 wrong", accuracy.WrongClass == 0);
            report.Add($"{batchFile.Name}: top suggestion right", $"{accuracy.Recoverable:N0} recoverable", $"{accuracy.TopHitRate:P1}", "≥ 90%", accuracy.TopHitRate >= 0.90);
        }

        if (profile)
        {
            await CleansingProfile.RunAsync(data, report);
            CsvComparison.Run(data, report);
        }

        Console.WriteLine();
        var passed = report.Print($"Cleansing benchmark — {persons:N0} persons, {records:N0} + {accuracyRecords:N0} records, seed {seed}, {Environment.ProcessorCount} cores, total {total.Elapsed.TotalMinutes:F1} min, load average now {BenchmarkReport.LoadAverage()}");
        if (!Options.Flag(args, "--keep-logs"))
        {
            work.Delete(recursive: true);
        }

        return passed ? 0 : 1;
    }

    private sealed record BatchRun(Guid Id, string Status, TimeSpan Elapsed, TimeSpan Upload, TimeSpan Cpu, BatchDto Batch, TimeSpan FirstChunk, long FirstProcessed);

    /// <summary>Uploads a batch file and polls <c>GET /batches/{id}</c> until it is finished; the clock runs from the first byte sent.</summary>
    private static async Task<BatchRun> RunBatchAsync(CleansingClient api, ServiceProcess service, SyntheticBatchFile file)
    {
        Console.WriteLine($"Uploading the {file.Name} batch ({file.Records:N0} records, {file.Mix} mix) ...");
        var cpuBefore = service.CpuTime();
        var run = Stopwatch.StartNew();
        BatchCreatedDto accepted;
        await using (var batchFile = File.OpenRead(file.Csv))
        {
            accepted = await api.UploadBatchAsync(batchFile, Path.GetFileName(file.Csv), new UploadBatchRequest("vaccination", "66"));
        }

        var uploaded = run.Elapsed;
        var batchId = accepted.Id.ToString();
        BatchDto batch;
        var lastPrint = TimeSpan.Zero;
        TimeSpan? firstChunk = null;
        long firstProcessed = 0;
        while (true)
        {
            batch = await api.GetBatchAsync(accepted.Id) ?? throw new InvalidOperationException($"Batch {batchId} is not visible to {Officer}.");
            var status = batch.Status;
            if (firstChunk is null && batch.Processed > 0)
            {
                firstChunk = run.Elapsed;
                firstProcessed = batch.Processed;
            }

            if (status is "completed" or "failed" or "cancelled")
            {
                break;
            }

            if (service.HasExited)
            {
                throw new InvalidOperationException($"The cleansing service died during the batch:\n{service.Tail()}");
            }

            if (run.Elapsed > BatchTimeout)
            {
                throw new TimeoutException($"The {file.Name} batch did not finish within {BatchTimeout.TotalMinutes:F0} min (status {status}):\n{service.Tail()}");
            }

            if (run.Elapsed - lastPrint > TimeSpan.FromSeconds(5))
            {
                lastPrint = run.Elapsed;
                Console.WriteLine($"  {run.Elapsed.TotalSeconds,6:F1} s  {status,-9} processed {batch.Processed:N0}  RSS {service.ResidentBytes() / 1048576.0:N0} MiB");
            }

            await Task.Delay(100);
        }

        run.Stop();
        var finalStatus = batch.Status;
        var cpu = service.CpuTime() - cpuBefore;
        Console.WriteLine($"Batch {batchId} {finalStatus} in {run.Elapsed.TotalSeconds:F1} s (upload {uploaded.TotalSeconds:F1} s, service CPU {cpu.TotalSeconds:F1} s): {JsonSerializer.Serialize(batch, JsonSerializerOptions.Web)}");
        foreach (var line in service.LogLines().Where(l => l.Contains(batchId, StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal)))
        {
            Console.WriteLine($"  service: {line.Trim()}");
        }

        if (finalStatus != "completed")
        {
            Console.WriteLine(service.Tail());
        }

        return new BatchRun(accepted.Id, finalStatus, run.Elapsed, uploaded, cpu, batch, firstChunk ?? run.Elapsed, firstProcessed);
    }

    private static void AddBatchRows(BenchmarkReport report, BatchRun run, SyntheticBatchFile file)
    {
        report.Add($"{file.Name} batch, upload → stored", $"{file.Records:N0} records", $"{run.Elapsed.TotalSeconds:F1} s", "completed", run.Status == "completed");
        report.Add("  of which upload (HTTP)", string.Empty, $"{run.Upload.TotalSeconds:F1} s", null, null);
        if (run.Batch is { StartedAt: { } started, CompletedAt: { } completed, CreatedAt: var created })
        {
            // The service's own timestamps split the wall time: waiting to be claimed (and the snapshot loaded), running.
            report.Add("  of which queued → started", string.Empty, $"{(started - created).TotalSeconds:F1} s", null, null);
            report.Add("  of which started → completed", string.Empty, $"{(completed - started).TotalSeconds:F1} s", null, null);
        }

        // Until the first chunk is committed the worker loads the registry snapshot (first batch after an import) and
        // works through the first chunk; after it, the steady rate of the pipeline.
        report.Add("  of which until 1st chunk stored", "snapshot + 1st chunk", $"{run.FirstChunk.TotalSeconds:F1} s", null, null);
        var steady = run.Elapsed - run.FirstChunk;
        report.Add("  records/s after the 1st chunk", "polled, approximate", steady > TimeSpan.Zero ? $"{(file.Records - run.FirstProcessed) / steady.TotalSeconds:N0} rec/s" : "-", null, null);
        report.Add("  service CPU (user + system)", string.Empty, $"{run.Cpu.TotalSeconds:F1} s", null, null);
        report.Add("  records/s", file.Mix + " mix", $"{file.Records / run.Elapsed.TotalSeconds:N0} rec/s", null, null);
    }
}
