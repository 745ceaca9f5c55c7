using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>A level-2 account not activated, with what the applications know of its holder (unmasked; the API masks).</summary>
public sealed class UnactivatedAccountRow
{
    public string PersonRef { get; init; } = string.Empty;

    public string IdNumber { get; init; } = string.Empty;

    public string? FullName { get; init; }

    public DateOnly? BirthDate { get; init; }

    public string? Gender { get; init; }
}

/// <summary>What enrolment itself knows of a commune's missing persons: its applicants, and its level-2 accounts not activated.</summary>
public sealed class MissingStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The commune's level-2 accounts not activated (in the caller's scope), oldest registration first, with the reason
    /// filter of <see cref="MissingQuery"/> (a reason, <c>none</c>, or null for all); each holder gets a person reference
    /// the first time it is listed.
    /// </summary>
    public async Task<PagedResult<UnactivatedAccountRow>> UnactivatedLevel2Async(
        UnitScope scope, AdminUnit commune, string? reason, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new { commune = commune.Code, scope = scope.Path, reason, limit = page.PageSize, offset = page.Offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO person_refs (id_number, person_ref)
            SELECT e.id_number, 'e-' || replace(gen_random_uuid()::text, '-', '') FROM eid_accounts e WHERE {Unactivated}
            ON CONFLICT (id_number) DO NOTHING
            """, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) {Listed}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<UnactivatedAccountRow>(new CommandDefinition($"""
            SELECT r.person_ref, e.id_number, holder.full_name, holder.birth_date, holder.gender
            {Listed}
            ORDER BY e.registered_on, e.id_number
            LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return new PagedResult<UnactivatedAccountRow>(page.Page, page.PageSize, total, items.AsList());
    }

    private static readonly string Unactivated =
        $"e.level = 2 AND e.activated_on IS NULL AND e.commune_code = @commune AND {UnitScope.SqlCondition("e.unit_path")}";

    // The holder's name and birth date come from their latest application, when they have one.
    private static readonly string Listed = $"""
        FROM eid_accounts e
        JOIN person_refs r ON r.id_number = e.id_number
        LEFT JOIN LATERAL (
            SELECT a.full_name, a.birth_date, a.gender FROM applications a WHERE a.id_number = e.id_number
            ORDER BY a.received_on DESC, a.code LIMIT 1) holder ON true
        LEFT JOIN LATERAL (
            SELECT m.reason FROM missing_reasons m WHERE m.person_ref = r.person_ref AND m.commune_code = @commune
            ORDER BY m.recorded_at DESC, m.id DESC LIMIT 1) cur ON true
        WHERE {Unactivated}
          AND (@reason::text IS NULL OR (@reason = '{MissingReasonFilter.None}' AND cur.reason IS NULL) OR cur.reason = @reason)
        """;

    /// <summary>The distinct ID numbers of the commune's applicants (what cleansing leaves out of the registry's list).</summary>
    public async Task<IReadOnlyList<string>> ApplicantIdNumbersAsync(UnitScope scope, AdminUnit commune, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT DISTINCT a.id_number FROM applications a
            WHERE a.commune_code = @commune AND {UnitScope.SqlCondition("a.unit_path")}
            """, new { commune = commune.Code, scope = scope.Path }, cancellationToken: cancellationToken))).AsList();
    }
}

/// <summary>The reason filter of the missing lists: a reason of <see cref="MissingReasons"/>, or <see cref="None"/> for persons without one.</summary>
public static class MissingReasonFilter
{
    public const string None = "none";
}
