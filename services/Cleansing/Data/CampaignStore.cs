using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>A campaign as stored.</summary>
public sealed class StoredCampaign
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Dataset { get; init; } = string.Empty;

    public DateOnly Deadline { get; init; }

    public string UnitCode { get; init; } = string.Empty;

    public string[] TargetUnitCodes { get; init; } = [];

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether the campaign reaches <paramref name="unit"/>: the unit lies in one of its targets or holds one.</summary>
    public bool Reaches(AdminUnit unit) =>
        TargetUnitCodes.Select(AdminUnitDirectory.Default.Find).OfType<AdminUnit>().Any(target => target.Contains(unit) || unit.Contains(target));
}

/// <summary>Flagged and cleaned records under one unit path (a child unit of the unit asked about, or the unit itself).</summary>
public sealed class ProgressCount
{
    public string Path { get; init; } = string.Empty;

    public long Flagged { get; init; }

    public long Cleaned { get; init; }
}

public sealed record NewCampaign(Guid Id, string Name, string Dataset, DateOnly Deadline, string UnitCode, string UnitPath, IReadOnlyList<string> TargetUnitCodes, string CreatedBy);

/// <summary>Campaigns and their progress, computed from the records of the campaign's batches at read time.</summary>
public sealed class CampaignStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "c.id, c.name, c.dataset, c.deadline, c.unit_code, c.target_unit_codes, c.created_by, c.created_at";

    public async Task<StoredCampaign> CreateAsync(NewCampaign campaign, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<StoredCampaign>(new CommandDefinition(
            $"""
            INSERT INTO campaigns AS c (id, name, dataset, deadline, unit_code, unit_path, target_unit_codes, created_by, created_at)
            VALUES (@Id, @Name, @Dataset, @Deadline, @UnitCode, @UnitPath::ltree, @targets, @CreatedBy, @at)
            RETURNING {Columns}
            """,
            new
            {
                campaign.Id, campaign.Name, campaign.Dataset, campaign.Deadline, campaign.UnitCode, campaign.UnitPath,
                targets = campaign.TargetUnitCodes.ToArray(), campaign.CreatedBy, at = time.GetUtcNow().UtcDateTime,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Campaigns of the caller's unit, of units below it and of units above it (a province campaign reaches every commune).</summary>
    public async Task<IReadOnlyList<StoredCampaign>> ListAsync(UnitScope scope, string? dataset, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredCampaign>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM campaigns c
            WHERE {UnitScope.SqlConditionInScopeOrAbove("c.unit_path")} AND (@dataset::text IS NULL OR c.dataset = @dataset)
            ORDER BY c.deadline DESC, c.created_at DESC, c.id
            LIMIT 500
            """,
            new { scope = scope.Path, dataset }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<StoredCampaign?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredCampaign>(new CommandDefinition(
            $"SELECT {Columns} FROM campaigns c WHERE c.id = @id AND {UnitScope.SqlConditionInScopeOrAbove("c.unit_path")}",
            new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Flagged (class other than matched) and cleaned records of the campaign's batches under <paramref name="unitPath"/>
    /// and in the caller's scope, grouped by the child unit of <paramref name="unitPath"/> the batch belongs to — one query.
    /// A batch of the unit itself is grouped under the unit's own path. Cancelled and failed batches do not count (their
    /// records are re-uploaded in a new batch).
    /// </summary>
    public async Task<IReadOnlyList<ProgressCount>> ProgressAsync(UnitScope scope, Guid campaignId, string unitPath, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProgressCount>(new CommandDefinition(
            $"""
            SELECT CASE WHEN nlevel(b.unit_path) > nlevel(@unit::ltree) THEN subpath(b.unit_path, 0, nlevel(@unit::ltree) + 1) ELSE b.unit_path END::text AS path,
                   count(*) AS flagged,
                   count(*) FILTER (WHERE r.cleaned) AS cleaned
              FROM batches b
              JOIN batch_records r ON r.batch_id = b.id AND r.class <> 'matched'
             WHERE b.campaign_id = @campaignId AND b.status NOT IN ('cancelled', 'failed')
               AND b.unit_path <@ @unit::ltree AND {UnitScope.SqlCondition("b.unit_path")}
             GROUP BY 1
            """,
            new { campaignId, unit = unitPath, scope = scope.Path }, commandTimeout: 120, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
