using System.Diagnostics;
using Dakla06.Cleansing.Domain;

namespace Dakla06.Benchmarks;

/// <summary>
/// Where the service's time goes, measured in this process with the engine's own classes on the same files, one
/// stage added at a time on one thread: building the registry snapshot, parsing the batch (BatchFileReader),
/// classifying (BatchValidator without suggestions), classifying with suggestions. The service's figure should be
/// close to the slowest stage spread over its 2 cores plus the COPY of the results; these numbers say which stage to
/// work on when it is not. Run after the service has stopped working, so the two do not compete for the cores.
/// </summary>
internal static class CleansingProfile
{
    public static Task RunAsync(CleansingData data, BenchmarkReport report)
    {
        Console.WriteLine();
        Console.WriteLine("Profile (this process, one thread, the engine's classes on the same files):");
        var persons = data.RegistryPersons().ToList();
        var stopwatch = Stopwatch.StartNew();
        var snapshot = RegistrySnapshot.Create(persons, 1);
        var build = stopwatch.Elapsed;
        persons = null;
        GC.Collect();
        report.Add("profile: snapshot build", $"{snapshot.Count:N0} persons", $"{build.TotalSeconds:F1} s", null, null);
        Console.WriteLine($"  snapshot of {snapshot.Count:N0} persons built in {build.TotalSeconds:F1} s; managed heap now {GC.GetTotalMemory(true) / 1048576.0:N0} MiB");
        foreach (var batch in new[] { data.Throughput, data.Accuracy })
        {
            Profile(batch, snapshot, report);
        }

        return Task.CompletedTask;
    }

    private static void Profile(SyntheticBatchFile batch, RegistrySnapshot snapshot, BenchmarkReport report)
    {
        // Warm-up on the first rows (JIT, file cache), so the first timed stage does not pay for it.
        Time(batch, file => Validate(file.Rows.Take(20_000), file.Columns, snapshot, withSuggestions: true), out _);
        var parse = Time(batch, file => file.Rows.Count(), out var count);
        var classify = Time(batch, file => Validate(file.Rows, file.Columns, snapshot, withSuggestions: false), out _);
        var suggest = Time(batch, file => Validate(file.Rows, file.Columns, snapshot, withSuggestions: true), out var suggested);
        Row(report, $"profile {batch.Name}: parse", parse, count);
        Row(report, $"profile {batch.Name}: + classify", classify, count);
        Row(report, $"profile {batch.Name}: + suggestions", suggest, count);
        Console.WriteLine($"  {batch.Name} ({batch.Mix}, {count:N0} records, {suggested:N0} needing suggestions) per record: parse {Micro(parse, count)} µs, " +
            $"classify {Micro(classify - parse, count)} µs, suggestions {Micro(suggest - classify, count)} µs " +
            $"({Micro(suggest - classify, Math.Max(1, suggested))} µs per record that needs them), one thread");
    }

    /// <summary>Validates every row; returns how many were not matched (those get suggestions).</summary>
    private static int Validate(IEnumerable<BatchRow> rows, BatchColumns columns, RegistrySnapshot snapshot, bool withSuggestions)
    {
        var validator = new BatchValidator(snapshot);
        var unmatched = 0;
        foreach (var row in rows)
        {
            if (!validator.Validate(row, columns, withSuggestions).IsMatched)
            {
                unmatched++;
            }
        }

        return unmatched;
    }

    private static TimeSpan Time(SyntheticBatchFile batch, Func<BatchFile, int> work, out int count)
    {
        using var stream = File.OpenRead(batch.Csv);
        using var file = BatchFileReader.Open(stream, Path.GetFileName(batch.Csv));
        var stopwatch = Stopwatch.StartNew();
        count = work(file);
        return stopwatch.Elapsed;
    }

    private static void Row(BenchmarkReport report, string name, TimeSpan elapsed, int count)
    {
        report.Add(name, "1 thread", $"{count / elapsed.TotalSeconds:N0} rec/s", null, null);
        Console.WriteLine($"  {name,-28} {elapsed.TotalSeconds,7:F1} s  {count / elapsed.TotalSeconds,10:N0} rec/s");
    }

    private static string Micro(TimeSpan elapsed, int count) => (elapsed.TotalMilliseconds * 1000 / count).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}
