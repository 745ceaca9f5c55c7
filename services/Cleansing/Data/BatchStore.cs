using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Cleansing;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Data;

/// <summary>Batch statuses (wire names).</summary>
public static class BatchStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Queued, Running, Completed, Failed, Cancelled];

    public static bool IsFinished(string status) => status is Completed or Failed or Cancelled;
}

/// <summary>Datasets a batch may belong to (wire names).</summary>
public static class Datasets
{
    public static readonly IReadOnlyList<string> All = ["vaccination", "social-insurance", "children", "social-protection", "other"];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);
}

/// <summary>A batch as stored.</summary>
public sealed class StoredBatch
{
    public Guid Id { get; init; }

    public string Dataset { get; init; } = string.Empty;

    public string UnitCode { get; init; } = string.Empty;

    public Guid? CampaignId { get; init; }

    public string FileName { get; init; } = string.Empty;

    public string StoredFile { get; init; } = string.Empty;

    public long FileSize { get; init; }

    public long BytesRead { get; init; }

    public string[] Headers { get; init; } = [];

    public string Status { get; init; } = string.Empty;

    public int? Total { get; init; }

    public int Processed { get; init; }

    public int Matched { get; init; }

    public int MissingId { get; init; }

    public int MalformedId { get; init; }

    public int NotFound { get; init; }

    public int InfoMismatch { get; init; }

    public int DuplicateInBatch { get; init; }

    public int Deceased { get; init; }

    public int Unreadable { get; init; }

    public long? RegistryVersion { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public double ElapsedSeconds { get; init; }

    public bool CancelRequested { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTime? LeaseUntil { get; init; }

    public int Attempts { get; init; }

    public string? Error { get; init; }

    public CleansingClassCounts Counts => new(Matched, MissingId, MalformedId, NotFound, InfoMismatch, DuplicateInBatch, Deceased, Unreadable);
}

/// <summary>One stored record (an input line and its result).</summary>
public sealed class StoredRecord
{
    private string?[]? values;

    public Guid BatchId { get; init; }

    public int LineNo { get; init; }

    /// <summary>The input values as stored (<see cref="RecordLine"/>); null for an unreadable line.</summary>
    public string? Line { get; init; }

    /// <summary>The input values in the order of the batch's headers; null for an unreadable line.</summary>
    public string?[]? Values => values ??= Line is null ? null : RecordLine.Split(Line);

    public string? RawText { get; init; }

    public string Class { get; init; } = string.Empty;

    public string? Reason { get; init; }

    public string[] MismatchedFields { get; init; } = [];

    /// <summary>The suggestions as stored (json text).</summary>
    public string? Suggestions { get; init; }

    public string? Resolution { get; init; }

    public string? ResolutionNote { get; init; }

    public string? CorrectedIdNumber { get; init; }

    public string? CorrectedFullName { get; init; }

    public string? CorrectedDateOfBirth { get; init; }

    public string? CorrectedGender { get; init; }

    public string? CorrectedCommuneCode { get; init; }

    public bool Cleaned { get; init; }

    public string? ResolvedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The value of a known column (a <see cref="BatchColumns"/> index of the batch's headers); null when absent or unreadable.</summary>
    public string? Get(int columnIndex) => Values is { } all && columnIndex >= 0 && columnIndex < all.Length ? all[columnIndex] : null;

    /// <summary>
    /// The registry person's ID number when the record's ID number was found there (matched, deceased, info_mismatch):
    /// the validator finds persons by the record's own number only, so it is that number, trimmed — not stored twice.
    /// </summary>
    public string? MatchedIdNumber(BatchColumns columns) =>
        Class is RecordClasses.Matched or RecordClasses.Deceased or RecordClasses.InfoMismatch ? Get(columns.IdNumber)?.Trim() : null;
}

/// <summary>A validated upload, stored and waiting for the worker.</summary>
public sealed record NewBatch(
    Guid Id, string Dataset, string UnitCode, string UnitPath, Guid? CampaignId, string FileName, string StoredFile, long FileSize,
    IReadOnlyList<string> Headers, string CreatedBy);

/// <summary>Filters of the batch list.</summary>
public sealed record BatchFilter(string? Status, string? Dataset, string? UnitCode, Guid? CampaignId);

public enum CancelOutcome
{
    NotFound,
    Cancelled,
    Requested,
    AlreadyFinished,
}

/// <summary>Batches and their records for the API; every read is scoped by the batch's unit path in SQL.</summary>
public sealed class BatchStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string BatchColumns = """
        b.id, b.dataset, b.unit_code, b.campaign_id, b.file_name, b.stored_file, b.file_size, b.bytes_read, b.headers, b.status,
        b.total, b.processed, b.matched, b.missing_id, b.malformed_id, b.not_found, b.info_mismatch, b.duplicate_in_batch,
        b.deceased, b.unreadable, b.registry_version, b.created_by, b.created_at, b.started_at, b.completed_at,
        b.elapsed_seconds, b.cancel_requested, b.lease_owner, b.lease_until, b.attempts, b.error
        """;

    public const string RecordColumns = """
        r.batch_id, r.line_no, r.line, r.raw_text,
        r.class, r.reason, coalesce(r.mismatched_fields, '{}') AS mismatched_fields, r.suggestions::text AS suggestions, r.resolution,
        r.resolution_note, r.corrected_id_number, r.corrected_full_name, r.corrected_date_of_birth, r.corrected_gender,
        r.corrected_commune_code, r.cleaned, r.resolved_by, r.resolved_at
        """;

    public async Task CreateAsync(NewBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO batches (id, dataset, unit_code, unit_path, campaign_id, file_name, stored_file, file_size, headers, status, created_by, created_at)
            VALUES (@Id, @Dataset, @UnitCode, @UnitPath::ltree, @CampaignId, @FileName, @StoredFile, @FileSize, @headers, 'queued', @CreatedBy, @now)
            """,
            new
            {
                batch.Id, batch.Dataset, batch.UnitCode, batch.UnitPath, batch.CampaignId, batch.FileName, batch.StoredFile, batch.FileSize,
                headers = batch.Headers.ToArray(), batch.CreatedBy, now = time.GetUtcNow().UtcDateTime,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>The batch when its unit is in <paramref name="scope"/>; null otherwise (404, not 403: others' batches are not disclosed).</summary>
    public async Task<StoredBatch?> FindAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredBatch>(new CommandDefinition(
            $"SELECT {BatchColumns} FROM batches b WHERE b.id = @id AND {UnitScope.SqlCondition("b.unit_path")}",
            new { id, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    public async Task<PagedResult<StoredBatch>> ListAsync(UnitScope scope, BatchFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"""
            WHERE {UnitScope.SqlCondition("b.unit_path")}
              AND (@status::text IS NULL OR b.status = @status)
              AND (@dataset::text IS NULL OR b.dataset = @dataset)
              AND (@unitCode::text IS NULL OR b.unit_code = @unitCode)
              AND (@campaignId::uuid IS NULL OR b.campaign_id = @campaignId)
            """;
        var parameters = new
        {
            scope = scope.Path, status = filter.Status, dataset = filter.Dataset, unitCode = filter.UnitCode, campaignId = filter.CampaignId,
            limit = page.PageSize, offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM batches b {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<StoredBatch>(new CommandDefinition(
            $"SELECT {BatchColumns} FROM batches b {where} ORDER BY b.created_at DESC, b.id LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new PagedResult<StoredBatch>(page.Page, page.PageSize, total, items.ToList());
    }

    /// <summary>
    /// A queued batch is cancelled at once; a running one is asked to stop (the worker stops between chunks and keeps
    /// what it committed); a finished one stays as it is.
    /// </summary>
    public async Task<CancelOutcome> CancelAsync(UnitScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var status = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"""
            UPDATE batches b SET
                cancel_requested = true,
                status = CASE WHEN b.status = 'queued' THEN 'cancelled' ELSE b.status END,
                completed_at = CASE WHEN b.status = 'queued' THEN @now ELSE b.completed_at END
            WHERE b.id = @id AND {UnitScope.SqlCondition("b.unit_path")} AND b.status IN ('queued', 'running')
            RETURNING b.status
            """,
            new { id, scope = scope.Path, now = time.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
        if (status is not null)
        {
            return status == BatchStatuses.Cancelled ? CancelOutcome.Cancelled : CancelOutcome.Requested;
        }

        return await FindAsync(scope, id, cancellationToken) is null ? CancelOutcome.NotFound : CancelOutcome.AlreadyFinished;
    }

    /// <summary>A page of the batch's records in line order, optionally of one class (flagged classes: the partial (batch_id, class, line_no) index).</summary>
    public async Task<PagedResult<StoredRecord>> ListRecordsAsync(UnitScope scope, Guid batchId, string? recordClass, PageRequest page, CancellationToken cancellationToken)
    {
        var where = $"""
            WHERE r.batch_id = @batchId AND (@class::text IS NULL OR r.class = @class)
              AND EXISTS (SELECT 1 FROM batches b WHERE b.id = r.batch_id AND {UnitScope.SqlCondition("b.unit_path")})
            """;
        var parameters = new { batchId, @class = recordClass, scope = scope.Path, limit = page.PageSize, offset = page.Offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM batch_records r {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<StoredRecord>(new CommandDefinition(
            $"SELECT {RecordColumns} FROM batch_records r {where} ORDER BY r.line_no LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new PagedResult<StoredRecord>(page.Page, page.PageSize, total, items.ToList());
    }

    public async Task<StoredRecord?> FindRecordAsync(UnitScope scope, Guid batchId, int lineNo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredRecord>(new CommandDefinition(
            $"""
            SELECT {RecordColumns} FROM batch_records r JOIN batches b ON b.id = r.batch_id
            WHERE r.batch_id = @batchId AND r.line_no = @lineNo AND {UnitScope.SqlCondition("b.unit_path")}
            """,
            new { batchId, lineNo, scope = scope.Path }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Every record of the batch in line order, read synchronously and unbuffered (the xlsx writer pulls rows
    /// synchronously; it runs on a worker thread, never a request thread).
    /// </summary>
    public IEnumerable<StoredRecord> ReadRecords(UnitScope scope, Guid batchId)
    {
        using var connection = dataSource.OpenConnection();
        foreach (var row in connection.Query<StoredRecord>(
            $"""
            SELECT {RecordColumns} FROM batch_records r JOIN batches b ON b.id = r.batch_id
            WHERE r.batch_id = @batchId AND {UnitScope.SqlCondition("b.unit_path")}
            ORDER BY r.line_no
            """,
            new { batchId, scope = scope.Path }, buffered: false, commandTimeout: 0))
        {
            yield return row;
        }
    }

    /// <summary>Every record of the batch in line order, streamed (unbuffered) for the downloads.</summary>
    public async IAsyncEnumerable<StoredRecord> StreamRecordsAsync(
        UnitScope scope, Guid batchId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<StoredRecord>(
            $"""
            SELECT {RecordColumns} FROM batch_records r JOIN batches b ON b.id = r.batch_id
            WHERE r.batch_id = @batchId AND {UnitScope.SqlCondition("b.unit_path")}
            ORDER BY r.line_no
            """,
            new { batchId, scope = scope.Path });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
