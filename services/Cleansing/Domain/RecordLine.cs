using System.Buffers;
using System.Globalization;
using System.Text;

namespace Dakla06.Cleansing.Domain;

/// <summary>
/// A record's values as one CSV line (RFC 4180: comma-separated; a value with a comma, a double quote or a line break
/// is quoted and its quotes doubled) — the stored form of a batch record's input values, and each line of the results
/// download. One text per record costs the binary COPY of a million records far less than a text[] of the same values
/// (a nested write and parse per element), and the values come back exactly as they were read, except that a missing
/// value reads back as empty.
/// </summary>
public static class RecordLine
{
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");

    /// <summary>The values joined into one line.</summary>
    public static string Join(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var length = values.Count;
        var plain = true;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            length += value.Length;
            plain &= value.AsSpan().IndexOfAny(Special) < 0;
        }

        if (plain)
        {
            // Nearly every line of a real file: no quoting, so the line is built in one allocation.
            return string.Create(Math.Max(0, length - 1), values, static (span, values) =>
            {
                var at = 0;
                for (var i = 0; i < values.Count; i++)
                {
                    if (i > 0)
                    {
                        span[at++] = ',';
                    }

                    if (values[i] is { } value)
                    {
                        value.AsSpan().CopyTo(span[at..]);
                        at += value.Length;
                    }
                }
            });
        }

        using var line = new StringWriter(new StringBuilder(length + 16), CultureInfo.InvariantCulture);
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                line.Write(',');
            }

            WriteValue(line, values[i]);
        }

        return line.ToString();
    }

    /// <summary>One value as it stands in a line (quoted when it has to be), for writers that stream whole files.</summary>
    public static void WriteValue(TextWriter writer, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null || value.AsSpan().IndexOfAny(Special) < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>The values of a line written by <see cref="Join"/>.</summary>
    public static string[] Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var values = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (true)
        {
            current.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            current.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    current.Append(line[i++]);
                }
            }

            var end = line.IndexOf(',', i);
            current.Append(line.AsSpan(i, (end < 0 ? line.Length : end) - i));
            values.Add(current.ToString());
            if (end < 0)
            {
                return [.. values];
            }

            i = end + 1;
        }
    }
}
