using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.ServiceDefaults.Targets;

/// <summary>A target as stored.</summary>
public sealed class TargetRow
{
    public Guid Id { get; init; }

    public string Indicator { get; init; } = string.Empty;

    public string? UnitCode { get; init; }

    public string? Level { get; init; }

    public DateOnly PeriodFrom { get; init; }

    public DateOnly PeriodTo { get; init; }

    public decimal Threshold { get; init; }

    public string Direction { get; init; } = string.Empty;

    public string Document { get; init; } = string.Empty;

    public string SetByUnitCode { get; init; } = string.Empty;

    public string UpdatedBy { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// Targets (the <c>targets</c> table of a service that has them): upserted by (indicator, unit or level, from, to), listed for a unit's subtree in the caller's scope, and
/// looked up for the indicators answer. A unit target is read in scope by its unit's path; a level-wide target is the
/// province's and every official may read it.
/// </summary>
public sealed class TargetStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The columns of a <see cref="TargetRow"/>, of the table aliased <c>t</c>.</summary>
    public const string Columns = """
        t.id, t.indicator, t.unit_code, t.level, t.period_from, t.period_to, t.threshold, t.direction, t.document,
        t.set_by_unit_code, t.updated_by, t.updated_at
        """;

    // Visible to the caller: a unit target in scope, or any level-wide target.
    private static readonly string Visible = $"(t.level IS NOT NULL OR {UnitScope.SqlCondition("t.unit_path")})";

    /// <summary>Stores the target (a new one, or the one with its key changed); asks the shortfall job to evaluate it again.</summary>
    public async Task<TargetRow> UpsertAsync(NewTarget target, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<TargetRow>(new CommandDefinition($"""
            INSERT INTO targets AS t (id, indicator, unit_code, level, unit_path, period_from, period_to, threshold, direction, document,
                                     set_by_unit_code, updated_by, updated_at)
            VALUES (@id, @Indicator, @unitCode, @Level, @unitPath::ltree, @From, @To, @Threshold, @Direction, @Document,
                    @setBy, @updatedBy, @now)
            ON CONFLICT ON CONSTRAINT ux_targets_key DO UPDATE
                SET threshold = EXCLUDED.threshold, direction = EXCLUDED.direction, document = EXCLUDED.document,
                    set_by_unit_code = EXCLUDED.set_by_unit_code, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
                    evaluate_requested = true
            RETURNING {Columns}
            """,
            new
            {
                id = Guid.CreateVersion7(), target.Indicator, unitCode = target.Unit?.Code, target.Level,
                unitPath = (target.Unit ?? caller.Unit).Path, target.From, target.To, target.Threshold, target.Direction, target.Document,
                setBy = caller.Unit.Code, updatedBy = caller.Username, now = time.GetUtcNow(),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The targets that apply to <paramref name="unit"/> and the units below it, in the caller's scope: those of units in
    /// its subtree and the level-wide ones of its level and the levels below.
    /// </summary>
    public async Task<PagedResult<TargetRow>> ListAsync(
        UnitScope scope, AdminUnit unit, string? indicator, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"""
            WHERE ((t.unit_code IS NOT NULL AND t.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("t.unit_path")})
                   OR t.level = ANY(@levels))
              AND (@indicator::text IS NULL OR t.indicator = @indicator)
            """;
        var parameters = new
        {
            unitPath = unit.Path, scope = scope.Path, indicator,
            levels = TargetLevelsFrom(unit.Level), limit = page.PageSize, offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*) FROM targets t {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<TargetRow>(new CommandDefinition($"""
            SELECT {Columns} FROM targets t {where}
            ORDER BY t.indicator, t.period_from DESC, t.period_to, t.unit_path, t.level, t.id
            LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return new PagedResult<TargetRow>(page.Page, page.PageSize, total, items.ToList());
    }

    /// <summary>The target when the caller may see it.</summary>
    public async Task<TargetRow?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(
            $"SELECT {Columns} FROM targets t WHERE t.id = @id AND {Visible}", new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// For each unit, per indicator, the target that answers for a period ending on <paramref name="asOf"/> (see <see cref="TargetRules"/>).
    /// </summary>
    public async Task<Dictionary<(string Unit, string Indicator), TargetRow>> ApplyingAsync(
        IReadOnlyCollection<AdminUnit> units, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<string, TargetRow, (string ForUnit, TargetRow Target)>(new CommandDefinition($"""
            SELECT DISTINCT ON (u.code, t.indicator) u.code AS for_unit, {Columns}
            FROM unnest(@codes::text[], @levels::text[]) AS u (code, level)
            JOIN targets t ON t.unit_code = u.code OR t.level = u.level
            WHERE t.period_from <= @asOf AND t.period_to >= @asOf
            ORDER BY u.code, t.indicator, t.unit_code IS NULL, t.period_from DESC, t.period_to
            """,
            new { codes = units.Select(u => u.Code).ToArray(), levels = units.Select(u => TargetRules.LevelName(u.Level)).ToArray(), asOf },
            cancellationToken: cancellationToken),
            (forUnit, target) => (forUnit, target), splitOn: "id");
        return rows.ToDictionary(r => (r.ForUnit, r.Target.Indicator), r => r.Target);
    }

    /// <summary>Asks the shortfall job to evaluate every target again (fresh data arrived).</summary>
    public async Task RequestEvaluationAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE targets SET evaluate_requested = true WHERE NOT evaluate_requested", cancellationToken: cancellationToken));
    }

    /// <summary>The target levels at and below a unit's level (a district's subtree has district and commune targets).</summary>
    private static string[] TargetLevelsFrom(AdminLevel level) =>
        [.. Enum.GetValues<AdminLevel>().Where(l => l >= level).Select(TargetRules.LevelName)];
}
