using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Persistence;
using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Statistics.Data;

/// <summary>A procedure level as stored.</summary>
public sealed class ProcedureRow
{
    public string Code { get; init; } = string.Empty;

    public DateOnly EffectiveFrom { get; init; }

    public string Name { get; init; } = string.Empty;

    public string AdministrativeLevel { get; init; } = string.Empty;

    public string Sector { get; init; } = string.Empty;

    public string OnlineLevel { get; init; } = string.Empty;

    public short? EssentialService { get; init; }

    public bool HasFee { get; init; }
}

/// <summary>Filters of the catalogue; <see cref="AsOf"/> keeps each procedure's level in force that day.</summary>
public sealed record ProcedureFilter(string? Text, string? AdministrativeLevel, string? OnlineLevel, DateOnly? AsOf);

/// <summary>What a catalogue import did with its valid lines.</summary>
public sealed record ProcedureImportOutcome(int Inserted, int Updated, int Unchanged);

/// <summary>The procedure catalogue and its level history (the province's: not scoped by unit).</summary>
public sealed class ProcedureStore(NpgsqlDataSource dataSource)
{
    private const string Upsert = """
        WITH upserted AS (
            INSERT INTO procedures AS p (code, effective_from, name, administrative_level, sector, online_level, essential_service, has_fee, updated_by)
            SELECT code, effective_from, name, administrative_level, sector, online_level, essential_service, has_fee, @user
            FROM procedure_stage
            ON CONFLICT (code, effective_from) DO UPDATE
                SET name = excluded.name, administrative_level = excluded.administrative_level, sector = excluded.sector,
                    online_level = excluded.online_level, essential_service = excluded.essential_service, has_fee = excluded.has_fee,
                    updated_by = excluded.updated_by, updated_at = now()
                WHERE (p.name, p.administrative_level, p.sector, p.online_level, p.essential_service, p.has_fee)
                      IS DISTINCT FROM (excluded.name, excluded.administrative_level, excluded.sector, excluded.online_level, excluded.essential_service, excluded.has_fee)
            RETURNING xmax = 0 AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted
        """;

    /// <summary>Upserts the levels by (code, effective date); a line equal to what is stored is unchanged.</summary>
    public async Task<ProcedureImportOutcome> ImportAsync(IReadOnlyList<ProcedureLevel> levels, string username, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE procedure_stage (code text, effective_from date, name text, administrative_level text, sector text,
                online_level text, essential_service smallint, has_fee boolean) ON COMMIT DROP
            """, transaction: transaction);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY procedure_stage (code, effective_from, name, administrative_level, sector, online_level, essential_service, has_fee) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var level in levels)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(level.Code, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(level.EffectiveFrom, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(level.Name, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(level.AdministrativeLevel, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(level.Sector, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(level.OnlineLevel, NpgsqlDbType.Text, cancellationToken);
                if (level.EssentialService is { } number)
                {
                    await copy.WriteAsync((short)number, NpgsqlDbType.Smallint, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await copy.WriteAsync(level.HasFee, NpgsqlDbType.Boolean, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var (inserted, updated) = await connection.QuerySingleAsync<(int, int)>(Upsert, new { user = username }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new ProcedureImportOutcome(inserted, updated, levels.Count - inserted - updated);
    }

    /// <summary>The codes of every procedure in the catalogue (a dossier must name one).</summary>
    public async Task<HashSet<string>> CodesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var codes = await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT code FROM procedures", cancellationToken: cancellationToken));
        return codes.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Procedure levels by code, then effective date (every level, or the one in force on <c>asOf</c>).</summary>
    public async Task<PagedResult<ProcedureRow>> ListAsync(ProcedureFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        const string Filtered = """
            SELECT p.* FROM procedures p
            WHERE (@asOf::date IS NULL OR p.effective_from = (
                       SELECT max(h.effective_from) FROM procedures h WHERE h.code = p.code AND h.effective_from <= @asOf::date))
              AND (@text::text IS NULL OR p.code ILIKE '%' || @text || '%' OR p.name ILIKE '%' || @text || '%')
              AND (@administrativeLevel::text IS NULL OR p.administrative_level = @administrativeLevel)
              AND (@onlineLevel::text IS NULL OR p.online_level = @onlineLevel)
            """;
        var parameters = new
        {
            asOf = filter.AsOf,
            text = SqlText.Like(filter.Text),
            administrativeLevel = filter.AdministrativeLevel,
            onlineLevel = filter.OnlineLevel,
            limit = page.PageSize,
            offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT count(*) FROM ({Filtered}) f", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<ProcedureRow>(new CommandDefinition(
            $"{Filtered} ORDER BY p.code, p.effective_from LIMIT @limit OFFSET @offset", parameters, cancellationToken: cancellationToken));
        return new PagedResult<ProcedureRow>(page.Page, page.PageSize, total, items.ToList());
    }
}
