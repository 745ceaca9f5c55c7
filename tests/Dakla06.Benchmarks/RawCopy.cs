using System.Diagnostics;
using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Benchmarks;

/// <summary>
/// The yardstick every import is measured against, on the same file and database server in the same run: the
/// fastest a file can be stored at all (raw binary COPY, no validation, no index, no key).
/// </summary>
internal static class RawCopy
{
    /// <summary>
    /// Reads the CSV with a minimal splitter (comma, double quotes) and binary-COPYs every line as
    /// (line_no, one text column per header) into a fresh table without any index or key. Timed from opening the file
    /// to the COPY committed: the floor for "upload to every row stored" when nothing is validated.
    /// </summary>
    public static async Task<(long Rows, TimeSpan Elapsed)> RunAsync(string connectionString, string csv)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string[] headers;
        using (var peek = new StreamReader(csv, Encoding.UTF8))
        {
            headers = SplitCsv(await peek.ReadLineAsync() ?? string.Empty);
        }

        var columns = string.Join(", ", headers.Select((_, i) => $"c{i} text"));
        await connection.ExecuteAsync($"DROP TABLE IF EXISTS raw_copy; CREATE TABLE raw_copy (line_no integer, {columns})");

        var stopwatch = Stopwatch.StartNew();
        long rows = 0;
        using (var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
        {
            await reader.ReadLineAsync();   // header
            await using var importer = await connection.BeginBinaryImportAsync(
                $"COPY raw_copy (line_no, {string.Join(", ", headers.Select((_, i) => $"c{i}"))}) FROM STDIN (FORMAT BINARY)");
            var lineNo = 1;
            while (await reader.ReadLineAsync() is { } line)
            {
                lineNo++;
                var values = SplitCsv(line);
                await importer.StartRowAsync();
                await importer.WriteAsync(lineNo, NpgsqlDbType.Integer);
                for (var i = 0; i < headers.Length; i++)
                {
                    if (i < values.Length)
                    {
                        await importer.WriteAsync(values[i], NpgsqlDbType.Text);
                    }
                    else
                    {
                        await importer.WriteNullAsync();
                    }
                }

                rows++;
            }

            await importer.CompleteAsync();
        }

        stopwatch.Stop();
        await connection.ExecuteAsync("DROP TABLE raw_copy");
        return (rows, stopwatch.Elapsed);
    }

    /// <summary>Splits one CSV line (comma separator, RFC 4180 double quotes). Enough for the generated files.</summary>
    public static string[] SplitCsv(string line)
    {
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return line.Split(',');
        }

        var values = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        values.Add(current.ToString());
        return [.. values];
    }
}
