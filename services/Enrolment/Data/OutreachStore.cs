using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>A recorded reason as stored (the latest row of a person is the one that applies).</summary>
public sealed class MissingReasonRow
{
    public string PersonRef { get; init; } = string.Empty;

    public string Reason { get; init; } = string.Empty;

    public string? Note { get; init; }

    public string RecordedBy { get; init; } = string.Empty;

    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A home visit as stored.</summary>
public sealed class VisitRow
{
    public Guid Id { get; init; }

    public string PersonRef { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public DateOnly PlannedOn { get; init; }

    public string? Note { get; init; }

    public string PlannedBy { get; init; } = string.Empty;

    public DateTimeOffset PlannedAt { get; init; }

    public DateOnly? VisitedOn { get; init; }

    public string? Outcome { get; init; }

    public string? OutcomeNote { get; init; }

    public string? RecordedBy { get; init; }
}

/// <summary>
/// The reasons and visits of missing persons, every read and write scoped by the commune's path in SQL. A person's
/// records belong to the commune they were recorded for.
/// </summary>
public sealed class OutreachStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string VisitColumns = """
        v.id, v.person_ref, v.commune_code, v.planned_on, v.note, v.planned_by, v.planned_at, v.visited_on, v.outcome,
        v.outcome_note, v.recorded_by
        """;

    public async Task<MissingReasonRow> SetReasonAsync(string personRef, NewMissingReason reason, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<MissingReasonRow>(new CommandDefinition("""
            INSERT INTO missing_reasons (id, person_ref, commune_code, commune_path, reason, note, recorded_by, recorded_at)
            VALUES (@id, @personRef, @code, @path::ltree, @Reason, @Note, @by, @now)
            RETURNING person_ref, reason, note, recorded_by, recorded_at
            """,
            new
            {
                id = Guid.CreateVersion7(), personRef, code = reason.Commune.Code, path = reason.Commune.Path, reason.Reason, reason.Note,
                by = caller.Username, now = time.GetUtcNow(),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>The reason that applies to each of the persons of <paramref name="communeCode"/> that have one, in the caller's scope.</summary>
    public async Task<Dictionary<string, MissingReasonRow>> CurrentReasonsAsync(
        UnitScope scope, string communeCode, IReadOnlyCollection<string> personRefs, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MissingReasonRow>(new CommandDefinition($"""
            SELECT DISTINCT ON (r.person_ref) r.person_ref, r.reason, r.note, r.recorded_by, r.recorded_at
            FROM missing_reasons r
            WHERE r.person_ref = ANY(@refs) AND r.commune_code = @communeCode AND {UnitScope.SqlCondition("r.commune_path")}
            ORDER BY r.person_ref, r.recorded_at DESC, r.id DESC
            """, new { refs = personRefs.ToArray(), communeCode, scope = scope.Path }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.PersonRef, StringComparer.Ordinal);
    }

    /// <summary>The reason that applies to every person of <paramref name="communeCode"/> that has one (to filter a missing list by reason).</summary>
    public async Task<Dictionary<string, string>> ReasonsOfCommuneAsync(UnitScope scope, string communeCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string PersonRef, string Reason)>(new CommandDefinition($"""
            SELECT DISTINCT ON (r.person_ref) r.person_ref, r.reason
            FROM missing_reasons r
            WHERE r.commune_code = @communeCode AND {UnitScope.SqlCondition("r.commune_path")}
            ORDER BY r.person_ref, r.recorded_at DESC, r.id DESC
            """, new { communeCode, scope = scope.Path }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.PersonRef, r => r.Reason, StringComparer.Ordinal);
    }

    /// <summary>The next visit not yet made of each of the persons (the earliest planned), in the caller's scope.</summary>
    public async Task<Dictionary<string, VisitRow>> NextVisitsAsync(
        UnitScope scope, string communeCode, IReadOnlyCollection<string> personRefs, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<VisitRow>(new CommandDefinition($"""
            SELECT DISTINCT ON (v.person_ref) {VisitColumns}
            FROM visits v
            WHERE v.person_ref = ANY(@refs) AND v.commune_code = @communeCode AND v.visited_on IS NULL
              AND {UnitScope.SqlCondition("v.commune_path")}
            ORDER BY v.person_ref, v.planned_on, v.id
            """, new { refs = personRefs.ToArray(), communeCode, scope = scope.Path }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.PersonRef, StringComparer.Ordinal);
    }

    /// <summary>Every visit of the person recorded for <paramref name="communeCode"/>, planned first-to-last, in the caller's scope.</summary>
    public async Task<IReadOnlyList<VisitRow>> ListVisitsAsync(UnitScope scope, string personRef, string communeCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<VisitRow>(new CommandDefinition($"""
            SELECT {VisitColumns} FROM visits v
            WHERE v.person_ref = @personRef AND v.commune_code = @communeCode AND {UnitScope.SqlCondition("v.commune_path")}
            ORDER BY v.planned_on, v.planned_at, v.id
            """, new { personRef, communeCode, scope = scope.Path }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<VisitRow> PlanVisitAsync(string personRef, NewVisit visit, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<VisitRow>(new CommandDefinition($"""
            INSERT INTO visits AS v (id, person_ref, commune_code, commune_path, planned_on, note, planned_by, planned_at)
            VALUES (@id, @personRef, @code, @path::ltree, @PlannedOn, @Note, @by, @now)
            RETURNING {VisitColumns}
            """,
            new
            {
                id = Guid.CreateVersion7(), personRef, code = visit.Commune.Code, path = visit.Commune.Path, visit.PlannedOn, visit.Note,
                by = caller.Username, now = time.GetUtcNow(),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>The visit when it lies in the caller's scope.</summary>
    public async Task<VisitRow?> FindVisitAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<VisitRow>(new CommandDefinition(
            $"SELECT {VisitColumns} FROM visits v WHERE v.id = @id AND {UnitScope.SqlCondition("v.commune_path")}",
            new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>Records what the visit found; null when it had been recorded already (a visit is recorded once).</summary>
    public async Task<VisitRow?> RecordVisitAsync(Guid id, VisitOutcome outcome, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<VisitRow>(new CommandDefinition($"""
            UPDATE visits v SET visited_on = @VisitedOn, outcome = @Outcome, outcome_note = @Note, recorded_by = @by, recorded_at = @now
            WHERE v.id = @id AND v.visited_on IS NULL
            RETURNING {VisitColumns}
            """,
            new { id, outcome.VisitedOn, outcome.Outcome, outcome.Note, by = caller.Username, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }
}
