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
/// The indicators' sums from the pre-aggregated <c>dossier_counts</c> (never from the dossier table), for a unit's
/// subtree within the caller's scope.
/// </summary>
public sealed class IndicatorStore(NpgsqlDataSource dataSource)
{
    // The rows of a unit's subtree with the path of the unit's direct child each lies under (its own rows: the unit itself).
    private const string WithChildPath = """
        (SELECT c.*, CASE WHEN nlevel(c.unit_path) > nlevel(@unitPath::ltree)
                          THEN subpath(c.unit_path, 0, nlevel(@unitPath::ltree) + 1) ELSE c.unit_path END AS child_path
         FROM dossier_counts c)
        """;

    public async Task<IReadOnlyList<IndicatorSums>> SumAsync(
        UnitScope scope, string unitPath, DateOnly from, DateOnly to, IndicatorGrouping grouping, CancellationToken cancellationToken)
    {
        var (key, source) = grouping switch
        {
            IndicatorGrouping.Child => ("subltree(child_path, nlevel(child_path) - 1, nlevel(child_path))::text", WithChildPath),
            IndicatorGrouping.Procedure => ("procedure_code", "dossier_counts"),
            _ => ("''", "dossier_counts"),
        };

        // Period flows are the rows of days in [from, to]; the overdue stock at `to` comes from every day up to it (see the migration).
        var sql = $"""
            SELECT {key} AS key,
                   coalesce(sum(received) FILTER (WHERE in_period), 0)::bigint AS received,
                   coalesce(sum(received) FILTER (WHERE in_period AND channel = '{Vocabulary.Online}'), 0)::bigint AS received_online,
                   coalesce(sum(fee_dossiers) FILTER (WHERE in_period), 0)::bigint AS fee_dossiers,
                   coalesce(sum(paid_online) FILTER (WHERE in_period), 0)::bigint AS paid_online,
                   coalesce(sum(payment_count) FILTER (WHERE in_period), 0)::bigint AS payment_count,
                   coalesce(sum(paid_amount_ok) FILTER (WHERE in_period), 0)::bigint AS paid_amount_ok,
                   coalesce(sum(paid_amount_failed) FILTER (WHERE in_period), 0)::bigint AS paid_amount_failed,
                   coalesce(sum(digitised) FILTER (WHERE in_period), 0)::bigint AS digitised,
                   coalesce(sum(resolved) FILTER (WHERE in_period), 0)::bigint AS resolved,
                   coalesce(sum(resolved_on_time) FILTER (WHERE in_period), 0)::bigint AS resolved_on_time,
                   coalesce(sum(results_digitised) FILTER (WHERE in_period), 0)::bigint AS results_digitised,
                   (coalesce(sum(due - due_met) FILTER (WHERE day < @to), 0) - coalesce(sum(finished_late), 0))::bigint AS overdue_in_progress
            FROM (SELECT s.*, s.day >= @from AS in_period FROM {source} s
                  WHERE s.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("s.unit_path")} AND s.day <= @to) c
            GROUP BY 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IndicatorSums>(new CommandDefinition(
            sql, new { scope = scope.Path, unitPath, from, to }, cancellationToken: cancellationToken));
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
