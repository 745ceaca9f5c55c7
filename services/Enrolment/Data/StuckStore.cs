using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>A stuck application as read (personal data unmasked; the API masks it).</summary>
public sealed class StuckRow
{
    public string ApplicationCode { get; init; } = string.Empty;

    public string Stage { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public DateOnly Since { get; init; }

    public int DaysWaited { get; init; }

    public int ThresholdDays { get; init; }

    public string IdNumber { get; init; } = string.Empty;

    public string FullName { get; init; } = string.Empty;
}

/// <summary>The stuck counts of one unit (a child's subtree, or the unit's own rows).</summary>
public sealed class StuckCounts
{
    public string Key { get; init; } = string.Empty;

    public long AwaitingCard { get; init; }

    public long AwaitingHandover { get; init; }
}

/// <summary>
/// The applications stuck in a stage on a day (see <see cref="StuckThresholds"/>), read from the applications
/// themselves (the partial indexes of migration 0101 find the ones still waiting), scoped by unit path in SQL.
/// </summary>
public sealed class StuckStore(NpgsqlDataSource dataSource, StuckThresholds thresholds)
{
    /// <summary>
    /// The stuck application × stage pairs under <c>@unitPath</c> in <c>@scope</c>, each with the days waited on <c>@today</c>:
    /// parameters <c>@cardLine</c>, <c>@handoverLine</c>, <c>@cardDays</c>, <c>@handoverDays</c>, <c>@stage</c> (null: both).
    /// </summary>
    public static readonly string StuckSql = $"""
        SELECT a.code AS application_code, '{EnrolmentStages.ApplicationToCard}' AS stage, a.commune_code, a.received_on AS since,
               @today - a.received_on AS days_waited, @cardDays AS threshold_days, a.id_number, a.full_name, a.unit_path
        FROM applications a
        WHERE a.card_received_on IS NULL AND a.received_on < @cardLine
          AND (@stage::text IS NULL OR @stage = '{EnrolmentStages.ApplicationToCard}')
          AND a.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("a.unit_path")}
        UNION ALL
        SELECT a.code, '{EnrolmentStages.CardToHandover}', a.commune_code, a.card_received_on,
               @today - a.card_received_on, @handoverDays, a.id_number, a.full_name, a.unit_path
        FROM applications a
        WHERE a.card_received_on IS NOT NULL AND a.card_handed_on IS NULL AND a.card_received_on < @handoverLine
          AND (@stage::text IS NULL OR @stage = '{EnrolmentStages.CardToHandover}')
          AND a.unit_path <@ @unitPath::ltree AND {UnitScope.SqlCondition("a.unit_path")}
        """;

    /// <summary>The parameters of <see cref="StuckSql"/> for a unit's subtree in a scope on a day.</summary>
    public object Parameters(UnitScope scope, AdminUnit unit, DateOnly today, string? stage) => new
    {
        scope = scope.Path, unitPath = unit.Path, today, stage,
        cardLine = thresholds.CardLine(today), handoverLine = thresholds.HandoverLine(today),
        cardDays = thresholds.ApplicationToCardDays, handoverDays = thresholds.CardToHandoverDays,
    };

    /// <summary>The stuck applications of the unit's subtree, by commune then longest wait first.</summary>
    public async Task<PagedResult<StuckRow>> ListAsync(
        UnitScope scope, AdminUnit unit, string? stage, DateOnly today, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Parameters(scope, unit, today, stage));
        parameters.AddDynamicParams(new { limit = page.PageSize, offset = page.Offset });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM ({StuckSql}) s", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<StuckRow>(new CommandDefinition($"""
            SELECT application_code, stage, commune_code, since, days_waited, threshold_days, id_number, full_name
            FROM ({StuckSql}) s
            ORDER BY commune_code, days_waited DESC, application_code, stage
            LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return new PagedResult<StuckRow>(page.Page, page.PageSize, total, items.AsList());
    }

    /// <summary>
    /// The stuck counts under the unit, keyed by its child whose subtree they are in (or the unit's own code for rows of
    /// the unit itself, as a commune's are).
    /// </summary>
    public async Task<IReadOnlyList<StuckCounts>> CountsAsync(UnitScope scope, AdminUnit unit, DateOnly today, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(Parameters(scope, unit, today, stage: null));
        parameters.AddDynamicParams(new { depth = unit.Path.Split('.').Length, unitCode = unit.Code });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StuckCounts>(new CommandDefinition($"""
            SELECT CASE WHEN nlevel(unit_path) > @depth THEN ltree2text(subpath(unit_path, @depth, 1)) ELSE @unitCode END AS key,
                   count(*) FILTER (WHERE stage = '{EnrolmentStages.ApplicationToCard}') AS awaiting_card,
                   count(*) FILTER (WHERE stage = '{EnrolmentStages.CardToHandover}') AS awaiting_handover
            FROM ({StuckSql}) s
            GROUP BY 1
            """, parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
