using System.Diagnostics;
using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.People;
using Dakla06.ServiceDefaults.Files;
using nietras.SeparatedValues;

namespace Dakla06.Benchmarks;

/// <summary>
/// Issue 14 part 5's question: is the hand-written CSV code slower than Sep, the fastest maintained CSV library for
/// .NET? Measured on the benchmark's own files, one thread, in this process, each side giving the same result:
/// <list type="bullet">
/// <item>reading: every record of the batch and registry files into a <see cref="TableRow"/> (line number, one string
/// per header) with the per-record checks the product relies on — length bound, UTF-8, column count, blank rows skipped —
/// by <see cref="TableFileReader"/> (what the batch worker and the statistics and enrolment imports read through; since
/// this comparison it reads on Sep itself, so this row now shows what its checks cost) and by bare Sep (the same checks
/// on its rows: a U+FFFD from the decoder marks bad UTF-8);</item>
/// <item>writing: the registry file (2.1M persons) by <see cref="RegistryCsv.Write"/> and by Sep's writer (escaping on),
/// into a discarding stream, UTF-8 encoded; and every batch record as one stored line by <see cref="RecordLine.Join"/>
/// and by Sep writing the same values to a reused text buffer.</item>
/// </list>
/// Each side runs three times, alternating, after a warm-up; the best time counts (the machine is shared: the best run
/// is the one least disturbed by other processes). Ratio = hand-written time ÷ Sep time (above 1: Sep is faster).
/// </summary>
internal static class CsvComparison
{
    private const int Runs = 3;

    public static void Run(CleansingData data, BenchmarkReport report)
    {
        Console.WriteLine();
        Console.WriteLine("CSV: ours (hand-written writers, TableFileReader) vs Sep (this process, one thread, best of 3, same output):");
        // Reading: the hand-written byte-level reader lost (BENCHMARKS.md) and was replaced by TableFileReader on Sep;
        // what is left to see is what its per-line checks cost over Sep reading alone.
        foreach (var (name, path) in new[] { ("batch file", data.Throughput.Csv), ("registry file", data.RegistryCsv) })
        {
            Compare(report, $"read {name} (ours = TableFileReader on Sep)", path,
                file => Checksum(TableFileReader.Open(file, "file.csv").Rows),
                file => Checksum(SepRows(file)));
        }

        var persons = data.RegistryPersons().ToList();
        Compare(report, "write registry file", null,
            _ => WriteRegistryHandWritten(persons),
            _ => WriteRegistrySep(persons));
        persons = null;

        var rows = TableFileReader.Open(File.OpenRead(data.Throughput.Csv), "batch.csv").Rows.Select(row => row.Values).ToList();
        Compare(report, "join batch records to lines", null,
            _ => JoinHandWritten(rows),
            _ => JoinSep(rows));
    }

    private static void Compare(BenchmarkReport report, string what, string? path, Func<Stream, (long Records, long Chars)> handWritten, Func<Stream, (long Records, long Chars)> sep)
    {
        var hand = Measure(path, handWritten, out var handResult);
        var sepTime = Measure(path, sep, out var sepResult);
        for (var run = 1; run < Runs; run++)
        {
            hand = Min(hand, Measure(path, handWritten, out _));
            sepTime = Min(sepTime, Measure(path, sep, out _));
        }

        var same = handResult == sepResult;
        Console.WriteLine($"  {what,-28} ours {hand.TotalSeconds,6:F2} s  Sep {sepTime.TotalSeconds,6:F2} s  " +
            $"ours ÷ Sep {hand / sepTime:F2}  ({handResult.Records:N0} records, {handResult.Chars:N0} chars{(same ? string.Empty : $"; Sep: {sepResult.Records:N0} records, {sepResult.Chars:N0} chars — DIFFERENT")})");
        report.Add($"csv: {what}", $"{handResult.Records:N0} records",
            $"ours {handResult.Records / hand.TotalSeconds:N0}/s, Sep {sepResult.Records / sepTime.TotalSeconds:N0}/s: Sep {hand / sepTime:F2}×",
            "same output", same);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Measure(string? path, Func<Stream, (long, long)> work, out (long Records, long Chars) result)
    {
        using var stream = path is null ? Stream.Null : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var stopwatch = Stopwatch.StartNew();
        result = work(stream);
        return stopwatch.Elapsed;
    }

    /// <summary>Records and characters of every value (so no side can skip work the other does).</summary>
    private static (long Records, long Chars) Checksum(IEnumerable<TableRow> rows)
    {
        long records = 0, chars = 0;
        foreach (var row in rows)
        {
            records++;
            foreach (var value in row.Values)
            {
                chars += value?.Length ?? 0;
            }
        }

        return (records, chars);
    }

    /// <summary>Bare Sep doing what <see cref="TableFileReader"/> does for a CSV: header row, then one <see cref="TableRow"/> per record.</summary>
    private static IEnumerable<TableRow> SepRows(Stream stream)
    {
        // No header of Sep's own: it refuses repeated names, which a user's file may have (the first one wins for us).
        using var reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(stream, leaveOpen: true);
        string[]? headers = null;
        foreach (var row in reader)
        {
            if (headers is null)
            {
                headers = new string[row.ColCount];
                for (var i = 0; i < headers.Length; i++)
                {
                    headers[i] = row[i].ToString().Trim();
                }

                continue;
            }

            var span = row.Span;
            string? unreadable = null;
            if (span.Length > TableFileReader.MaxLineLength)
            {
                unreadable = TableFileReader.ReasonTooLong;
            }
            else if (span.Contains('\uFFFD'))
            {
                unreadable = TableFileReader.ReasonEncoding;
            }
            else if (row.ColCount != headers.Length)
            {
                if (row.ColCount == 1 && span.IsEmpty)
                {
                    continue;
                }

                unreadable = TableFileReader.ReasonColumnCount(row.ColCount, headers.Length);
            }

            if (unreadable is not null)
            {
                yield return new TableRow(row.LineNumberFrom, new string?[headers.Length], unreadable, span.Length > TableFileReader.MaxLineLength ? new string(span[..TableFileReader.MaxLineLength]) : new string(span));
                continue;
            }

            var values = new string?[headers.Length];
            var empty = true;
            for (var i = 0; i < values.Length; i++)
            {
                var value = row[i].Span;
                empty &= value.IsEmpty;
                values[i] = value.IsEmpty ? string.Empty : new string(value);
            }

            if (!empty)
            {
                yield return new TableRow(row.LineNumberFrom, values);
            }
        }
    }

    private static (long, long) WriteRegistryHandWritten(List<RegistryPerson> persons)
    {
        using var counting = new CountingStream();
        using (var writer = new StreamWriter(counting, new UTF8Encoding(false), 1 << 16))
        {
            RegistryCsv.Write(writer, persons);
        }

        return (persons.Count, counting.Length);
    }

    private static (long, long) WriteRegistrySep(List<RegistryPerson> persons)
    {
        using var counting = new CountingStream();
        using (var text = new StreamWriter(counting, new UTF8Encoding(false), 1 << 16))
        using (var writer = Sep.Writer(o => o with { Escape = true }).To(text))
        {
            // The header declared once, the columns then set by position (by name costs a lookup per value).
            writer.Header.Add(RegistryCsv.Header);
            Span<char> date = stackalloc char[10];
            foreach (var person in persons)
            {
                using var row = writer.NewRow();
                person.DateOfBirth.TryFormat(date, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                row[0].Set(person.IdNumber);
                row[1].Set(person.FullName);
                row[2].Set(date[..written]);
                row[3].Set(person.Gender.ToCode());
                row[4].Set(person.CommuneCode);
                row[5].Set(person.HouseholdId);
                row[6].Set(person.IsHouseholdHead ? "true" : "false");
                row[7].Set(person.OldIdNumber ?? string.Empty);
                row[8].Set(person.Deceased ? "deceased" : "alive");
            }
        }

        return (persons.Count, counting.Length);
    }

    private static (long, long) JoinHandWritten(List<string?[]> rows)
    {
        long chars = 0;
        foreach (var values in rows)
        {
            chars += RecordLine.Join(values).Length;
        }

        return (rows.Count, chars);
    }

    /// <summary>Sep writing each record's values as one line into a reused buffer, then the line as its own string (what is stored).</summary>
    private static (long, long) JoinSep(List<string?[]> rows)
    {
        long chars = 0;
        var buffer = new StringWriter(new StringBuilder(256));
        using var writer = Sep.Writer(o => o with { Escape = true, WriteHeader = false }).To(buffer);
        foreach (var values in rows)
        {
            using (var row = writer.NewRow())
            {
                for (var i = 0; i < values.Length; i++)
                {
                    row[i].Set(values[i] ?? string.Empty);
                }
            }

            var builder = buffer.GetStringBuilder();
            var line = builder.ToString(0, builder.Length - 1 - (builder.Length > 1 && builder[^2] == '\r' ? 1 : 0)); // without the line end
            chars += line.Length;
            builder.Clear();
        }

        return (rows.Count, chars);
    }

    /// <summary>Counts what is written and keeps nothing: the file's bytes without the disk.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
    }
}
