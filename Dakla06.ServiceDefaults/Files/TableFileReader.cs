using System.Globalization;
using System.Text;
using System.Text.Unicode;
using MiniExcelLibs;

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
        var reader = new CsvRecordReader(stream);
        if (!reader.ReadHeader(out var headers))
        {
            throw new TableFileException("Tệp rỗng hoặc không có dòng tiêu đề");
        }

        return new TableFile(headers, reader.ReadRows(headers.Count));
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
    /// A byte-level CSV reader: finds record ends (newlines outside quotes), checks UTF-8 per record, so one bad line
    /// becomes one unreadable row and the rest of the file still reads. A record that overflows the limit (for
    /// example an unclosed quote) ends at the next physical newline so it cannot swallow the file.
    /// </summary>
    private sealed class CsvRecordReader(Stream stream)
    {
        private const int MaxRecordBytes = (MaxLineLength * 4) + 8;
        private static readonly UTF8Encoding Utf8Lenient = new(false, false);

        private readonly byte[] buffer = new byte[64 * 1024];
        private byte[] chunk = null!;
        private int bufferPosition;
        private int bufferLength;
        private readonly byte[] record = new byte[MaxRecordBytes];
        private readonly char[] chars = new char[MaxRecordBytes];
        private readonly List<string?> fields = [];
        private readonly StringBuilder quoted = new();
        private int position;
        private int length;
        private bool endOfStream;
        private long nextLine = 1;
        private char delimiter = ',';

        public bool ReadHeader(out List<string> headers)
        {
            headers = [];
            SkipBom();
            while (NextRecord(out var startLine, out var recordLength, out var overflow))
            {
                _ = startLine;
                if (recordLength == 0)
                {
                    continue;
                }

                if (overflow)
                {
                    throw new TableFileException("Dòng tiêu đề dài quá 4096 ký tự");
                }

                var bytes = record.AsSpan(0, recordLength);
                if (!Utf8.IsValid(bytes))
                {
                    throw new TableFileException("Tệp không phải mã hóa UTF-8");
                }

                delimiter = DetectDelimiter(bytes);
                var count = Encoding.UTF8.GetChars(bytes, chars);
                if (ParseFields(chars.AsSpan(0, count)) is not null)
                {
                    throw new TableFileException("Dòng tiêu đề không đọc được: " + ReasonQuotes);
                }

                if (fields.TrueForAll(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                foreach (var field in fields)
                {
                    headers.Add(field!.Trim());
                }

                return true;
            }

            return false;
        }

        public IEnumerable<TableRow> ReadRows(int columnCount)
        {
            while (NextRecord(out var line, out var recordLength, out var overflow))
            {
                if (recordLength == 0 && !overflow)
                {
                    continue;
                }

                var bytes = record.AsSpan(0, recordLength);
                if (overflow)
                {
                    yield return Unreadable(line, columnCount, ReasonTooLong, bytes);
                    continue;
                }

                if (!Utf8.IsValid(bytes))
                {
                    yield return Unreadable(line, columnCount, ReasonEncoding, bytes);
                    continue;
                }

                var count = Encoding.UTF8.GetChars(bytes, chars);
                if (count > MaxLineLength)
                {
                    yield return Unreadable(line, columnCount, ReasonTooLong, bytes);
                    continue;
                }

                var text = chars.AsSpan(0, count);
                if (ParseFields(text) is { } problem)
                {
                    yield return Unreadable(line, columnCount, problem, bytes);
                    continue;
                }

                if (fields.TrueForAll(string.IsNullOrEmpty))
                {
                    continue; // ",,,," rows that spreadsheets leave at the end: no record
                }

                if (fields.Count != columnCount)
                {
                    yield return Unreadable(line, columnCount, ReasonColumnCount(fields.Count, columnCount), bytes);
                    continue;
                }

                yield return new TableRow(line, [.. fields]);
            }
        }

        private static TableRow Unreadable(long line, int columnCount, string reason, ReadOnlySpan<byte> bytes)
        {
            var raw = Utf8Lenient.GetString(bytes);
            return new TableRow(line, new string?[columnCount], reason, raw.Length > MaxLineLength ? raw[..MaxLineLength] : raw);
        }

        private static char DetectDelimiter(ReadOnlySpan<byte> header)
        {
            int commas = 0, semicolons = 0, tabs = 0;
            var inQuotes = false;
            foreach (var b in header)
            {
                switch (b)
                {
                    case (byte)'"': inQuotes = !inQuotes; break;
                    case (byte)',' when !inQuotes: commas++; break;
                    case (byte)';' when !inQuotes: semicolons++; break;
                    case (byte)'\t' when !inQuotes: tabs++; break;
                }
            }

            return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
        }

        /// <summary>Splits one record into <see cref="fields"/>; returns a reason when the quoting is broken.</summary>
        private string? ParseFields(ReadOnlySpan<char> text)
        {
            fields.Clear();
            var i = 0;
            while (true)
            {
                if (i < text.Length && text[i] == '"')
                {
                    quoted.Clear();
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        var c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
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

                    if (!closed || (i < text.Length && text[i] != delimiter))
                    {
                        return ReasonQuotes;
                    }

                    fields.Add(quoted.ToString());
                }
                else
                {
                    var end = text[i..].IndexOf(delimiter);
                    var field = end < 0 ? text[i..] : text.Slice(i, end);
                    fields.Add(field.IsEmpty ? string.Empty : new string(field));
                    i += field.Length;
                }

                if (i >= text.Length)
                {
                    return null;
                }

                i++; // the delimiter
                if (i == text.Length)
                {
                    fields.Add(string.Empty); // "a,b," ends with an empty field
                    return null;
                }
            }
        }

        private void SkipBom()
        {
            chunk = buffer;
            Fill();
            if (length - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF)
            {
                position += 3;
            }
            else if (length - position >= 2 && ((buffer[position] == 0xFF && buffer[position + 1] == 0xFE) || (buffer[position] == 0xFE && buffer[position + 1] == 0xFF)))
            {
                throw new TableFileException("Tệp không phải mã hóa UTF-8 (UTF-16)");
            }
        }

        private bool Fill()
        {
            if (position < length)
            {
                return true;
            }

            if (chunk != buffer)
            {
                // the pushed-back bytes are used up: back to the stream buffer where it was left
                chunk = buffer;
                position = bufferPosition;
                length = bufferLength;
                if (position < length)
                {
                    return true;
                }
            }

            if (endOfStream)
            {
                return false;
            }

            position = 0;
            length = stream.Read(buffer, 0, buffer.Length);
            if (length == 0)
            {
                endOfStream = true;
                return false;
            }

            return true;
        }

        /// <summary>
        /// Collects the bytes of the next record (without its line end) into <see cref="record"/>. A quote left open
        /// (the record runs past the limit or the file's end inside quotes) ends the record at its first physical
        /// line; the lines after it are read again as records of their own.
        /// </summary>
        private bool NextRecord(out long startLine, out int recordLength, out bool overflow)
        {
            startLine = nextLine;
            recordLength = 0;
            overflow = false;
            var inQuotes = false;
            var any = false;
            var firstNewline = -1;
            while (Fill())
            {
                any = true;
                var span = chunk.AsSpan(position, length - position);
                var consumed = 0;
                var done = false;
                for (; consumed < span.Length; consumed++)
                {
                    var b = span[consumed];
                    if (b == (byte)'\n')
                    {
                        nextLine++;
                        if (!inQuotes || overflow)
                        {
                            consumed++;
                            done = true;
                            break;
                        }

                        if (firstNewline < 0)
                        {
                            firstNewline = recordLength;
                        }
                    }
                    else if (b == (byte)'"')
                    {
                        inQuotes = !inQuotes;
                    }

                    if (!overflow)
                    {
                        if (recordLength < MaxRecordBytes)
                        {
                            record[recordLength++] = b;
                        }
                        else if (inQuotes && firstNewline >= 0)
                        {
                            position += consumed;
                            recordLength = PushBackAfterFirstLine(firstNewline, recordLength, startLine);
                            return true;
                        }
                        else
                        {
                            overflow = true;
                        }
                    }
                }

                position += consumed;
                if (done)
                {
                    break;
                }
            }

            if (!any)
            {
                return false;
            }

            if (inQuotes && firstNewline >= 0 && !overflow)
            {
                recordLength = PushBackAfterFirstLine(firstNewline, recordLength, startLine); // the file ended inside quotes
            }

            if (recordLength > 0 && record[recordLength - 1] == (byte)'\r')
            {
                recordLength--;
            }

            return true;
        }

        private int PushBackAfterFirstLine(int firstNewline, int recordLength, long startLine)
        {
            var rest = record.AsSpan(firstNewline + 1, recordLength - firstNewline - 1);
            var unread = chunk.AsSpan(position, length - position);
            var pushed = new byte[rest.Length + unread.Length];
            rest.CopyTo(pushed);
            unread.CopyTo(pushed.AsSpan(rest.Length));
            if (chunk == buffer)
            {
                bufferPosition = length;
                bufferLength = length;
            }

            chunk = pushed;
            position = 0;
            length = pushed.Length;
            nextLine = startLine + 1;
            return firstNewline;
        }
    }
}
