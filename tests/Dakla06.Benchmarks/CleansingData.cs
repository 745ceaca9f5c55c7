using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.People;

namespace Dakla06.Benchmarks;

/// <summary>What a batch line should come out as: SyntheticBatch's answer key.</summary>
internal sealed record ExpectedLine(int LineNumber, string Class, string? PersonIdNumber, bool Recoverable, string Corruption);

/// <summary>A synthetic batch file and its answer key.</summary>
internal sealed class SyntheticBatchFile(string name, string mix, string directory)
{
    public string Name { get; } = name;

    /// <summary>Which SyntheticBatch corruption weights made it (Realistic or Balanced).</summary>
    public string Mix { get; } = mix;

    public string Directory { get; } = directory;

    public string Csv => Path.Combine(Directory, "batch.csv");

    public string ExpectedCsv => Path.Combine(Directory, "expected.csv");

    /// <summary>Column of the ID number / full name in the batch file (for the naive baseline).</summary>
    public int IdColumn { get; private set; }

    public int NameColumn { get; private set; }

    public List<ExpectedLine> Expected { get; } = [];

    public int Records => Expected.Count;

    public async Task LoadExpectedAsync()
    {
        using (var batch = new StreamReader(Csv, Encoding.UTF8))
        {
            var headers = RawCopy.SplitCsv(await batch.ReadLineAsync() ?? string.Empty);
            var columns = BatchColumns.Map(headers, out _);
            IdColumn = columns.IdNumber;
            NameColumn = columns.FullName;
        }

        using var reader = new StreamReader(ExpectedCsv, Encoding.UTF8);
        await reader.ReadLineAsync();   // line,class,person,recoverable,corruption,mismatched
        while (await reader.ReadLineAsync() is { } line)
        {
            var f = line.Split(',');
            Expected.Add(new ExpectedLine(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2].Length == 0 ? null : f[2], f[3] == "true", f[4]));
        }
    }
}

/// <summary>
/// The benchmark's input: a registry CSV from RegistryGenerator + RegistryCsv, and two batches from SyntheticBatch with
/// their answer keys — the throughput batch with the <c>Realistic</c> mix (about the shares of Đắk Lắk's 2022 vaccination
/// data: 8.5% of records need suggestions) and the accuracy batch with the <c>Balanced</c> mix (every corruption, half
/// the records corrupted). Kept under <c>&lt;temp&gt;/dakla06-bench-data/</c> (keyed by seed, sizes and a hash of the generators'
/// source) so a re-run with the same options skips the generation; a marker file is written last, so a half-written
/// set is never reused. Generation is not part of any measured figure.
/// </summary>
internal sealed class CleansingData
{
    private const string Marker = "complete";

    private CleansingData(string registryDirectory, int seed, int persons, SyntheticBatchFile throughput, SyntheticBatchFile accuracy)
    {
        RegistryDirectory = registryDirectory;
        Seed = seed;
        Persons = persons;
        Throughput = throughput;
        Accuracy = accuracy;
    }

    public string RegistryDirectory { get; }

    public int Seed { get; }

    public int Persons { get; }

    public string RegistryCsv => Path.Combine(RegistryDirectory, "registry.csv");

    public SyntheticBatchFile Throughput { get; }

    public SyntheticBatchFile Accuracy { get; }

    /// <summary>
    /// The persons of the registry file, read back from it: the batches, the profile and the service then see exactly
    /// the same registry, even when the file was cached.
    /// </summary>
    public IEnumerable<RegistryPerson> RegistryPersons()
    {
        using var reader = new StreamReader(RegistryCsv, Encoding.UTF8);
        foreach (var line in Cleansing.Registry.RegistryCsv.Read(reader, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1)))
        {
            if (!line.IsValid)
            {
                throw new InvalidOperationException($"{RegistryCsv} line {line.LineNumber}: {line.Error}");
            }

            yield return line.Person;
        }
    }

    public static async Task<CleansingData> PrepareAsync(string repo, int persons, int records, int accuracyRecords, int seed)
    {
        // The generators' source is part of the cache key: when R changes them, the data is made again.
        var version = DataCache.SourceHash(repo, "services/Cleansing/Registry/RegistryGenerator.cs", "services/Cleansing/Registry/SyntheticBatch.cs",
            "services/Dakla06.People/DemoRegistry.cs");
        var root = DataCache.Root;
        var data = new CleansingData(
            Path.Combine(root, Invariant($"registry-{seed}-{persons}-{version}")), seed, persons,
            new SyntheticBatchFile("throughput", nameof(SyntheticBatch.Realistic), Path.Combine(root, Invariant($"realistic-{seed}-{persons}-{records}-{version}"))),
            new SyntheticBatchFile("accuracy", nameof(SyntheticBatch.Balanced), Path.Combine(root, Invariant($"balanced-{seed}-{persons}-{accuracyRecords}-{version}"))));

        await GenerateOnceAsync(data.RegistryDirectory, $"{persons:N0} registry persons", () =>
            Cleansing.Registry.RegistryCsv.WriteFile(data.RegistryCsv, DemoRegistry.Generate(seed, persons), withDetails: true));

        List<RegistryPerson>? registry = null;
        foreach (var (batch, count, weights, batchSeed) in new[] { (data.Throughput, records, SyntheticBatch.Realistic, seed), (data.Accuracy, accuracyRecords, SyntheticBatch.Balanced, seed + 1) })
        {
            await GenerateOnceAsync(batch.Directory, $"{count:N0} records, {batch.Mix} mix", () =>
            {
                // The generator's persons, not the dressed file: the batches stay what they were before the registry
                // carried the demo's errors (the dressing adds old ID numbers in a range no batch line uses).
                registry ??= new RegistryGenerator(seed).Generate(persons).ToList();
                // Its own seed per batch, so the two are not the same persons in the same order.
                var lines = new SyntheticBatch(registry, batchSeed).Generate(count, weights);
                using var csv = new StreamWriter(batch.Csv, false, new UTF8Encoding(false), 1 << 16);
                using var expected = new StreamWriter(batch.ExpectedCsv, false, new UTF8Encoding(false), 1 << 16);
                SyntheticBatch.Write(csv, expected, lines);
            });
            await batch.LoadExpectedAsync();
        }

        return data;
    }

    private static async Task GenerateOnceAsync(string directory, string what, Action generate)
    {
        if (File.Exists(Path.Combine(directory, Marker)))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(directory);
        var stopwatch = Stopwatch.StartNew();
        Console.WriteLine($"Generating {what} into {directory} (cached for the next run) ...");
        generate();
        Console.WriteLine($"  done in {stopwatch.Elapsed.TotalSeconds:F1} s");
        await File.WriteAllTextAsync(Path.Combine(directory, Marker), DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    }

    private static string Invariant(FormattableString value) => FormattableString.Invariant(value);
}
