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

    // Each source gives rows of (unit_path, key columns, the sums, received_online) with three coefficients: flow (1 when
    // the row's sums are flows of [from, to]) and due/late, the row's share in the overdue stock at `to`:
    //   Σ_{day < to} (due − due_met) − Σ_{day ≤ to} finished_late   (see 0001_statistics.sql).
    private static readonly string ProcedureRows = $"""
        (SELECT unit_path, procedure_code, {Sums}, CASE WHEN channel = '{Vocabulary.Online}' THEN received ELSE 0 END AS received_online,
                (day >= @from)::int AS flow, (day < @to)::int AS due_coef, 1 AS late_coef
         FROM dossier_counts WHERE day <= @to AND unit_code = ANY(@units))
        """;

    // Flows: the whole months of the period from the month table, its other days (before the first and after the last
    // whole month) from the day table. Stock: the months that end on or before `to` from the month table, the days of
    // `to`'s month up to it from the day table — or, when `to` ends its month, the dues of `to` itself taken out again.
    // Simple date ranges each, so a province's year reads its ~12 month rows per unit and one day row per unit.
    private static readonly string UnitRows = $"""
        (SELECT unit_path, {Sums}, received_online, 1 AS flow, 0 AS due_coef, 0 AS late_coef
         FROM unit_month_counts WHERE month >= @fullFrom AND month < @fullTo
         UNION ALL
         SELECT unit_path, {Sums}, received_online, 1, 0, 0
         FROM unit_day_counts WHERE (day >= @from AND day < @headTo) OR (day >= @tailFrom AND day <= @to)
         UNION ALL
         SELECT unit_path, {Sums}, received_online, 0, 1, 1
         FROM unit_month_counts WHERE month < @stockMonths
         UNION ALL
         SELECT unit_path, {Sums}, received_online, 0,
                CASE WHEN day < @to THEN 1 WHEN @stockMonths > @to THEN -1 ELSE 0 END, CASE WHEN @stockMonths > @to THEN 0 ELSE 1 END
         FROM unit_day_counts WHERE day >= least(@stockMonths, @to) AND day <= @to)
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

        // The months that end on or before `to` start before stockMonths; the whole months of the period are
        // [fullFrom, fullTo) (none: both `from`); its other days are [from, headTo) and [tailFrom, to].
        var toMonth = new DateOnly(to.Year, to.Month, 1);
        var stockMonths = to == toMonth.AddMonths(1).AddDays(-1) ? toMonth.AddMonths(1) : toMonth;
        var (fullFrom, fullTo) = (from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1), stockMonths);
        if (fullFrom >= fullTo)
        {
            (fullFrom, fullTo) = (from, from);
        }

        var headTo = fullFrom < to.AddDays(1) ? fullFrom : to.AddDays(1);
        var tailFrom = fullTo > from ? fullTo : from;
        var sql = $"""
            SELECT {key} AS key,
                   coalesce(sum(received) FILTER (WHERE flow = 1), 0)::bigint AS received,
                   coalesce(sum(received_online) FILTER (WHERE flow = 1), 0)::bigint AS received_online,
                   coalesce(sum(fee_dossiers) FILTER (WHERE flow = 1), 0)::bigint AS fee_dossiers,
                   coalesce(sum(paid_online) FILTER (WHERE flow = 1), 0)::bigint AS paid_online,
                   coalesce(sum(payment_count) FILTER (WHERE flow = 1), 0)::bigint AS payment_count,
                   coalesce(sum(paid_amount_ok) FILTER (WHERE flow = 1), 0)::bigint AS paid_amount_ok,
                   coalesce(sum(paid_amount_failed) FILTER (WHERE flow = 1), 0)::bigint AS paid_amount_failed,
                   coalesce(sum(digitised) FILTER (WHERE flow = 1), 0)::bigint AS digitised,
                   coalesce(sum(resolved) FILTER (WHERE flow = 1), 0)::bigint AS resolved,
                   coalesce(sum(resolved_on_time) FILTER (WHERE flow = 1), 0)::bigint AS resolved_on_time,
                   coalesce(sum(results_digitised) FILTER (WHERE flow = 1), 0)::bigint AS results_digitised,
                   coalesce(sum(due_coef * (due - due_met) - late_coef * finished_late), 0)::bigint AS overdue_in_progress
            FROM {source} c
            WHERE c.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("c.unit_path")}
            GROUP BY 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IndicatorSums>(new CommandDefinition(
            sql, new { scope = scope.Path, unitPath, units = Subtree.Codes(unitPath), from, to, fullFrom, fullTo, headTo, tailFrom, stockMonths }, cancellationToken: cancellationToken));
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
