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

    /// <summary>
    /// The plain SQL that counts what the registry-quality rules find, on the same database: households by head count
    /// (one GROUP BY), persons missing a mandatory field or an old ID (one scan), and same-commune, same-birthday pairs
    /// with the same folded name (the duplicate scan's join). Returns the time and the counts.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, long NoHead, long ManyHeads, long Missing, long OldIdMissing, long Pairs)> QualityCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var stopwatch = Stopwatch.StartNew();
        var (noHead, manyHeads) = await connection.QuerySingleAsync<(long, long)>(
            """
            SELECT count(*) FILTER (WHERE heads = 0), count(*) FILTER (WHERE heads > 1)
              FROM (SELECT household_id, count(*) FILTER (WHERE is_household_head) AS heads FROM persons WHERE status = 'alive' GROUP BY household_id) h
            """, commandTimeout: 1800);
        var (missing, oldId) = await connection.QuerySingleAsync<(long, long)>(
            """
            SELECT count(*) FILTER (WHERE ethnicity IS NULL OR religion IS NULL OR place_of_origin IS NULL OR permanent_address IS NULL OR relation_to_head IS NULL),
                   count(*) FILTER (WHERE old_id_number IS NULL AND NOT no_old_id AND date_of_birth <= DATE '2006-12-31')
              FROM persons WHERE status = 'alive'
            """, commandTimeout: 1800);
        var pairs = await connection.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM persons a
              JOIN persons b ON b.date_of_birth = a.date_of_birth AND b.commune_code = a.commune_code AND b.id_number > a.id_number
             WHERE a.folded_name = b.folded_name
            """, commandTimeout: 1800);
        stopwatch.Stop();
        return (stopwatch.Elapsed, noHead, manyHeads, missing, oldId, pairs);
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
