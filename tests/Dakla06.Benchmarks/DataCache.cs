using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Dakla06.Benchmarks;

/// <summary>
/// Generated benchmark input, kept under <c>&lt;temp&gt;/dakla06-bench-data/</c> keyed by name, seed, size and a hash
/// of the generating source files (changed generators make the data again). Written into a temporary directory and
/// renamed when complete, so a half-written set is never reused. Generation is not part of any measured figure.
/// </summary>
internal static class DataCache
{
    public static string Root => Path.Combine(Path.GetTempPath(), "dakla06-bench-data");

    /// <summary>The directory of one data set: <c>&lt;name&gt;-&lt;seed&gt;-&lt;size&gt;-&lt;hash of the source files&gt;</c>.</summary>
    public static string DirectoryOf(string repo, string name, int seed, int size, params string[] sourceFiles) =>
        Path.Combine(Root, FormattableString.Invariant($"{name}-{seed}-{size}-{SourceHash(repo, sourceFiles)}"));

    /// <summary>Runs <paramref name="generate"/> into a fresh temporary directory and renames it to <paramref name="directory"/>, unless that exists.</summary>
    public static void GenerateOnce(string directory, string what, Action<string> generate)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        Console.WriteLine($"Generating {what} into {directory} (cached for the next run) ...");
        var partial = directory + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        generate(partial);
        Directory.Move(partial, directory);
        Console.WriteLine($"  done in {stopwatch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
    }

    /// <summary>The first 8 hex digits of the SHA-256 of the files (relative to the repository), in order.</summary>
    public static string SourceHash(string repo, params string[] files)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            var path = Path.Combine(repo, file);
            hash.AppendData(File.Exists(path) ? File.ReadAllBytes(path) : Encoding.UTF8.GetBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }
}
