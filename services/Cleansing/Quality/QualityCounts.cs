using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Quality;

/// <summary>A unit's sums of <c>quality_counts</c> for one category up to a day.</summary>
public sealed record QualityCountRow(string UnitCode, string Category, long Found, long Fixed, long Updated, long CannotUpdate, long MarkedNoOldId)
{
    public long Closed => Fixed + Updated + CannotUpdate + MarkedNoOldId;
}

/// <summary>
/// The kept counts of registry quality. Every change of items goes through a transaction-local <c>quality_deltas</c>
/// table (one row per item changed: its category, unit path and +1/−1 per figure) that <see cref="ApplyAsync"/> folds
/// into <c>quality_counts</c> for the item's commune, district and province on the day in Vietnam — in the same
/// transaction as the change, so the counts never disagree with the items.
/// </summary>
public static class QualityCounts
{
    public const string CreateDeltas = """
        CREATE TEMP TABLE IF NOT EXISTS quality_deltas (
            category text, unit_path text, found int, fixed int, updated int, cannot_update int, marked_no_old_id int
        ) ON COMMIT DROP
        """;

    /// <summary>A delta row's figures for an item closed with <paramref name="outcome"/> (<paramref name="sign"/> −1: reopened).</summary>
    public static string ClosedColumns(string outcome, int sign = 1) =>
        string.Join(", ", new[] { "fixed", "updated", "cannot_update", "marked_no_old_id" }.Select(o => o == outcome ? $"{sign}" : "0"));

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly day, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO quality_counts AS c (unit_code, category, day, found, fixed, updated, cannot_update, marked_no_old_id)
            SELECT u.code, d.category, @day, sum(d.found), sum(d.fixed), sum(d.updated), sum(d.cannot_update), sum(d.marked_no_old_id)
              FROM quality_deltas d
             CROSS JOIN LATERAL unnest(string_to_array(d.unit_path, '.')) AS u(code)
             GROUP BY u.code, d.category
            ON CONFLICT (unit_code, category, day) DO UPDATE
               SET found = c.found + EXCLUDED.found, fixed = c.fixed + EXCLUDED.fixed, updated = c.updated + EXCLUDED.updated,
                   cannot_update = c.cannot_update + EXCLUDED.cannot_update, marked_no_old_id = c.marked_no_old_id + EXCLUDED.marked_no_old_id
            """,
            new { day }, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("TRUNCATE quality_deltas", transaction: transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The figures of each of <paramref name="unitCodes"/> per category as of the end of <paramref name="asOf"/>.</summary>
    public static async Task<IReadOnlyList<QualityCountRow>> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> unitCodes, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<QualityCountRow>(new CommandDefinition(
            """
            SELECT unit_code AS unitcode, category, sum(found)::bigint AS found, sum(fixed)::bigint AS fixed, sum(updated)::bigint AS updated,
                   sum(cannot_update)::bigint AS cannotupdate, sum(marked_no_old_id)::bigint AS markednooldid
              FROM quality_counts
             WHERE unit_code = ANY(@units) AND day <= @asOf
             GROUP BY unit_code, category
            """,
            new { units = unitCodes.ToArray(), asOf }, cancellationToken: cancellationToken));
        return [.. rows];
    }
}
