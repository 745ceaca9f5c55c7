using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Domain;
using Dapper;
using Npgsql;

namespace Dakla06.Statistics.Data;

/// <summary>An import job as stored.</summary>
public sealed class ImportRow
{
    public Guid Id { get; init; }

    public string Source { get; init; } = string.Empty;

    public string FileName { get; init; } = string.Empty;

    public string StoredFile { get; init; } = string.Empty;

    public long FileSize { get; init; }

    public string UnitCode { get; init; } = string.Empty;

    public string UnitPath { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public long BytesRead { get; init; }

    /// <summary>The last line of the file whose outcome is committed: a resumed job goes on after it.</summary>
    public long LastLine { get; init; }

    public long Processed { get; init; }

    public long Inserted { get; init; }

    public long Updated { get; init; }

    public long Unchanged { get; init; }

    public long Rejected { get; init; }

    public long LinesWithWarnings { get; init; }

    public string? Error { get; init; }

    public int Attempts { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>A new dossier import: the stored upload and who sent it for which scope.</summary>
public sealed record NewImport(Guid Id, string Source, string FileName, string StoredFile, long FileSize, UnitScope Scope, string CreatedBy);

/// <summary>Import jobs: created by the upload, claimed by a worker under a lease, read by their importer's scope.</summary>
public sealed class ImportStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    // The unit path as text: an ltree is read as a string.
    private const string Columns = """
        id, source, file_name, stored_file, file_size, unit_code, unit_path::text AS unit_path, status, bytes_read, last_line, processed,
        inserted, updated, unchanged, rejected, lines_with_warnings, error, attempts, created_by, created_at, completed_at
        """;

    private const string Insert = """
        INSERT INTO imports (id, source, file_name, stored_file, file_size, unit_code, unit_path, created_by, created_at)
        VALUES (@Id, @Source, @FileName, @StoredFile, @FileSize, @unitCode, @unitPath::ltree, @CreatedBy, @now)
        """;

    public async Task CreateAsync(NewImport import, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, Parameters(import), cancellationToken: cancellationToken));
    }

    private object Parameters(NewImport import) => new
    {
        import.Id, import.Source, import.FileName, import.StoredFile, import.FileSize,
        unitCode = import.Scope.Unit.Code, unitPath = import.Scope.Path, import.CreatedBy, now = time.GetUtcNow(),
    };

    /// <summary>Queues an import unless one with its id exists (a generated import queued by several replicas); true when queued now.</summary>
    public async Task<bool> CreateOnceAsync(NewImport import, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition($"{Insert} ON CONFLICT (id) DO NOTHING", Parameters(import), cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The import, when the importer's unit lies in the caller's scope (the importer and the units above see it).</summary>
    public async Task<ImportRow?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ImportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM imports WHERE id = @id AND {UnitScope.SqlCondition()}", new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>The findings of an import (errors and warnings) in line order (the caller checked the import is in scope).</summary>
    public async Task<PagedResult<ImportLineError>> ListErrorsAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM import_errors WHERE import_id = @id", new { id }, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<ImportLineError>(new CommandDefinition("""
            SELECT line, field, message, rule, severity FROM import_errors WHERE import_id = @id
            ORDER BY line, field, rule LIMIT @limit OFFSET @offset
            """, new { id, limit = page.PageSize, offset = page.Offset }, cancellationToken: cancellationToken));
        return new PagedResult<ImportLineError>(page.Page, page.PageSize, total, items.ToList());
    }

    /// <summary>
    /// Claims the oldest queued import, or a running one whose worker's lease ran out (it died), for <paramref name="owner"/>.
    /// </summary>
    public async Task<ImportRow?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await connection.QuerySingleOrDefaultAsync<ImportRow>(new CommandDefinition($"""
            UPDATE imports SET status = 'running', lease_owner = @owner, lease_until = @until, attempts = attempts + 1,
                               started_at = coalesce(started_at, @now)
            WHERE id = (
                SELECT id FROM imports
                WHERE status = 'queued' OR (status = 'running' AND lease_until < @now)
                ORDER BY created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { owner, until = now + lease, now }, cancellationToken: cancellationToken));
    }

    /// <summary>Gives a job back to the queue (a stopping host), so the next worker resumes it at once.</summary>
    public async Task ReleaseAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE imports SET status = 'queued', lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner AND status = 'running'",
            new { id, owner }, cancellationToken: cancellationToken));
    }
}
