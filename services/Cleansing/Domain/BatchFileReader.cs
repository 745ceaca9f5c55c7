using Dakla06.ServiceDefaults.Files;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// An opened batch file: the header is read (and checked) at once, <see cref="Rows"/> streams the records — the file is
/// never held whole. Enumerate <see cref="Rows"/> once. The stream stays owned by the caller.
/// </summary>
public sealed class BatchFile : IDisposable
{
    private readonly TableFile table;

    internal BatchFile(TableFile table, BatchColumns columns)
    {
        this.table = table;
        Columns = columns;
    }

    /// <summary>The header cells as written in the file (trimmed), known or not — unknown columns pass through to the results.</summary>
    public IReadOnlyList<string> Headers => table.Headers;

    public BatchColumns Columns { get; }

    public IEnumerable<BatchRow> Rows
    {
        get
        {
            using var rows = table.Rows.GetEnumerator();
            while (MoveNext(rows))
            {
                var row = rows.Current;
                yield return new BatchRow(row.LineNumber, row.Values, row.Unreadable, row.RawText);
            }
        }
    }

    public void Dispose() => table.Dispose();

    private static bool MoveNext(IEnumerator<TableRow> rows)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (TableFileException e)
        {
            throw new BatchFileException(e.Message, e);
        }
    }
}

/// <summary>A batch file on the shared <see cref="TableFileReader"/>, its header mapped to the cleansing columns.</summary>
public static class BatchFileReader
{
    public const int MaxLineLength = TableFileReader.MaxLineLength;
    public const string ReasonTooLong = TableFileReader.ReasonTooLong;
    public const string ReasonEncoding = TableFileReader.ReasonEncoding;
    public const string ReasonQuotes = TableFileReader.ReasonQuotes;

    public static string ReasonColumnCount(int found, int expected) => TableFileReader.ReasonColumnCount(found, expected);

    /// <summary>
    /// Opens a CSV or XLSX batch (see <see cref="TableFileReader.Open"/>). Throws <see cref="BatchFileException"/> for
    /// an unreadable file or missing required columns (all named).
    /// </summary>
    public static BatchFile Open(Stream stream, string fileName)
    {
        TableFile table;
        try
        {
            table = TableFileReader.Open(stream, fileName);
        }
        catch (TableFileException e)
        {
            throw new BatchFileException(e.Message, e);
        }

        var columns = BatchColumns.Map(table.Headers, out var missing);
        if (missing.Count > 0)
        {
            table.Dispose();
            throw new BatchFileException("Tệp thiếu cột bắt buộc: " + string.Join(", ", missing), missing);
        }

        return new BatchFile(table, columns);
    }
}
