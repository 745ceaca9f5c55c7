using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;

namespace Dakla06.IntegrationTests.Matrix;

/// <summary>What the matrices of every service share: the units around each demo unit, JSON bodies, cached seeds.</summary>
public static class MatrixSeeds
{
    /// <summary>The unit above each unit the matrix seeds at (the province has none).</summary>
    public static string ParentOf(string unit) => unit switch
    {
        "643" or "644" => "66",
        "24136" or "24118" => "643",
        "24305" => "644",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "not a unit the matrix seeds at"),
    };

    /// <summary>A unit below a district the matrix uses; a commune is its own (it has none below).</summary>
    public static string ChildOf(string unit) => unit switch
    {
        "66" => "643",
        "643" => "24136",
        "644" => "24305",
        _ => unit,
    };

    /// <summary>The demo user with a capability at a unit (directive officers, inspectors, cleansing officers).</summary>
    public static string DirectiveOfficerAt(string unit) => unit switch
    {
        "66" => "province.officer",
        "643" => "bmt.officer",
        "644" => "buonho.officer",
        "24136" => "tanloi.officer",
        "24118" => "tanlap.officer",
        "24305" => "anlac.officer",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "no directive officer there"),
    };

    /// <summary>The realm's level role of an official of the unit (a forged token must carry the one its unit implies).</summary>
    public static string LevelRoleOf(string unit) => unit.Length switch { 2 => "province-user", 3 => "district-user", _ => "commune-user" };

    public static HttpContent Json(object body) => JsonContent.Create(body);

    /// <summary>A short unique text, e.g. for titles and numbers that lists are searched for.</summary>
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    /// <summary>The text of a response as a list would be searched: an .xlsx workbook's XML parts, any other body as it is.</summary>
    public static string Searchable(byte[] body)
    {
        if (body.Length < 4 || body[0] != 'P' || body[1] != 'K')
        {
            return Encoding.UTF8.GetString(body);
        }

        using var zip = new ZipArchive(new MemoryStream(body));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}

/// <summary>Seeds made once per key (e.g. the document of a unit) and reused by the rows that only read them.</summary>
public sealed class SeedCache<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _seeds = new();

    public Task<T> GetAsync(string key, Func<Task<T>> create) => _seeds.GetOrAdd(key, _ => new Lazy<Task<T>>(create)).Value;
}
