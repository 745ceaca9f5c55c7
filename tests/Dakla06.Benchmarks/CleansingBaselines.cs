using System.Diagnostics;
using System.Text;
using Dakla06.People;
using Dapper;
using Npgsql;

namespace Dakla06.Benchmarks;

/// <summary>
/// The second yardstick issue 5 measures the cleansing service against (the first is <see cref="RawCopy"/>), run on
/// the same batch file and the same database server in the same run: the way it is often done (one registry query
/// per record).
/// </summary>
internal static class CleansingBaselines
{
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
                var values = RawCopy.SplitCsv(line);
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
}
