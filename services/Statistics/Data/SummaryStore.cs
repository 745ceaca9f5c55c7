using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Data;

/// <summary>Procedures of one online level and how many of them had (online) dossiers in a period.</summary>
public sealed record LevelUse(string OnlineLevel, int WithDossiers, int WithOnlineDossiers);

/// <summary>The received dossiers of one essential service in a period.</summary>
public sealed record EssentialCount(int Number, long Received);

/// <summary>The catalogue as of a date and how the procedures were used, from the catalogue and the pre-aggregated counts.</summary>
public sealed class SummaryStore(NpgsqlDataSource dataSource)
{
    // Each procedure's level in force on a date.
    private const string CatalogueAsOf = """
        (SELECT DISTINCT ON (code) code, administrative_level, online_level, essential_service
         FROM procedures WHERE effective_from <= @asOf ORDER BY code, effective_from DESC)
        """;

    /// <summary>Counts of the catalogue in force on <paramref name="asOf"/> by level of government and online level.</summary>
    public async Task<IReadOnlyList<(string AdministrativeLevel, string OnlineLevel, int Procedures)>> CatalogueAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string, int)>(new CommandDefinition($"""
            SELECT administrative_level, online_level, count(*)::int FROM {CatalogueAsOf} p
            GROUP BY 1, 2 ORDER BY 1, 2
            """, new { asOf }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>
    /// Per online level, the procedures offered at that level on at least one day of [from, to]. A procedure whose level
    /// changed in the period counts under each of its levels, as its dossiers do (<see cref="LevelUseAsync"/>), so the
    /// procedures with dossiers at a level are always a part of the procedures offered at it.
    /// </summary>
    public async Task<Dictionary<string, int>> OfferedAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Level, int Procedures)>(new CommandDefinition("""
            SELECT online_level, count(DISTINCT code)::int
            FROM (SELECT code, online_level, effective_from,
                         lead(effective_from) OVER (PARTITION BY code ORDER BY effective_from) AS replaced_on
                  FROM procedures) p
            WHERE p.effective_from <= @to AND (p.replaced_on IS NULL OR p.replaced_on > @from)
            GROUP BY 1
            """, new { from, to }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Level, r => r.Procedures);
    }

    /// <summary>
    /// Per online level, the procedures with dossiers received in [from, to] in the subtree and those with online ones; a
    /// dossier counts at the level its procedure had on the day it was received.
    /// </summary>
    public async Task<IReadOnlyList<LevelUse>> LevelUseAsync(UnitScope scope, string unitPath, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LevelUse>(new CommandDefinition($"""
            WITH used AS (
                SELECT procedure_code, day, bool_or(channel = 'truc_tuyen') AS online
                FROM dossier_counts c
                WHERE c.unit_code = ANY(@units) AND c.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("c.unit_path")}
                  AND c.day BETWEEN @from AND @to AND c.received > 0
                GROUP BY procedure_code, day
            )
            SELECT level.online_level AS onlinelevel, count(DISTINCT u.procedure_code)::int AS withdossiers,
                   count(DISTINCT u.procedure_code) FILTER (WHERE u.online)::int AS withonlinedossiers
            FROM used u
            CROSS JOIN LATERAL (
                SELECT p.online_level FROM procedures p
                WHERE p.code = u.procedure_code AND p.effective_from <= u.day
                ORDER BY p.effective_from DESC LIMIT 1) level
            GROUP BY level.online_level
            """, new { scope = scope.Path, unitPath, units = Subtree.Codes(unitPath), from, to }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Dossiers received in [from, to] in the subtree per essential service (the number its procedure carries as of <c>to</c>).</summary>
    public async Task<IReadOnlyList<EssentialCount>> EssentialCountsAsync(
        UnitScope scope, string unitPath, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EssentialCount>(new CommandDefinition($"""
            SELECT p.essential_service::int AS number, sum(c.received)::bigint AS received
            FROM dossier_counts c
            JOIN {CatalogueAsOf} p ON p.code = c.procedure_code
            WHERE p.essential_service IS NOT NULL
              AND c.unit_code = ANY(@units) AND c.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("c.unit_path")} AND c.day BETWEEN @from AND @to
            GROUP BY 1
            """, new { scope = scope.Path, unitPath, units = Subtree.Codes(unitPath), from, to, asOf = to }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>How many catalogue procedures (as of <paramref name="asOf"/>) carry each essential-service number.</summary>
    public async Task<Dictionary<int, int>> EssentialProceduresAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Number, int Procedures)>(new CommandDefinition($"""
            SELECT essential_service::int, count(*)::int FROM {CatalogueAsOf} p WHERE essential_service IS NOT NULL GROUP BY 1
            """, new { asOf }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Number, r => r.Procedures);
    }
}
