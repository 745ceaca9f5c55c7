using System.Collections.Frozen;
using System.Reflection;

namespace Dakla06.Contracts.AdminUnits;

/// <summary>
/// The province's administrative units (1 province, 15 districts, 184 communes), read once from the
/// embedded GSO list. Immutable and thread-safe; use <see cref="Default"/>.
/// </summary>
public sealed class AdminUnitDirectory
{
    private static readonly Lazy<AdminUnitDirectory> LazyDefault = new(LoadEmbedded);

    private readonly FrozenDictionary<string, AdminUnit> _byCode;
    private readonly FrozenDictionary<string, AdminUnit[]> _children;

    public AdminUnitDirectory(IEnumerable<(string Code, string Name, AdminLevel Level, string? ParentCode)> rows)
    {
        var list = rows.ToList();
        var parents = list.ToDictionary(r => r.Code, r => r.ParentCode, StringComparer.Ordinal);
        var units = new Dictionary<string, AdminUnit>(StringComparer.Ordinal);
        foreach (var row in list)
        {
            units[row.Code] = new AdminUnit(row.Code, row.Name, row.Level, row.ParentCode, BuildPath(row.Code, parents));
        }

        _byCode = units.ToFrozenDictionary(StringComparer.Ordinal);
        _children = units.Values
            .Where(u => u.ParentCode is not null)
            .GroupBy(u => u.ParentCode!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(u => u.Code.Length).ThenBy(u => u.Code, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Root = units.Values.Single(u => u.ParentCode is null);
    }

    /// <summary>The directory built from the embedded reference file.</summary>
    public static AdminUnitDirectory Default => LazyDefault.Value;

    public AdminUnit Root { get; }

    public IEnumerable<AdminUnit> All => _byCode.Values.OrderBy(u => u.Path, StringComparer.Ordinal);

    public AdminUnit? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code.Trim(), out var unit) ? unit : null;

    /// <summary>The unit's name, or the code itself when no unit has it (a code kept from an older unit list).</summary>
    public string NameOf(string code) => Find(code)?.Name ?? code;

    public AdminUnit Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"Unknown administrative unit code '{code}'.");

    public IReadOnlyList<AdminUnit> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var children) ? children : [];

    /// <summary>The unit itself and every unit below it.</summary>
    public IEnumerable<AdminUnit> SubtreeOf(string code)
    {
        var root = Get(code);
        return _byCode.Values.Where(root.Contains);
    }

    private static string BuildPath(string code, Dictionary<string, string?> parents)
    {
        var labels = new Stack<string>();
        for (string? current = code; current is not null; current = parents.GetValueOrDefault(current))
        {
            labels.Push(current);
            if (labels.Count > 10)
            {
                throw new InvalidDataException($"Administrative unit '{code}' has a cyclic parent chain.");
            }
        }

        return string.Join('.', labels);
    }

    private static AdminUnitDirectory LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dakla06.AdminUnits.csv")
            ?? throw new InvalidOperationException("The embedded administrative-unit list is missing.");
        using var reader = new StreamReader(stream);
        return new AdminUnitDirectory(Parse(reader));
    }

    private static IEnumerable<(string, string, AdminLevel, string?)> Parse(TextReader reader)
    {
        _ = reader.ReadLine(); // header: code,name,level,parent_code
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            // Names contain apostrophes but never commas, so a plain split is exact for this file.
            var parts = line.Split(',');
            var level = parts[2] switch
            {
                "province" => AdminLevel.Province,
                "district" => AdminLevel.District,
                "commune" => AdminLevel.Commune,
                _ => throw new InvalidDataException($"Unknown level '{parts[2]}' in administrative-unit list."),
            };
            yield return (parts[0], parts[1], level, parts[3].Length == 0 ? null : parts[3]);
        }
    }
}
