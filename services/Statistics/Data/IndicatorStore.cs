using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Data;

/// <summary>How the sums are grouped: everything in one, by the unit's direct child, or by procedure.</summary>
public enum IndicatorGrouping
{
    None,
    Child,
    Procedure,
}

/// <summary>
/// The indicators' sums from the pre-aggregated counts (never from the dossier table), for a unit's subtree within the
/// caller's scope: by procedure from <c>dossier_counts</c>; otherwise from the unit tables (0005_unit_counts.sql), the
/// whole months of the period from <c>unit_month_counts</c> and its other days from <c>unit_day_counts</c>.
/// </summary>
public sealed class IndicatorStore(NpgsqlDataSource dataSource)
{
    private const string Sums = """
        received, fee_dossiers, paid_online, payment_count, paid_amount_ok, paid_amount_failed, digitised,
        resolved, resolved_on_time, results_digitised, finished_late, due, due_met
        """;

    // Each source gives rows of (unit_path, key columns, day, the sums, received_online) with two flags: in_period (a flow
    // of [from, to]) and in_stock (a day up to `to` whose dues and late finishes make the overdue stock at `to`).
    private static readonly string ProcedureRows = $"""
        (SELECT unit_path, procedure_code, day, {Sums}, CASE WHEN channel = '{Vocabulary.Online}' THEN received ELSE 0 END AS received_online,
                day >= @from AS in_period, TRUE AS in_stock
         FROM dossier_counts WHERE day <= @to)
        """;

    // The whole months [@fullFrom, @fullTo) of the period from the month table; its other days, and the days of the last
    // month (the stock of the months before it is in the month table), from the day table.
    private static readonly string UnitRows = $"""
        (SELECT unit_path, month AS day, {Sums}, received_online,
                month >= @fullFrom AND month < @fullTo AS in_period, month < @toMonth AS in_stock
         FROM unit_month_counts WHERE month < greatest(@fullTo, @toMonth)
         UNION ALL
         SELECT unit_path, day, {Sums}, received_online,
                day >= @from AND NOT (day >= @fullFrom AND day < @fullTo) AS in_period, day >= @toMonth AS in_stock
         FROM unit_day_counts
         WHERE day <= @to AND (day >= @toMonth OR (day >= @from AND NOT (day >= @fullFrom AND day < @fullTo))))
        """;

    public async Task<IReadOnlyList<IndicatorSums>> SumAsync(
        UnitScope scope, string unitPath, DateOnly from, DateOnly to, IndicatorGrouping grouping, CancellationToken cancellationToken)
    {
        var (key, source) = grouping switch
        {
            // The label of the unit's direct child each row lies under (the unit's own rows: the unit itself).
            IndicatorGrouping.Child => ("subltree(c.unit_path, least(nlevel(c.unit_path), nlevel(@unitPath::ltree) + 1) - 1, least(nlevel(c.unit_path), nlevel(@unitPath::ltree) + 1))::text", UnitRows),
            IndicatorGrouping.Procedure => ("procedure_code", ProcedureRows),
            _ => ("''", UnitRows),
        };

        // A month is whole in the period when it starts on or after `from` and ends on or before `to`.
        var fullFrom = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var toMonth = new DateOnly(to.Year, to.Month, 1);
        var fullTo = to == toMonth.AddMonths(1).AddDays(-1) ? toMonth.AddMonths(1) : toMonth;
        var sql = $"""
            SELECT {key} AS key,
                   coalesce(sum(received) FILTER (WHERE in_period), 0)::bigint AS received,
                   coalesce(sum(received_online) FILTER (WHERE in_period), 0)::bigint AS received_online,
                   coalesce(sum(fee_dossiers) FILTER (WHERE in_period), 0)::bigint AS fee_dossiers,
                   coalesce(sum(paid_online) FILTER (WHERE in_period), 0)::bigint AS paid_online,
                   coalesce(sum(payment_count) FILTER (WHERE in_period), 0)::bigint AS payment_count,
                   coalesce(sum(paid_amount_ok) FILTER (WHERE in_period), 0)::bigint AS paid_amount_ok,
                   coalesce(sum(paid_amount_failed) FILTER (WHERE in_period), 0)::bigint AS paid_amount_failed,
                   coalesce(sum(digitised) FILTER (WHERE in_period), 0)::bigint AS digitised,
                   coalesce(sum(resolved) FILTER (WHERE in_period), 0)::bigint AS resolved,
                   coalesce(sum(resolved_on_time) FILTER (WHERE in_period), 0)::bigint AS resolved_on_time,
                   coalesce(sum(results_digitised) FILTER (WHERE in_period), 0)::bigint AS results_digitised,
                   (coalesce(sum(due - due_met) FILTER (WHERE in_stock AND day < @to), 0)
                    - coalesce(sum(finished_late) FILTER (WHERE in_stock), 0))::bigint AS overdue_in_progress
            FROM {source} c
            WHERE (in_period OR in_stock) AND c.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("c.unit_path")}
            GROUP BY 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IndicatorSums>(new CommandDefinition(
            sql, new { scope = scope.Path, unitPath, from, to, fullFrom, fullTo, toMonth }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>The current name of each procedure code (its latest level's).</summary>
    public async Task<Dictionary<string, string>> ProcedureNamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition("""
            SELECT DISTINCT ON (code) code, name FROM procedures WHERE code = ANY(@codes) ORDER BY code, effective_from DESC
            """, new { codes = codes.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
    }
}
