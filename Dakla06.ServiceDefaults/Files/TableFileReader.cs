using System.Globalization;
using System.Text;
using MiniExcelLibs;
using nietras.SeparatedValues;

namespace Dakla06.ServiceDefaults.Files;

/// <summary>
/// One record of an uploaded table file. <see cref="LineNumber"/> is where the record starts in the file as a person
/// sees it (CSV: physical line, the header is line 1; XLSX: the sheet row). <see cref="Values"/> has one entry per
/// header, in header order. <see cref="Unreadable"/> is the Vietnamese reason the record could not be parsed (its
/// values are then all null and <see cref="RawText"/> holds what could be read of the line, cut to
/// <see cref="TableFileReader.MaxLineLength"/>).
/// </summary>
public sealed record TableRow(long LineNumber, string?[] Values, string? Unreadable = null, string? RawText = null);

/// <summary>
/// An opened table file: the header is read at once, <see cref="Rows"/> streams the records — the file is never held
/// whole. Enumerate <see cref="Rows"/> once. The stream stays owned by the caller.
/// </summary>
public sealed class TableFile : IDisposable
{
    private readonly IEnumerable<TableRow> rows;
    private readonly IDisposable? resource;

    internal TableFile(IReadOnlyList<string> headers, IEnumerable<TableRow> rows, IDisposable? resource = null)
    {
        Headers = headers;
        this.rows = rows;
        this.resource = resource;
    }

    /// <summary>The header cells as written in the file (trimmed).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The records after the header; a damaged workbook throws <see cref="TableFileException"/> while enumerating.</summary>
    public IEnumerable<TableRow> Rows => rows;

    public void Dispose() => resource?.Dispose();
}

/// <summary>A file that cannot be read at all (→ 400 on upload, a failed job later): empty, no header, not UTF-8, a broken workbook.</summary>
public sealed class TableFileException : Exception
{
    public TableFileException()
    {
    }

    public TableFileException(string message) : base(message)
    {
    }

    public TableFileException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// Reads the CSV and XLSX files users upload (batches, imports), streaming, with line numbers people recognise and
/// one unreadable line reported as one unreadable row instead of failing the file. Callers map the header to their
/// columns and refuse the file when required ones are missing.
/// </summary>
public static class TableFileReader
{
    /// <summary>A record longer than this (in characters) is unreadable; no real record comes near it.</summary>
    public const int MaxLineLength = 4096;

    public const string ReasonTooLong = "Dòng dài quá 4096 ký tự";
    public const string ReasonEncoding = "Dòng không đúng mã hóa UTF-8";
    public const string ReasonQuotes = "Dấu ngoặc kép không khớp";

    public static string ReasonColumnCount(int found, int expected) =>
        string.Create(CultureInfo.InvariantCulture, $"Dòng có {found} cột, tiêu đề có {expected} cột");

    /// <summary>
    /// Opens a CSV (UTF-8 with or without BOM; comma, semicolon or tab; RFC 4180 quotes) or an XLSX (first sheet) by
    /// its file name's extension. Throws <see cref="TableFileException"/> for an empty file, a missing header or a
    /// file that is not UTF-8 or not a workbook.
    /// </summary>
    public static TableFile Open(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Path.GetExtension(fileName ?? string.Empty).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? OpenXlsx(stream)
            : OpenCsv(stream);
    }

    private static TableFile OpenCsv(Stream stream)
    {
        var reader = new CsvRows(stream);
        try
        {
            var headers = reader.ReadHeader() ?? throw new TableFileException("Tệp rỗng hoặc không có dòng tiêu đề");
            return new TableFile(headers, reader.ReadRows(headers.Count), reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static TableFile OpenXlsx(Stream stream)
    {
        IEnumerator<object> source;
        try
        {
            source = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or InvalidOperationException or NotSupportedException)
        {
            throw new TableFileException("Tệp Excel không đọc được", exception);
        }

        try
        {
            long line = 0;
            List<string>? headers = null;
            while (MoveNext(source))
            {
                line++;
                var cells = (IDictionary<string, object?>)source.Current;
                var values = new List<string>();
                var lastNonEmpty = -1;
                var index = 0;
                foreach (var cell in cells)
                {
                    var text = CellText(cell.Value)?.Trim() ?? string.Empty;
                    values.Add(text);
                    if (text.Length > 0)
                    {
                        lastNonEmpty = index;
                    }

                    index++;
                }

                if (lastNonEmpty >= 0)
                {
                    headers = values.GetRange(0, lastNonEmpty + 1);
                    break;
                }
            }

            if (headers is null)
            {
                throw new TableFileException("Tệp rỗng hoặc không có dòng tiêu đề");
            }

            return new TableFile(headers, XlsxRows(source, line, headers.Count), source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static bool MoveNext(IEnumerator<object> source)
    {
        try
        {
            return source.MoveNext();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or InvalidOperationException or NotSupportedException
                                              or System.Xml.XmlException)
        {
            throw new TableFileException("Tệp Excel không đọc được", exception);
        }
    }

    private static IEnumerable<TableRow> XlsxRows(IEnumerator<object> source, long line, int columnCount)
    {
        while (MoveNext(source))
        {
            line++;
            var cells = (IDictionary<string, object?>)source.Current;
            var values = new string?[columnCount];
            string? unreadable = null;
            var any = false;
            var index = 0;
            foreach (var cell in cells)
            {
                var text = CellText(cell.Value);
                if (!string.IsNullOrEmpty(text))
                {
                    any = true;
                    if (text.Length > MaxLineLength)
                    {
                        unreadable ??= ReasonTooLong;
                    }
                    else if (index >= columnCount)
                    {
                        unreadable ??= ReasonColumnCount(index + 1, columnCount);
                    }
                }

                if (index < columnCount)
                {
                    values[index] = text;
                }

                index++;
            }

            if (!any)
            {
                continue; // an empty sheet row is no record
            }

            if (unreadable is not null)
            {
                var raw = string.Join('\t', values);
                yield return new TableRow(line, new string?[columnCount], unreadable, raw.Length > MaxLineLength ? raw[..MaxLineLength] : raw);
            }
            else
            {
                yield return new TableRow(line, values);
            }
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string text => text,
        // A date cell: written the Vietnamese way (dd/MM/yyyy), which every date reader of the system accepts.
        DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double number when number == Math.Floor(number) && Math.Abs(number) < 1e15 => ((long)number).ToString(CultureInfo.InvariantCulture),
        decimal number when number == decimal.Floor(number) => decimal.ToInt64(number).ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// The CSV side on Sep (measured about twice as fast as the byte-level reader it replaced: BENCHMARKS.md, Cleansing).
    /// Sep splits physical lines at the delimiter with its quote handling off, so a stray quote can never make it read
    /// ahead; the rare line with a quote is parsed here, strictly (RFC 4180), and a quoted value spanning lines is
    /// joined here — at most <see cref="MaxLineLength"/> characters: past that, or at the end of the file, the quote
    /// stays open, the first line becomes one unreadable row and the lines after it are read again as records of their
    /// own. Bad UTF-8 is what the decoder turned into U+FFFD. Sep keeps one physical line in memory, up to its own
    /// bound of 16M characters; a longer line fails the file.
    /// </summary>
    private sealed class CsvRows : IDisposable
    {
        private readonly StreamReader text;
        private readonly List<string?> fields = [];
        private readonly StringBuilder quoted = new();
        private readonly Queue<(long Line, string Text)> again = new();
        private SepReader? sep;
        private long lineOffset;
        private char delimiter = ',';

        public CsvRows(Stream stream)
        {
            // Encoding.UTF8 replaces bad bytes with U+FFFD (found per line below); a UTF-16/32 byte order mark switches
            // the decoder, which is how such a file is recognised and refused.
            text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        }

        public void Dispose()
        {
            sep?.Dispose();
            text.Dispose();
        }

        public List<string>? ReadHeader()
        {
            while (ReadHeaderLine() is { } line)
            {
                if (text.CurrentEncoding is not UTF8Encoding)
                {
                    throw new TableFileException("Tệp không phải mã hóa UTF-8 (UTF-16)");
                }

                if (line.Contains('\uFFFD', StringComparison.Ordinal))
                {
                    throw new TableFileException("Tệp không phải mã hóa UTF-8");
                }

                delimiter = DetectDelimiter(line);
                if (ParseFields(line) is not null)
                {
                    throw new TableFileException("Dòng tiêu đề không đọc được: " + ReasonQuotes);
                }

                if (!fields.TrueForAll(string.IsNullOrWhiteSpace))
                {
                    sep = Sep.Reader(o => o with
                    {
                        Sep = new Sep(delimiter), HasHeader = false, DisableQuotesParsing = true, DisableColCountCheck = true,
                    }).From(text, leaveOpen: true);
                    return [.. fields.Select(field => field!.Trim())];
                }
            }

            return null;
        }

        /// <summary>One header record, its quoted line breaks included (bounded); null at the end of the file.</summary>
        private string? ReadHeaderLine()
        {
            var line = new StringBuilder();
            var inQuotes = false;
            while (true)
            {
                var c = text.Read();
                if (c < 0)
                {
                    return line.Length == 0 ? null : line.ToString();
                }

                if (c is '\n' or '\r' && !inQuotes)
                {
                    lineOffset++;
                    if (c == '\r' && text.Peek() == '\n')
                    {
                        text.Read();
                    }

                    if (line.Length == 0)
                    {
                        continue; // blank lines before the header
                    }

                    return line.ToString();
                }

                if (c == '\n')
                {
                    lineOffset++;
                }

                inQuotes ^= c == '"';
                line.Append((char)c);
                if (line.Length > MaxLineLength)
                {
                    throw new TableFileException("Dòng tiêu đề dài quá 4096 ký tự");
                }
            }
        }

        public IEnumerable<TableRow> ReadRows(int columnCount)
        {
            if (sep is null)
            {
                yield break;
            }

            // A quoted value left open on a line: the lines so far, until the quote closes (or the bound is reached).
            List<(long Line, string Text)>? open = null;
            var openLength = 0;
            while (true)
            {
                long line;
                TableRow? row;
                if (again.TryDequeue(out var queued))
                {
                    (line, row) = (queued.Line, null);
                    if (open is null && Quotes(queued.Text) % 2 == 0)
                    {
                        row = Record(line, queued.Text.AsSpan(), columnCount);
                    }
                    else
                    {
                        Open(ref open, ref openLength, queued);
                        row = TryClose(ref open, ref openLength, columnCount, endOfFile: false);
                    }
                }
                else if (MoveNext(sep))
                {
                    var current = sep.Current;
                    // Every physical line is a row (quote parsing off); Sep's line numbers are not kept in that mode.
                    line = current.RowIndex + 1 + lineOffset;
                    var span = current.Span;
                    if (open is null && !span.Contains('"'))
                    {
                        row = span.IsEmpty ? null : span.Length > MaxLineLength || span.Contains('\uFFFD')
                            ? Record(line, span, columnCount)
                            : Plain(line, current, columnCount);
                    }
                    else if (open is null && Quotes(span) % 2 == 0)
                    {
                        row = Record(line, span, columnCount);
                    }
                    else
                    {
                        Open(ref open, ref openLength, (line, new string(span)));
                        row = TryClose(ref open, ref openLength, columnCount, endOfFile: false);
                    }
                }
                else if (open is not null)
                {
                    row = TryClose(ref open, ref openLength, columnCount, endOfFile: true);
                }
                else
                {
                    yield break;
                }

                if (row is not null)
                {
                    yield return row;
                }
            }
        }

        private static bool MoveNext(SepReader rows)
        {
            try
            {
                return rows.MoveNext();
            }
            catch (NotSupportedException e)
            {
                throw new TableFileException("Tệp có dòng dài quá mức đọc được", e); // Sep's own bound: 16M characters
            }
        }

        private static int Quotes(ReadOnlySpan<char> line) => line.Count('"');

        private static void Open(ref List<(long Line, string Text)>? open, ref int openLength, (long Line, string Text) line)
        {
            open ??= [];
            open.Add(line);
            openLength += line.Text.Length + (open.Count > 1 ? 1 : 0);
        }

        /// <summary>
        /// The record of the open lines once the quote closed; when it cannot (too long, end of file), the first line as
        /// a record of its own (unreadable) and the others queued to be read again. Null while the quote is still open.
        /// </summary>
        private TableRow? TryClose(ref List<(long Line, string Text)>? open, ref int openLength, int columnCount, bool endOfFile)
        {
            var lines = open!;
            var quotes = 0;
            foreach (var (_, lineText) in lines)
            {
                quotes += Quotes(lineText);
            }

            if (quotes % 2 == 0)
            {
                var joined = string.Join('\n', lines.Select(l => l.Text));
                var first = lines[0].Line;
                open = null;
                openLength = 0;
                return Record(first, joined.AsSpan(), columnCount);
            }

            if (!endOfFile && openLength <= MaxLineLength)
            {
                return null;
            }

            open = null;
            openLength = 0;
            // The lines after the first are read again, before anything still queued after them.
            var rest = again.ToList();
            again.Clear();
            foreach (var item in lines.Skip(1).Concat(rest))
            {
                again.Enqueue(item);
            }

            return Record(lines[0].Line, lines[0].Text.AsSpan(), columnCount);
        }

        /// <summary>A line without quotes: Sep's columns are its values.</summary>
        private static TableRow? Plain(long line, SepReader.Row row, int columnCount)
        {
            if (row.ColCount != columnCount)
            {
                for (var i = 0; i < row.ColCount; i++)
                {
                    if (!row[i].Span.IsEmpty)
                    {
                        return Unreadable(line, columnCount, ReasonColumnCount(row.ColCount, columnCount), row.Span);
                    }
                }

                return null; // ",,,," rows that spreadsheets leave at the end: no record
            }

            var values = new string?[columnCount];
            var empty = true;
            for (var i = 0; i < values.Length; i++)
            {
                var value = row[i].Span;
                empty &= value.IsEmpty;
                values[i] = value.IsEmpty ? string.Empty : new string(value);
            }

            return empty ? null : new TableRow(line, values);
        }

        /// <summary>Any record's text (quotes, a joined multi-line record, or one to refuse): checked and parsed here.</summary>
        private TableRow? Record(long line, ReadOnlySpan<char> record, int columnCount)
        {
            if (record.IsEmpty)
            {
                return null;
            }

            if (record.Length > MaxLineLength)
            {
                return Unreadable(line, columnCount, ReasonTooLong, record);
            }

            if (record.Contains('\uFFFD'))
            {
                return Unreadable(line, columnCount, ReasonEncoding, record);
            }

            if (ParseFields(record) is { } problem)
            {
                return Unreadable(line, columnCount, problem, record);
            }

            if (fields.TrueForAll(string.IsNullOrEmpty))
            {
                return null; // ",,,," rows that spreadsheets leave at the end: no record
            }

            return fields.Count != columnCount
                ? Unreadable(line, columnCount, ReasonColumnCount(fields.Count, columnCount), record)
                : new TableRow(line, [.. fields]);
        }

        private static TableRow Unreadable(long line, int columnCount, string reason, ReadOnlySpan<char> record) =>
            new(line, new string?[columnCount], reason, new string(record.Length > MaxLineLength ? record[..MaxLineLength] : record));

        private static char DetectDelimiter(ReadOnlySpan<char> header)
        {
            int commas = 0, semicolons = 0, tabs = 0;
            var inQuotes = false;
            foreach (var c in header)
            {
                switch (c)
                {
                    case '"': inQuotes = !inQuotes; break;
                    case ',' when !inQuotes: commas++; break;
                    case ';' when !inQuotes: semicolons++; break;
                    case '\t' when !inQuotes: tabs++; break;
                }
            }

            return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
        }

        /// <summary>Splits one record into <see cref="fields"/> (RFC 4180); returns a reason when the quoting is broken.</summary>
        private string? ParseFields(ReadOnlySpan<char> record)
        {
            fields.Clear();
            var i = 0;
            while (true)
            {
                if (i < record.Length && record[i] == '"')
                {
                    quoted.Clear();
                    i++;
                    var closed = false;
                    while (i < record.Length)
                    {
                        var c = record[i];
                        if (c == '"')
                        {
                            if (i + 1 < record.Length && record[i + 1] == '"')
                            {
                                quoted.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            closed = true;
                            break;
                        }

                        quoted.Append(c);
                        i++;
                    }

                    if (!closed || (i < record.Length && record[i] != delimiter))
                    {
                        return ReasonQuotes;
                    }

                    fields.Add(quoted.ToString());
                }
                else
                {
                    var end = record[i..].IndexOf(delimiter);
                    var field = end < 0 ? record[i..] : record.Slice(i, end);
                    fields.Add(field.IsEmpty ? string.Empty : new string(field));
                    i += field.Length;
                }

                if (i >= record.Length)
                {
                    return null;
                }

                i++; // the delimiter
                if (i == record.Length)
                {
                    fields.Add(string.Empty); // "a,b," ends with an empty field
                    return null;
                }
            }
        }
    }
}
