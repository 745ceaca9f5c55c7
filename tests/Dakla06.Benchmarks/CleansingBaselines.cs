using System.Diagnostics;
using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Benchmarks;

/// <summary>
/// The two yardsticks issue 5 measures the cleansing service against, run on the same batch file and the same
/// database server in the same run: the fastest a file can be stored at all (raw binary COPY, no validation, no
/// index), and the way it is often done (one registry query per record).
/// </summary>
internal static class CleansingBaselines
{
    /// <summary>
    /// Reads the batch CSV with a minimal splitter (comma, double quotes) and binary-COPYs every line as
    /// (line_no, one text column per header) into a fresh table without any index or key. Timed from opening the file
    /// to the COPY committed: the floor for "upload to every result stored" when nothing is validated.
    /// </summary>
    public static async Task<(long Rows, TimeSpan Elapsed)> RawCopyAsync(string connectionString, string batchCsv)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string[] headers;
        using (var peek = new StreamReader(batchCsv, Encoding.UTF8))
        {
            headers = SplitCsv(await peek.ReadLineAsync() ?? string.Empty);
        }

        var columns = string.Join(", ", headers.Select((_, i) => $"c{i} text"));
        await connection.ExecuteAsync($"DROP TABLE IF EXISTS raw_copy; CREATE TABLE raw_copy (line_no integer, {columns})");

        var stopwatch = Stopwatch.StartNew();
        long rows = 0;
        using (var reader = new StreamReader(batchCsv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
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

    /// <summary>
    /// The naive way: for each of the first <paramref name="sample"/> records, one Dapper query by ID number against
    /// the registry's persons table (primary key lookup), then a field comparison in memory; one connection, one
    /// query after another, as a per-row script does it. No suggestions at all — it only finds the exact ID.
    /// </summary>
    public static async Task<(int Rows, TimeSpan Elapsed, int Found)> NaiveLookupAsync(string connectionString, string batchCsv, int idColumn, int nameColumn, int sample)
    {
        var ids = new List<(string Id, string Name)>(sample);
        using (var reader = new StreamReader(batchCsv, Encoding.UTF8))
        {
            await reader.ReadLineAsync();
            while (ids.Count < sample && await reader.ReadLineAsync() is { } line)
            {
                var values = SplitCsv(line);
                ids.Add((idColumn < values.Length ? values[idColumn] : string.Empty, nameColumn < values.Length ? values[nameColumn] : string.Empty));
            }
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // One warm-up query so connection set-up is not counted.
        await connection.QueryFirstOrDefaultAsync<NaivePerson>(NaiveQuery, new { id = "000000000000" });
        var found = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var (id, name) in ids)
        {
            var person = await connection.QueryFirstOrDefaultAsync<NaivePerson>(NaiveQuery, new { id });
            if (person is not null && string.Equals(person.FullName, name, StringComparison.Ordinal))
            {
                found++;
            }
        }

        stopwatch.Stop();
        return (ids.Count, stopwatch.Elapsed, found);
    }

    private const string NaiveQuery =
        "SELECT id_number AS IdNumber, full_name AS FullName, date_of_birth AS DateOfBirth, gender AS Gender, status AS Status FROM persons WHERE id_number = @id";

    private sealed class NaivePerson
    {
        public string IdNumber { get; init; } = string.Empty;

        public string FullName { get; init; } = string.Empty;

        public DateTime DateOfBirth { get; init; }

        public string Gender { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;
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
