namespace Dakla06.ServiceDefaults.Files;

/// <summary>
/// Where a file's header puts the columns an import knows (-1 = absent). Headers match case-insensitively after
/// trimming; unknown columns are ignored; the first occurrence of a column wins.
/// </summary>
public sealed class TableColumns
{
    private readonly Dictionary<string, int> _positions;

    private TableColumns(Dictionary<string, int> positions) => _positions = positions;

    /// <summary>The position of <paramref name="column"/> in the header, -1 when absent.</summary>
    public int this[string column] => _positions.GetValueOrDefault(column, -1);

    /// <summary>Maps <paramref name="headers"/>; <paramref name="missing"/> lists the required columns not found, in their given order.</summary>
    public static TableColumns Map(IReadOnlyList<string> headers, IEnumerable<string> known, IEnumerable<string> required, out IReadOnlyList<string> missing)
    {
        var wanted = new HashSet<string>(known, StringComparer.OrdinalIgnoreCase);
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            if (wanted.Contains(header))
            {
                positions.TryAdd(header, i);
            }
        }

        missing = [.. required.Where(column => !positions.ContainsKey(column))];
        return new TableColumns(positions);
    }

    /// <summary>The trimmed value of <paramref name="column"/> in <paramref name="row"/>; empty when absent.</summary>
    public string Get(TableRow row, string column) =>
        this[column] is var index and >= 0 && index < row.Values.Length ? row.Values[index]?.Trim() ?? string.Empty : string.Empty;
}
