using Dakla06.Contracts.AdminUnits;
using Dakla06.People;
using Dakla06.ServiceDefaults.Http;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>Living registry persons of a minimum age per commune, every commune of the unit listed (zero included).</summary>
public sealed record PopulationCount(long RegistryVersion, IReadOnlyList<(string CommuneCode, int Persons)> Communes)
{
    public long Total => Communes.Sum(c => (long)c.Persons);
}

/// <summary>A living registry person as the not-listed list shows it (unmasked; the API masks), with the list's total.</summary>
public sealed class PersonRow
{
    public string IdNumber { get; init; } = string.Empty;

    public string FullName { get; init; } = string.Empty;

    public DateOnly DateOfBirth { get; init; }

    public string Gender { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public string HouseholdId { get; init; } = string.Empty;

    public bool IsHouseholdHead { get; init; }

    /// <summary>Rows of the whole list (every row of a page carries it).</summary>
    public long Total { get; init; }
}

/// <summary>
/// Counts of the registry's living persons aged 14+ per commune: the population enrolment must reach. One grouped
/// scan of the persons table (about a second for the province's two million), read together with the registry
/// version in one repeatable-read snapshot so the two agree.
/// </summary>
public sealed class PopulationStore(NpgsqlDataSource dataSource)
{
    /// <summary>The counts for the communes of <paramref name="unit"/> on <paramref name="asOf"/>.</summary>
    public async Task<PopulationCount> CountAsync(AdminUnit unit, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var count = await CountAsync(transaction, unit, asOf, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>The counts inside the caller's transaction (the publisher counts and writes its event in one).</summary>
    public static async Task<PopulationCount> CountAsync(NpgsqlTransaction transaction, AdminUnit unit, DateOnly asOf, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT version FROM registry_state WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<(string CommuneCode, long Persons)>(new CommandDefinition(
            """
            SELECT commune_code, count(*) FROM persons
             WHERE status = 'alive' AND date_of_birth <= @latestBirth AND unit_path <@ @scope::ltree
             GROUP BY commune_code
            """,
            new { latestBirth = Ages.LatestBirthDate(asOf, Ages.IdCardAge), scope = unit.Path },
            transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        var counted = rows.ToDictionary(r => r.CommuneCode, r => (int)r.Persons, StringComparer.Ordinal);
        var communes = AdminUnitDirectory.Default.All
            .Where(u => u.Level == AdminLevel.Commune && unit.Contains(u))
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => (u.Code, counted.GetValueOrDefault(u.Code)))
            .ToList();
        return new PopulationCount(version, communes);
    }

    /// <summary>The commune's living persons of the age, less the listed ones; parameters of <see cref="ListNotListedAsync"/>.</summary>
    private const string NotListed = """
        FROM persons p
        WHERE p.commune_code = @communeCode AND p.status = 'alive' AND p.date_of_birth <= @latestBirth
          AND NOT EXISTS (SELECT 1 FROM unnest(@listed::text[]) AS l(id_number) WHERE l.id_number = p.id_number)
        """;

    /// <summary>
    /// A page of the commune's living persons aged <paramref name="minimumAge"/>+ on <paramref name="asOf"/> whose ID
    /// number is not in <paramref name="listed"/>, by household (head first) then ID number. The list joins as an
    /// array (a hash anti-join, whatever its length); the commune is a filter of one scan, as persons carry no index
    /// but their key (see 0001_registry.sql).
    /// </summary>
    public async Task<PagedResult<PersonRow>> ListNotListedAsync(
        string communeCode, DateOnly asOf, int minimumAge, IReadOnlyCollection<string> listed, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            communeCode, latestBirth = Ages.LatestBirthDate(asOf, minimumAge), listed = listed.ToArray(), limit = page.PageSize, offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<PersonRow>(new CommandDefinition(
            $"""
            SELECT p.id_number, p.full_name, p.date_of_birth, p.gender, p.commune_code, p.household_id, p.is_household_head, count(*) OVER () AS total
            {NotListed}
            ORDER BY p.household_id, p.is_household_head DESC, p.id_number
            LIMIT @limit OFFSET @offset
            """,
            parameters, commandTimeout: 120, cancellationToken: cancellationToken))).AsList();
        // A page past the end has no row to carry the total; it is then counted alone.
        var total = rows.Count > 0 ? rows[0].Total : page.Offset == 0 ? 0 : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) {NotListed}", parameters, commandTimeout: 120, cancellationToken: cancellationToken));
        return new PagedResult<PersonRow>(page.Page, page.PageSize, total, rows);
    }
}
