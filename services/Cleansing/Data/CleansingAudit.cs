using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>
/// Cleansing's audit of unmasked reads (issue 5): what its reads are called, and the log as leaders read it. Rows are
/// written with the shared <see cref="PersonalDataAudit"/>; the subject of a row is a batch, or none for the registry.
/// </summary>
public sealed class CleansingAudit(NpgsqlDataSource dataSource)
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

    /// <summary>A page of a commune's registry persons (enrolment's persons without an application; the query in the detail).</summary>
    public const string ReadRegistryPersons = "read-registry-persons";

    /// <summary>Registry-quality items (a page of a worklist, or one item: its id is the subject).</summary>
    public const string ReadQualityItems = "read-quality-items";

    /// <summary>
    /// The log, newest first, optionally for one user or one batch. Scoped in SQL: reads of a batch when the batch's
    /// unit is in scope; reads of the registry (no batch, e.g. the duplicate list) only for a province-level caller.
    /// </summary>
    public async Task<PagedResult<AuditEntry>> ListAsync(UnitScope scope, string? username, Guid? batchId, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"""
            LEFT JOIN batches b ON b.id = a.subject_id
            WHERE (@username::text IS NULL OR a.username = @username) AND (@batchId::uuid IS NULL OR a.subject_id = @batchId)
              AND ((a.subject_id IS NULL AND nlevel(@scope::ltree) = 1) OR {UnitScope.SqlCondition("b.unit_path")})
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { username, batchId, scope = scope.Path, limit = page.PageSize, offset = page.Offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM audit_log a {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"SELECT {PersonalDataAudit.EntryColumns} FROM audit_log a {where} ORDER BY a.at DESC, a.id DESC LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new PagedResult<AuditEntry>(page.Page, page.PageSize, total, items.ToList());
    }
}
