using Dakla06.Contracts.AdminUnits;
using Dakla06.People;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>Living registry persons of a minimum age per commune, every commune of the unit listed (zero included).</summary>
public sealed record PopulationCount(long RegistryVersion, IReadOnlyList<(string CommuneCode, int Persons)> Communes)
{
    public long Total => Communes.Sum(c => (long)c.Persons);
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
}
