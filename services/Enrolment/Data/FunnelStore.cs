using Dakla06.Contracts.AdminUnits;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>A unit's counts of days waited in one stage: how many cards waited exactly <c>Days</c> days.</summary>
public sealed record StageDays(string UnitCode, short Stage, int Days, long Cards);

/// <summary>
/// Reads the funnel's pre-aggregated counts: a unit's (or each of its children's) cumulative sums as of a day are its own
/// month rows before the day's month plus its day rows of that month — a few dozen rows per unit, whatever the data size.
/// </summary>
public sealed class FunnelStore(NpgsqlDataSource dataSource)
{
    private static readonly string Columns = string.Join(", ", EnrolmentCounts.Measures.Select(m => $"sum({m})::bigint AS {m}"));

    private static readonly string AsOf = $"""
        SELECT unit_code AS key, {Columns}
        FROM (
            SELECT unit_code, {string.Join(", ", EnrolmentCounts.Measures)} FROM unit_month_counts
            WHERE unit_code = ANY(@units) AND {UnitScope.SqlCondition()} AND month < @monthStart
            UNION ALL
            SELECT unit_code, {string.Join(", ", EnrolmentCounts.Measures)} FROM unit_day_counts
            WHERE unit_code = ANY(@units) AND {UnitScope.SqlCondition()} AND day BETWEEN @monthStart AND @asOf
        ) c
        GROUP BY unit_code
        """;

    // Each month's own counts (not cumulative), the asked day's month cut at the day.
    private static readonly string Months = $"""
        SELECT to_char(month, 'YYYY-MM') AS key, {Columns}
        FROM (
            SELECT month, {string.Join(", ", EnrolmentCounts.Measures)} FROM unit_month_counts
            WHERE unit_code = @unit AND {UnitScope.SqlCondition()} AND month < @monthStart
            UNION ALL
            SELECT @monthStart, {string.Join(", ", EnrolmentCounts.Measures)} FROM unit_day_counts
            WHERE unit_code = @unit AND {UnitScope.SqlCondition()} AND day BETWEEN @monthStart AND @asOf
        ) c
        GROUP BY month
        ORDER BY month
        """;

    // The persons to reach of each asked unit's subtree (a unit's path is a prefix of its communes' paths).
    private const string Population = """
        SELECT u.code AS key, coalesce(sum(p.persons_14_plus), 0)::bigint AS persons, max(p.received_at) AS received_at
        FROM unnest(@units, @paths) AS u(code, path)
        LEFT JOIN population p ON p.unit_path <@ u.path::ltree AND p.unit_path <@ @scope::ltree
        GROUP BY u.code
        """;

    /// <summary>The cumulative counts as of <paramref name="asOf"/> of each of <paramref name="units"/> (all inside the caller's scope), with their population.</summary>
    public async Task<(Dictionary<string, FunnelSums> Sums, DateTimeOffset? PopulationAsOf)> AsOfAsync(
        UnitScope scope, IReadOnlyList<AdminUnit> units, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var codes = units.Select(u => u.Code).ToArray();
        var parameters = new { units = codes, paths = units.Select(u => u.Path).ToArray(), scope = scope.Path, monthStart = MonthOf(asOf), asOf };
        var sums = (await connection.QueryAsync<FunnelSums>(new CommandDefinition(AsOf, parameters, cancellationToken: cancellationToken)))
            .ToDictionary(s => s.Key, StringComparer.Ordinal);
        var population = (await connection.QueryAsync<(string Key, long Persons, DateTimeOffset? ReceivedAt)>(
            new CommandDefinition(Population, parameters, cancellationToken: cancellationToken))).ToList();
        var result = codes.ToDictionary(code => code, code => sums.GetValueOrDefault(code) ?? FunnelSums.Zero(code), StringComparer.Ordinal);
        foreach (var (key, persons, _) in population)
        {
            result[key].Population14Plus = persons;
        }

        return (result, population.Max(p => p.ReceivedAt));
    }

    /// <summary>The unit's own counts of each month up to <paramref name="asOf"/>'s (that month cut at the day), months without data left out.</summary>
    public async Task<List<FunnelSums>> MonthsAsync(UnitScope scope, AdminUnit unit, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<FunnelSums>(new CommandDefinition(Months,
            new { unit = unit.Code, scope = scope.Path, monthStart = MonthOf(asOf), asOf }, cancellationToken: cancellationToken))];
    }

    /// <summary>The days-waited histograms of <paramref name="units"/> (inside the caller's scope), in day order.</summary>
    public async Task<List<StageDays>> StageDaysAsync(UnitScope scope, IReadOnlyList<AdminUnit> units, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<StageDays>(new CommandDefinition($"""
            SELECT unit_code, stage, days, cards FROM stage_days
            WHERE unit_code = ANY(@units) AND {UnitScope.SqlCondition()} AND cards <> 0
            ORDER BY unit_code, stage, days
            """, new { units = units.Select(u => u.Code).ToArray(), scope = scope.Path }, cancellationToken: cancellationToken))];
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
