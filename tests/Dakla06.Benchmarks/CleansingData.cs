using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;

namespace Dakla06.Benchmarks;

/// <summary>What a batch line should come out as, from SyntheticBatch.</summary>
internal sealed record ExpectedLine(int LineNumber, string Class, string? PersonIdNumber, bool Recoverable, string Corruption);

/// <summary>
/// The benchmark's input: a registry CSV from RegistryGenerator + RegistryCsv and a batch CSV from SyntheticBatch with
/// the expected class and person of every line. Kept under <c>&lt;temp&gt;/dakla06-bench-data/</c> (registry by seed and size, batch by seed and both sizes)
/// so a re-run with the same options skips the generation (a marker file is written last, so a half-written set is
/// never reused). Generation is not part of any measured figure.
/// </summary>
internal sealed class CleansingData
{
    private const string Marker = "complete";

    private CleansingData(string directory, string registryDirectory, int seed, int persons)
    {
        Directory = directory;
        RegistryDirectory = registryDirectory;
        Seed = seed;
        Persons = persons;
    }

    public string Directory { get; }

    public string RegistryDirectory { get; }

    public int Seed { get; }

    public int Persons { get; }

    public string RegistryCsv => Path.Combine(RegistryDirectory, "registry.csv");

    public string BatchCsv => Path.Combine(Directory, "batch.csv");

    public string ExpectedCsv => Path.Combine(Directory, "expected.csv");

    /// <summary>Column of the ID number / full name in the batch file (for the naive baseline).</summary>
    public int IdColumn { get; private set; }

    public int NameColumn { get; private set; }

    public List<ExpectedLine> Expected { get; } = [];

    /// <summary>The same persons the registry file holds, regenerated (deterministic for the seed).</summary>
    public IEnumerable<RegistryPerson> RegistryPersons() => new RegistryGenerator(Seed).Generate(Persons);

    public static async Task<CleansingData> PrepareAsync(int persons, int records, int seed)
    {
        var root = Path.Combine(Path.GetTempPath(), "dakla06-bench-data");
        var registryDirectory = Path.Combine(root, Invariant($"registry-{seed}-{persons}"));
        var directory = Path.Combine(root, Invariant($"batch-{seed}-{persons}-{records}"));
        var data = new CleansingData(directory, registryDirectory, seed, persons);
        if (!File.Exists(Path.Combine(registryDirectory, Marker)))
        {
            System.IO.Directory.CreateDirectory(registryDirectory);
            var stopwatch = Stopwatch.StartNew();
            Console.WriteLine($"Generating {persons:N0} registry persons (cached for the next run) ...");
            Cleansing.Registry.RegistryCsv.WriteFile(data.RegistryCsv, data.RegistryPersons());
            Console.WriteLine($"  registry.csv {new FileInfo(data.RegistryCsv).Length / 1048576.0:N0} MiB in {stopwatch.Elapsed.TotalSeconds:F1} s");
            await File.WriteAllTextAsync(Path.Combine(registryDirectory, Marker), DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        }

        if (!File.Exists(Path.Combine(directory, Marker)))
        {
            System.IO.Directory.CreateDirectory(directory);
            var stopwatch = Stopwatch.StartNew();
            Console.WriteLine($"Generating {records:N0} batch records (cached for the next run) ...");
            WriteBatch(data, records);
            Console.WriteLine($"  batch.csv {new FileInfo(data.BatchCsv).Length / 1048576.0:N0} MiB in {stopwatch.Elapsed.TotalSeconds:F1} s");
            await File.WriteAllTextAsync(Path.Combine(directory, Marker), DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        }

        await data.LoadExpectedAsync();
        return data;
    }

    private static string Invariant(FormattableString value) => FormattableString.Invariant(value);

    private static void WriteBatch(CleansingData data, int records)
    {
        throw new NotImplementedException("SyntheticBatch");
    }

    private async Task LoadExpectedAsync()
    {
        using (var batch = new StreamReader(BatchCsv, Encoding.UTF8))
        {
            var headers = CleansingBaselines.SplitCsv(await batch.ReadLineAsync() ?? string.Empty);
            var columns = BatchColumns.Map(headers, out _);
            IdColumn = columns.IdNumber;
            NameColumn = columns.FullName;
        }

        using var reader = new StreamReader(ExpectedCsv, Encoding.UTF8);
        await reader.ReadLineAsync();
        while (await reader.ReadLineAsync() is { } line)
        {
            var f = line.Split(',');
            Expected.Add(new ExpectedLine(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2].Length == 0 ? null : f[2], f[3] == "true", f[4]));
        }
    }
}
