using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Persistence;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Inspections.Data;

/// <summary>An information system as stored, with the date of its latest completed inspection.</summary>
public sealed class SystemRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public int SecurityLevel { get; init; }

    public string OwnerUnitCode { get; init; } = string.Empty;

    public bool Cleared { get; init; }

    public string ReadinessReason { get; init; } = string.Empty;

    public string ReadinessKind { get; init; } = string.Empty;

    public DateTimeOffset ReadinessChangedAt { get; init; }

    public DateOnly? LastInspectedOn { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record ReadinessChangeRow(bool Cleared, string Reason, string Kind, DateTimeOffset At, DateOnly EffectiveOn);

/// <summary>A system with its readiness history and its inspections.</summary>
public sealed record SystemDetails(SystemRow System, IReadOnlyList<ReadinessChangeRow> History, IReadOnlyList<InspectionSummaryRow> Inspections);

/// <summary>Filters of the system list; all optional. <see cref="UnitPath"/> narrows to an owner unit and the units below it.</summary>
public sealed record SystemFilter(string? Text, string? UnitPath, bool? Cleared);

public enum CreateSystemOutcome
{
    Created,
    DuplicateName,
}

/// <summary>Dapper queries for information systems, scoped in SQL by the owner unit's path.</summary>
public sealed class SystemStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = """
        s.id, s.name, s.kind, s.security_level, s.owner_unit_code, s.cleared, s.readiness_reason, s.readiness_kind, s.readiness_changed_at,
        (SELECT max(i.completed_on) FROM inspections i WHERE i.target_type = 'system' AND i.target_id = s.id AND i.status = 'completed') AS last_inspected_on,
        s.created_by, s.created_at
        """;

    private static readonly string ListFilter = $"""
        WHERE {UnitScope.SqlCondition("s.unit_path")}
          AND (@unitPath::ltree IS NULL OR s.unit_path <@ @unitPath::ltree)
          AND (@cleared::boolean IS NULL OR s.cleared = @cleared)
          AND (@text::text IS NULL OR s.name ILIKE '%' || @text || '%')
        """;

    /// <summary>
    /// Registers a system with its initial readiness (not cleared: no completed inspection yet) and the first row of
    /// its readiness history. No event: a system nobody heard of is already "not cleared" for every listener.
    /// </summary>
    public async Task<(CreateSystemOutcome Outcome, Guid Id)> CreateAsync(NewSystem system, Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        var initial = ReadinessRecorder.Initial();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO systems (id, name, kind, security_level, owner_unit_code, unit_path, cleared, readiness_reason, readiness_kind,
                                 readiness_changed_at, created_by, created_by_name, created_at)
            VALUES (@id, @name, @kind, @securityLevel, @unitCode, @unitPath::ltree, @cleared, @reason, @readinessKind, @now, @by, @byName, @now)
            ON CONFLICT (owner_unit_code, lower(name)) DO NOTHING
            """,
            new
            {
                id, name = system.Name, kind = system.Kind, securityLevel = system.SecurityLevel, unitCode = system.OwnerUnit.Code,
                unitPath = system.OwnerUnit.Path, cleared = initial.Cleared, reason = initial.Reason, readinessKind = initial.Kind, now = now.UtcDateTime,
                by = caller.Username, byName = caller.DisplayName,
            },
            transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (CreateSystemOutcome.DuplicateName, Guid.Empty);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO readiness_changes (system_id, cleared, reason, kind, at, effective_on) VALUES (@id, @cleared, @reason, @kind, @now, @today)",
            new { id, cleared = initial.Cleared, reason = initial.Reason, kind = initial.Kind, now = now.UtcDateTime, today = VietnamTime.Today(time) },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (CreateSystemOutcome.Created, id);
    }

    /// <summary>Systems owned by units in the caller's scope, by owner unit then name.</summary>
    public async Task<PagedResult<SystemRow>> ListAsync(UnitScope scope, SystemFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            scope = scope.Path, unitPath = filter.UnitPath, cleared = filter.Cleared,
            text = SqlText.Like(filter.Text), limit = page.PageSize, offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SystemRow, long, (SystemRow Row, long Total)>(
            new CommandDefinition(
                $"SELECT {Columns}, count(*) OVER () AS total FROM systems s {ListFilter} ORDER BY s.unit_path, s.name, s.id LIMIT @limit OFFSET @offset",
                parameters, cancellationToken: cancellationToken),
            (row, total) => (row, total), splitOn: "total")).ToList();
        var total = rows.Count > 0 ? rows[0].Total
            : page.Page == 1 ? 0
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM systems s {ListFilter}", parameters, cancellationToken: cancellationToken));
        return new PagedResult<SystemRow>(page.Page, page.PageSize, total, rows.Select(r => r.Row).ToList());
    }

    /// <summary>One system with its readiness history and inspections when the caller may see it; null otherwise (404).</summary>
    public async Task<SystemDetails?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var system = await connection.QuerySingleOrDefaultAsync<SystemRow>(new CommandDefinition(
            $"SELECT {Columns} FROM systems s WHERE s.id = @id AND {UnitScope.SqlCondition("s.unit_path")}",
            new { id, scope = caller.Scope.Path }, cancellationToken: cancellationToken));
        if (system is null)
        {
            return null;
        }

        var history = (await connection.QueryAsync<ReadinessChangeRow>(new CommandDefinition(
            "SELECT cleared, reason, kind, at, effective_on FROM readiness_changes WHERE system_id = @id ORDER BY at, id",
            new { id }, cancellationToken: cancellationToken))).ToList();
        var inspections = await InspectionStore.ListSummariesAsync(
            connection, caller, new InspectionFilter(TargetTypes.System, id, null), new PageRequest(1, PageRequest.MaxPageSize), cancellationToken);
        return new SystemDetails(system, history, inspections.Items);
    }
}
