using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Data;

/// <summary>A unit's month whose received count stands out against the unit's other months.</summary>
public sealed class OutlierRow
{
    public string UnitCode { get; init; } = string.Empty;

    public DateOnly Month { get; init; }

    public long Received { get; init; }

    public decimal Mean { get; init; }

    public decimal StdDev { get; init; }

    public decimal Z { get; init; }
}

/// <summary>
/// Outliers of the received counts per unit × month, from the pre-aggregated counts. Each month is compared with the
/// same unit's other months with dossiers in the period (leave one out: a spike included in its own baseline would
/// raise the mean and the deviation it is measured by, and with n months could never score above (n−1)/√n).
/// </summary>
public sealed class OutlierStore(NpgsqlDataSource dataSource)
{
    /// <summary>Months a unit needs besides the one measured for its baseline to mean anything.</summary>
    public const int MinBaselineMonths = 6;

    /// <summary>The z-score above which a month is listed.</summary>
    public const decimal Threshold = 3m;

    // Per unit the sum and sum of squares of its monthly counts give, for each month, the mean and the sample standard
    // deviation of the unit's other months without a second pass. Months are calendar months cut to [from, to].
    private static readonly string Sql = $"""
        WITH monthly AS (
            SELECT c.unit_code, date_trunc('month', c.day)::date AS month, sum(c.received)::numeric AS received
            FROM dossier_counts c
            WHERE c.unit_code = ANY(@units) AND c.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("c.unit_path")} AND c.day BETWEEN @from AND @to
            GROUP BY 1, 2
            HAVING sum(c.received) > 0
        ), baseline AS (
            SELECT m.unit_code, m.month, m.received,
                   count(*) OVER unit - 1 AS n,
                   sum(m.received) OVER unit - m.received AS total,
                   sum(m.received * m.received) OVER unit - m.received * m.received AS squares
            FROM monthly m
            WINDOW unit AS (PARTITION BY m.unit_code)
        ), spread AS (
            -- nullif: the planner may evaluate these before the filter on n, so none may divide by zero.
            SELECT unit_code, month, received, n, total / nullif(n, 0) AS mean,
                   sqrt(greatest(squares - total * total / nullif(n, 0), 0) / nullif(n - 1, 0)) AS stddev
            FROM baseline
        ), scored AS (
            SELECT unit_code, month, received, mean, stddev, (received - mean) / nullif(stddev, 0) AS z
            FROM spread
            WHERE n >= @minMonths
        )
        SELECT unit_code, month, received::bigint AS received, round(mean, 2) AS mean, round(stddev, 2) AS std_dev, round(z, 2) AS z
        FROM scored
        WHERE z > @threshold
        ORDER BY z DESC, unit_code, month
        """;

    public async Task<IReadOnlyList<OutlierRow>> ListAsync(UnitScope scope, string unitPath, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutlierRow>(new CommandDefinition(Sql, new
        {
            scope = scope.Path, unitPath, units = Subtree.Codes(unitPath), from, to, minMonths = MinBaselineMonths, threshold = Threshold,
        }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
