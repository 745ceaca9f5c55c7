using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Data;

/// <summary>The stored validation rules of the dossier import (seeded by migration 0004).</summary>
public sealed class ValidationRuleStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every rule: the format and scope rules first, then the data rules, each group by code.</summary>
    public async Task<IReadOnlyList<ValidationRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ValidationRule>(new CommandDefinition(
            "SELECT code, description, severity, enabled, adjustable FROM validation_rules ORDER BY adjustable, code", cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
