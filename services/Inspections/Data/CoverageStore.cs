using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults;
using Dapper;
using Npgsql;

namespace Dakla06.Inspections.Data;

/// <summary>Inspection coverage and open findings of one unit's subtree, as one row of the coverage table.</summary>
public sealed class CoverageRow
{
    public string UnitCode { get; init; } = string.Empty;

    public bool IsTotal { get; init; }

    public long Systems { get; init; }

    public long SystemsInspected { get; init; }

    public long Devices { get; init; }

    public long DevicesInspected { get; init; }

    public long OpenCritical { get; init; }

    public long OpenHigh { get; init; }

    public long OpenMedium { get; init; }

    public long OpenLow { get; init; }

    public long Overdue { get; init; }
}

/// <summary>
/// Coverage by child unit: systems and devices registered vs. inspected in the last 12 months, and unresolved findings
/// by severity, over a unit's subtree and per direct child unit.
/// </summary>
public sealed class CoverageStore(NpgsqlDataSource dataSource, TimeProvider time, AdminUnitDirectory units)
{
    // One pass over the subtree like the directives summary: every system, device and unresolved finding becomes a
    // "fact" row of 0/1 counters, attributed to the child unit whose subtree holds it (the path label one level below
    // the unit; facts of the unit itself count only in the total) and summed per child and once for the total.
    // Targets count by their owner unit; findings by their responsible unit (the unit that has to fix them).
    // Inspected = a completed inspection whose completion date lies within the last 12 months (Vietnam dates).
    // Open = open, reopened or awaiting verification; overdue = the findings list's rule (open or reopened past the
    // deadline: once the unit reported its fix, the wait is the inspectors'), a subset of the open ones. Children come from the unit directory so those without rows show zeros.
    private const string Sql = $"""
        WITH facts AS (
            SELECT s.unit_path,
                   1 AS systems,
                   (EXISTS (SELECT 1 FROM inspections i
                            WHERE i.target_type = 'system' AND i.target_id = s.id AND i.status = 'completed'
                              AND i.completed_on BETWEEN @since AND @today))::int AS systems_inspected,
                   0 AS devices, 0 AS devices_inspected,
                   0 AS open_critical, 0 AS open_high, 0 AS open_medium, 0 AS open_low, 0 AS overdue
            FROM systems s
            WHERE s.unit_path <@ @scope::ltree
            UNION ALL
            SELECT d.unit_path, 0, 0, 1,
                   (EXISTS (SELECT 1 FROM inspections i
                            WHERE i.target_type = 'device' AND i.target_id = d.id AND i.status = 'completed'
                              AND i.completed_on BETWEEN @since AND @today))::int,
                   0, 0, 0, 0, 0
            FROM devices d
            WHERE d.unit_path <@ @scope::ltree
            UNION ALL
            SELECT f.unit_path, 0, 0, 0, 0,
                   (f.severity = 'critical')::int, (f.severity = 'high')::int, (f.severity = 'medium')::int, (f.severity = 'low')::int,
                   ({FindingStore.OverdueCondition})::int
            FROM findings f
            WHERE f.unit_path <@ @scope::ltree
              AND f.status IN ('open', 'reopened', 'remediation_reported')
        ), scoped AS (
            SELECT CASE WHEN nlevel(unit_path) > nlevel(@scope::ltree)
                        THEN ltree2text(subltree(unit_path, nlevel(@scope::ltree), nlevel(@scope::ltree) + 1)) END AS child_code,
                   systems, systems_inspected, devices, devices_inspected, open_critical, open_high, open_medium, open_low, overdue
            FROM facts
        ), grouped AS (
            SELECT child_code,
                   GROUPING(child_code) = 1 AS is_total,
                   sum(systems) AS systems, sum(systems_inspected) AS systems_inspected,
                   sum(devices) AS devices, sum(devices_inspected) AS devices_inspected,
                   sum(open_critical) AS open_critical, sum(open_high) AS open_high,
                   sum(open_medium) AS open_medium, sum(open_low) AS open_low,
                   sum(overdue) AS overdue
            FROM scoped
            GROUP BY GROUPING SETS ((child_code), ())
        )
        SELECT @unitCode AS unit_code, true AS is_total,
               coalesce(g.systems, 0) AS systems, coalesce(g.systems_inspected, 0) AS systems_inspected,
               coalesce(g.devices, 0) AS devices, coalesce(g.devices_inspected, 0) AS devices_inspected,
               coalesce(g.open_critical, 0) AS open_critical, coalesce(g.open_high, 0) AS open_high,
               coalesce(g.open_medium, 0) AS open_medium, coalesce(g.open_low, 0) AS open_low,
               coalesce(g.overdue, 0) AS overdue
        FROM (SELECT 1) AS one
        LEFT JOIN grouped g ON g.is_total
        UNION ALL
        SELECT c.code, false,
               coalesce(g.systems, 0), coalesce(g.systems_inspected, 0), coalesce(g.devices, 0), coalesce(g.devices_inspected, 0),
               coalesce(g.open_critical, 0), coalesce(g.open_high, 0), coalesce(g.open_medium, 0), coalesce(g.open_low, 0),
               coalesce(g.overdue, 0)
        FROM unnest(@childCodes::text[]) AS c(code)
        LEFT JOIN grouped g ON NOT g.is_total AND g.child_code = c.code
        """;

    /// <summary>The unit's own numbers (its whole subtree) and one row per direct child unit, in directory order.</summary>
    public async Task<(CoverageRow Total, IReadOnlyList<CoverageRow> Children)> CoverAsync(AdminUnit unit, CancellationToken cancellationToken)
    {
        var children = units.ChildrenOf(unit.Code);
        var today = VietnamTime.Today(time);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CoverageRow>(new CommandDefinition(Sql, new
        {
            scope = unit.Path,
            unitCode = unit.Code,
            today,
            since = WindowStart(today),
            childCodes = children.Select(c => c.Code).ToArray(),
        }, cancellationToken: cancellationToken))).ToList();

        var byCode = rows.Where(r => !r.IsTotal).ToDictionary(r => r.UnitCode, StringComparer.Ordinal);
        return (rows.Single(r => r.IsTotal), children.Select(c => byCode[c.Code]).ToList());
    }

    /// <summary>The first day of the 12-month window ending today: an inspection completed on this day still counts.</summary>
    public static DateOnly WindowStart(DateOnly today) => today.AddMonths(-12);
}
