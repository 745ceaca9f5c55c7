using Dakla06.Cleansing.Quality;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Messaging;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>A commune's share of an assignment as stored.</summary>
public sealed class StoredAssignedCommune
{
    public Guid AssignmentId { get; init; }

    public string Category { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public DateOnly DueOn { get; init; }

    public string AssignedBy { get; init; } = string.Empty;

    public DateTimeOffset AssignedAt { get; init; }

    public int Total { get; init; }

    public int Closed { get; init; }

    public int Open { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

public sealed record NewAssignment(Guid Id, string Category, AdminUnit Unit, DateOnly DueOn, string AssignedBy);

/// <summary>The communes that got a task, and those skipped because their task of the category is still open.</summary>
public sealed record AssignmentResult(IReadOnlyList<StoredAssignedCommune> Assigned, IReadOnlyList<StoredAssignedCommune> AlreadyAssigned);

/// <summary>
/// Registry-quality assignments: the communes' shares, written with their <see cref="RegistryQualityTaskAssigned"/> events in
/// one transaction (the outbox), so a commune row exists exactly when its task is on its way to directive tracking.
/// </summary>
public sealed class QualityAssignmentStore(NpgsqlDataSource dataSource, Outbox outbox, QualitySettings settings, TimeProvider time)
{
    private const string Columns = """
        c.assignment_id, c.category, c.commune_code, a.due_on, a.assigned_by, c.assigned_at, c.total, c.closed, c.open, c.completed_at
        """;

    /// <summary>
    /// A share for every commune under the unit with open items of the category and no open task of it (the partial
    /// unique index decides, also between two officers at once), and its event.
    /// </summary>
    public async Task<AssignmentResult> AssignAsync(NewAssignment assignment, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var parameters = new
        {
            assignment.Id, assignment.Category, unitCode = assignment.Unit.Code, unitPath = assignment.Unit.Path, assignment.DueOn,
            assignment.AssignedBy, now = now.UtcDateTime,
        };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO quality_assignments (id, category, unit_code, unit_path, due_on, assigned_by, assigned_at)
            VALUES (@Id, @Category, @unitCode, @unitPath::ltree, @DueOn, @AssignedBy, @now)
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO quality_assignment_communes (assignment_id, commune_code, unit_path, category, assigned_at, total, closed, open, published_at)
            SELECT @Id, i.commune_code, min(i.unit_path::text)::ltree, @Category, @now, count(*), 0, count(*), @now
              FROM quality_items i
             WHERE i.category = @Category AND i.status = 'open' AND i.unit_path <@ @unitPath::ltree
             GROUP BY i.commune_code
            ON CONFLICT (category, commune_code) WHERE completed_at IS NULL DO NOTHING
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        var communes = (await connection.QueryAsync<StoredAssignedCommune>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM quality_assignment_communes c JOIN quality_assignments a ON a.id = c.assignment_id
             WHERE c.category = @Category AND c.unit_path <@ @unitPath::ltree AND c.completed_at IS NULL
             ORDER BY c.unit_path
            """,
            parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var assigned = communes.Where(c => c.AssignmentId == assignment.Id).ToList();
        foreach (var commune in assigned)
        {
            await outbox.AddAsync(new RegistryQualityTaskAssigned(
                Guid.CreateVersion7(), now, commune.CommuneCode, assignment.Id, assignment.Category, settings.NameOf(assignment.Category),
                assignment.Unit.Code, assignment.DueOn, commune.Total, commune.Open, assignment.AssignedBy), transaction, cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        return new AssignmentResult(assigned, [.. communes.Where(c => c.AssignmentId != assignment.Id)]);
    }

    /// <summary>Communes' shares under <paramref name="unitPath"/> in the caller's scope: open ones first, newest first.</summary>
    public async Task<(long Total, IReadOnlyList<StoredAssignedCommune> Items)> ListAsync(
        UnitScope scope, string unitPath, string? category, bool? open, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        const string where = """
            c.unit_path <@ @unitPath::ltree AND c.unit_path <@ @scope::ltree
            AND (@category::text IS NULL OR c.category = @category)
            AND (@open::boolean IS NULL OR (c.completed_at IS NULL) = @open)
            """;
        var parameters = new { unitPath, scope = scope.Path, category, open, limit = page.PageSize, offset = page.Offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM quality_assignment_communes c WHERE {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<StoredAssignedCommune>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM quality_assignment_communes c JOIN quality_assignments a ON a.id = c.assignment_id
             WHERE {where}
             ORDER BY c.completed_at IS NULL DESC, c.assigned_at DESC, c.unit_path, c.category
             LIMIT @limit OFFSET @offset
            """,
            parameters, cancellationToken: cancellationToken));
        return (total, items.ToList());
    }
}
