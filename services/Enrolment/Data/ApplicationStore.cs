using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Enrolment.Data;

/// <summary>An application as stored.</summary>
public sealed class ApplicationRow
{
    public string Code { get; init; } = string.Empty;

    public string IdNumber { get; init; } = string.Empty;

    public string FullName { get; init; } = string.Empty;

    public DateOnly BirthDate { get; init; }

    public string Gender { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public DateOnly ReceivedOn { get; init; }

    public string Channel { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public bool WithEid2 { get; init; }

    public DateOnly? CardReceivedOn { get; init; }

    public DateOnly? CardHandedOn { get; init; }
}

public sealed class ApplicationStore(NpgsqlDataSource dataSource)
{
    /// <summary>The application, when its commune lies in the caller's scope.</summary>
    public async Task<ApplicationRow?> FindAsync(UnitScope scope, string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            SELECT code, id_number, full_name, birth_date, gender, commune_code, received_on, channel, kind, with_eid2, card_received_on, card_handed_on
            FROM applications WHERE code = @code AND {UnitScope.SqlCondition()}
            """, new { code, scope = scope.Path }, cancellationToken: cancellationToken));
    }
}
