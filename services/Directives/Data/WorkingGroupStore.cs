using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Directives.Data;

/// <summary>A unit's working-group record as stored.</summary>
public sealed class WorkingGroupRow
{
    public string UnitCode { get; init; } = string.Empty;

    public bool Established { get; init; }

    public string? DecisionNumber { get; init; }

    public DateOnly? DecisionDate { get; init; }

    public bool RegulationIssued { get; init; }

    public int? VillageCount { get; init; }

    public int? VillagesEstablished { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    public string UpdatedByName { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Validated values of a working-group update.</summary>
public sealed record WorkingGroupUpdate(
    bool Established, string? DecisionNumber, DateOnly? DecisionDate, bool RegulationIssued, int? VillageCount, int? VillagesEstablished);

/// <summary>Working-group records; reads are scoped by the unit path in SQL.</summary>
public sealed class WorkingGroupStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = """
        unit_code, established, decision_number, decision_date, regulation_issued, village_count, villages_established,
        updated_by, updated_by_name, updated_at
        """;

    /// <summary>Records of units in the subtree of <paramref name="unit"/> (at most the 200 units of the province).</summary>
    public async Task<IReadOnlyDictionary<string, WorkingGroupRow>> ListAsync(AdminUnit unit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkingGroupRow>(new CommandDefinition(
            $"SELECT {Columns} FROM working_groups WHERE {UnitScope.SqlCondition()}",
            new { scope = unit.Path }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.UnitCode, StringComparer.Ordinal);
    }

    /// <summary>Creates or replaces the unit's record.</summary>
    public async Task<WorkingGroupRow> UpsertAsync(AdminUnit unit, WorkingGroupUpdate update, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<WorkingGroupRow>(new CommandDefinition(
            $"""
            INSERT INTO working_groups (unit_code, unit_path, established, decision_number, decision_date, regulation_issued,
                                        village_count, villages_established, updated_by, updated_by_name, updated_at)
            VALUES (@unitCode, @unitPath::ltree, @Established, @DecisionNumber, @DecisionDate, @RegulationIssued,
                    @VillageCount, @VillagesEstablished, @updatedBy, @updatedByName, @now)
            ON CONFLICT (unit_code) DO UPDATE SET
                established = excluded.established, decision_number = excluded.decision_number,
                decision_date = excluded.decision_date, regulation_issued = excluded.regulation_issued,
                village_count = excluded.village_count, villages_established = excluded.villages_established,
                updated_by = excluded.updated_by, updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at
            RETURNING {Columns}
            """,
            new
            {
                unitCode = unit.Code, unitPath = unit.Path, update.Established, update.DecisionNumber, update.DecisionDate,
                update.RegulationIssued, update.VillageCount, update.VillagesEstablished,
                updatedBy = caller.Username, updatedByName = caller.DisplayName, now = time.GetUtcNow().UtcDateTime,
            },
            cancellationToken: cancellationToken));
    }
}
