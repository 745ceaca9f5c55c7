using Dakla06.ServiceDefaults.Http;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>One unmasked read of personal data.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    public string Username { get; init; } = string.Empty;

    public DateTime At { get; init; }

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

    /// <summary>The log, newest first, optionally for one user or one batch.</summary>
    public async Task<PagedResult<AuditEntry>> ListAsync(string? username, Guid? batchId, PageRequest page, CancellationToken cancellationToken)
    {
        const string where = "WHERE (@username::text IS NULL OR username = @username) AND (@batchId::uuid IS NULL OR batch_id = @batchId)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { username, batchId, limit = page.PageSize, offset = page.Offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM audit_log {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"SELECT id, username, at, action, batch_id, line_no, detail FROM audit_log {where} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new PagedResult<AuditEntry>(page.Page, page.PageSize, total, items.ToList());
    }
}
