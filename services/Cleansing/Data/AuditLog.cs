using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>One unmasked read of personal data.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public string Username { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public string Action { get; init; } = string.Empty;

    public Guid? BatchId { get; init; }

    public int? LineNo { get; init; }

    public string? Detail { get; init; }
}

/// <summary>
/// The audit log of unmasked reads (issue 5: every read of ID numbers, names or dates of birth by a <c>pii-reader</c>
/// is written down: who, when, which batch or record). The one store every endpoint showing personal data uses.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>A page of the records of a batch.</summary>
    public const string ReadRecords = "read-records";

    /// <summary>One record of a batch (its line number in <see cref="AuditEntry.LineNo"/>).</summary>
    public const string ReadRecord = "read-record";

    /// <summary>A download of a batch's results (csv or xlsx in the detail).</summary>
    public const string DownloadResults = "download-results";

    /// <summary>
    /// A correction re-validated against the registry (the ID number checked in the detail): it tells the caller whether
    /// that person's name and birth date are the ones typed, so it is a registry read whether or not it matches.
    /// </summary>
    public const string RevalidateRecord = "registry-revalidate";

    /// <summary>The duplicate-person list of the registry.</summary>
    public const string ReadDuplicates = "read-duplicates";

    /// <summary>Writes one row; called before the unmasked data is returned, so a read is never unrecorded.</summary>
    public async Task WriteAsync(string username, string action, Guid? batchId = null, int? lineNo = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (username, at, action, batch_id, line_no, detail) VALUES (@username, @at, @action, @batchId, @lineNo, @detail)",
            new { username, at = time.GetUtcNow().UtcDateTime, action, batchId, lineNo, detail },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The log, newest first, optionally for one user or one batch. Scoped in SQL: reads of a batch when the batch's
    /// unit is in scope; reads of the registry (no batch, e.g. the duplicate list) only for a province-level caller.
    /// </summary>
    public async Task<PagedResult<AuditEntry>> ListAsync(UnitScope scope, string? username, Guid? batchId, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"""
            LEFT JOIN batches b ON b.id = a.batch_id
            WHERE (@username::text IS NULL OR a.username = @username) AND (@batchId::uuid IS NULL OR a.batch_id = @batchId)
              AND ((a.batch_id IS NULL AND nlevel(@scope::ltree) = 1) OR {UnitScope.SqlCondition("b.unit_path")})
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { username, batchId, scope = scope.Path, limit = page.PageSize, offset = page.Offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM audit_log a {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"SELECT a.id, a.username, a.at, a.action, a.batch_id, a.line_no, a.detail FROM audit_log a {where} ORDER BY a.at DESC, a.id DESC LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new PagedResult<AuditEntry>(page.Page, page.PageSize, total, items.ToList());
    }
}
