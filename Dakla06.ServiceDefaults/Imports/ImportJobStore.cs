using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.ServiceDefaults.Imports;

/// <summary>
/// Import jobs of a service whose database has the tables <c>imports</c> (id, kind, file_name, stored_file, file_size,
/// unit_code, unit_path ltree, status, bytes_read, last_line, processed, inserted, updated, unchanged, rejected, error,
/// attempts, lease_owner, lease_until, created_by, created_at, started_at, completed_at) and <c>import_errors</c>
/// (import_id, line, field, message): created by the upload, claimed by one worker at a time under a lease, progressed
/// chunk by chunk inside the chunk's own transaction, read within their importer's scope (the importer and the units above).
/// </summary>
public sealed class ImportJobStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    // The unit path as text: an ltree is read as a string.
    private const string Columns = """
        id, kind, file_name, stored_file, file_size, unit_code, unit_path::text AS unit_path, status, bytes_read, last_line, processed,
        inserted, updated, unchanged, rejected, error, attempts, created_by, created_at, completed_at
        """;

    private const string Insert = """
        INSERT INTO imports (id, kind, file_name, stored_file, file_size, unit_code, unit_path, created_by, created_at)
        VALUES (@Id, @Kind, @FileName, @StoredFile, @FileSize, @unitCode, @unitPath::ltree, @CreatedBy, @now)
        """;

    /// <summary>Queues a job; with <paramref name="once"/> nothing happens when one with its id exists (a generated import queued by several replicas). True when queued now.</summary>
    public async Task<bool> CreateAsync(NewImportJob job, CancellationToken cancellationToken, bool once = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(once ? $"{Insert} ON CONFLICT (id) DO NOTHING" : Insert, new
        {
            job.Id, job.Kind, job.FileName, job.StoredFile, job.FileSize,
            unitCode = job.Scope.Unit.Code, unitPath = job.Scope.Path, job.CreatedBy, now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The job, when the importer's unit lies in the caller's scope.</summary>
    public async Task<ImportJob?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ImportJob>(new CommandDefinition(
            $"SELECT {Columns} FROM imports WHERE id = @id AND {UnitScope.SqlCondition()}", new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>The jobs of importers in the caller's scope, optionally of one kind, newest first.</summary>
    public async Task<PagedResult<ImportJob>> ListAsync(UnitScope scope, string? kind, PageRequest page, CancellationToken cancellationToken)
    {
        const string Filter = "(@kind::text IS NULL OR kind = @kind)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { kind, scope = scope.Path, limit = page.PageSize, offset = page.Offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM imports WHERE {Filter} AND {UnitScope.SqlCondition()}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<ImportJob>(new CommandDefinition($"""
            SELECT {Columns} FROM imports WHERE {Filter} AND {UnitScope.SqlCondition()}
            ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return new PagedResult<ImportJob>(page.Page, page.PageSize, total, [.. items]);
    }

    /// <summary>The rejected lines of a job in line order (the caller checked the job is in scope).</summary>
    public async Task<PagedResult<ImportErrorDto>> ListErrorsAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM import_errors WHERE import_id = @id", new { id }, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<(long Line, string Field, string Message)>(new CommandDefinition("""
            SELECT line, field, message FROM import_errors WHERE import_id = @id
            ORDER BY line, field LIMIT @limit OFFSET @offset
            """, new { id, limit = page.PageSize, offset = page.Offset }, cancellationToken: cancellationToken));
        return new PagedResult<ImportErrorDto>(page.Page, page.PageSize, total, [.. items.Select(e => new ImportErrorDto(e.Line, e.Field, e.Message))]);
    }

    /// <summary>Claims the oldest queued job, or a running one whose worker's lease ran out (it died), for <paramref name="owner"/>.</summary>
    public async Task<ImportJob?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await connection.QuerySingleOrDefaultAsync<ImportJob>(new CommandDefinition($"""
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

    /// <summary>
    /// Commits a chunk's outcome inside the chunk's transaction: its rejected lines, the job's counts, last line, bytes
    /// read and a renewed lease. Throws <see cref="ImportLeaseLostException"/> (the caller's transaction then rolls back)
    /// when <paramref name="owner"/> no longer holds the job.
    /// </summary>
    public async Task RecordChunkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string owner, TimeSpan lease,
        ChunkCounts counts, IReadOnlyList<ImportLineError> errors, long lastLine, long bytesRead, CancellationToken cancellationToken)
    {
        var progressed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE imports SET processed = processed + @processed, inserted = inserted + @inserted, updated = updated + @updated,
                               unchanged = unchanged + @unchanged, rejected = rejected + @rejected, last_line = @lastLine,
                               bytes_read = @bytesRead, lease_until = @leaseUntil
            WHERE id = @id AND lease_owner = @owner
            """,
            new
            {
                id, owner, processed = counts.Processed, counts.Inserted, counts.Updated, counts.Unchanged, counts.Rejected,
                lastLine, bytesRead, leaseUntil = time.GetUtcNow() + lease,
            }, transaction, cancellationToken: cancellationToken));
        if (progressed == 0)
        {
            throw new ImportLeaseLostException(id);
        }

        if (errors.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO import_errors (import_id, line, field, message)
                SELECT @id, e.line, e.field, e.message FROM unnest(@lines, @fields, @messages) AS e(line, field, message)
                ON CONFLICT DO NOTHING
                """,
                new { id, lines = errors.Select(e => e.Line).ToArray(), fields = errors.Select(e => e.Field).ToArray(), messages = errors.Select(e => e.Message).ToArray() },
                transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// Ends a job (completed or failed) if <paramref name="owner"/> still holds it, running <paramref name="inSameTransaction"/>
    /// (e.g. folding the job's contributions into pre-aggregated counts) in the same transaction; false when the lease was lost.
    /// </summary>
    public async Task<bool> FinishAsync(
        Guid id, string owner, string status, string? error,
        Func<NpgsqlConnection, NpgsqlTransaction, Task>? inSameTransaction, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var finished = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE imports SET status = @status, error = @error, completed_at = @now, lease_owner = NULL, lease_until = NULL,
                               bytes_read = CASE WHEN @status = 'completed' THEN file_size ELSE bytes_read END
            WHERE id = @id AND lease_owner = @owner
            """, new { id, owner, status, error, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (finished == 0)
        {
            return false;
        }

        if (inSameTransaction is not null)
        {
            await inSameTransaction(connection, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
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
