using Dakla06.Contracts.Cleansing;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dakla06.Cleansing.Data;

/// <summary>
/// One validated input line, ready for COPY (suggestions already serialised as JSON text). A struct: a chunk holds
/// tens of thousands of them in one reused array instead of as many small objects per batch.
/// </summary>
public readonly record struct PendingRecord(
    int LineNumber,
    string? Line,
    string? RawText,
    string Class,
    string? Reason,
    string[]? MismatchedFields,
    string? SuggestionsJson);

/// <summary>Counts per class of a chunk (added to the batch's columns in the chunk's transaction).</summary>
public sealed class ClassTally
{
    private readonly int[] _counts = new int[8];

    public void Add(string recordClass) => _counts[Index(recordClass)]++;

    public int Get(string recordClass) => _counts[Index(recordClass)];

    private static int Index(string recordClass) => recordClass switch
    {
        "matched" => 0,
        "missing_id" => 1,
        "malformed_id" => 2,
        "not_found" => 3,
        "info_mismatch" => 4,
        "duplicate_in_batch" => 5,
        "deceased" => 6,
        "unreadable" => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(recordClass), recordClass, "Unknown record class."),
    };
}

/// <summary>
/// The worker's side of batches: claiming with a lease, committing chunks of records (binary COPY) together with
/// <c>processed</c> and the class counts, and finishing. Every write checks the lease owner, so a worker that lost
/// its lease (it stalled and another replica took the batch over) can never count a record twice.
/// </summary>
public sealed class BatchRecordWriter(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider time)
{
    /// <summary>A batch interrupted this many times is marked failed instead of being resumed forever.</summary>
    public const int MaxAttempts = 5;

    private const string CopyCommand = """
        COPY batch_records (batch_id, line_no, line, raw_text, class, reason, mismatched_fields, suggestions)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Claims the oldest queued batch, or a running one whose lease expired (its worker died), with
    /// <c>FOR UPDATE SKIP LOCKED</c> so replicas never claim the same batch. Null when there is nothing to do.
    /// </summary>
    public async Task<StoredBatch?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredBatch>(new CommandDefinition(
            $"""
            WITH next AS (
                SELECT id FROM batches
                WHERE status = 'queued' OR (status = 'running' AND lease_until < @now)
                ORDER BY created_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE batches b SET status = 'running', lease_owner = @owner, lease_until = @until,
                                 started_at = coalesce(b.started_at, @now), attempts = b.attempts + 1
            FROM next WHERE b.id = next.id
            RETURNING {BatchStore.BatchColumns}
            """,
            new { now, owner, until = now + lease }, cancellationToken: cancellationToken));
    }

    /// <summary>Extends the lease; false when it was lost (another worker owns the batch, or it was finished).</summary>
    public async Task<bool> RenewLeaseAsync(Guid batchId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE batches SET lease_until = @until WHERE id = @batchId AND lease_owner = @owner AND status = 'running'",
            new { batchId, owner, until = time.GetUtcNow().UtcDateTime + lease }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Notes the registry version the batch is validated against.</summary>
    public async Task SetRegistryVersionAsync(Guid batchId, string owner, long version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE batches SET registry_version = @version WHERE id = @batchId AND lease_owner = @owner",
            new { batchId, owner, version }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes one chunk in one transaction, so a crash never counts half a chunk: the records are copied, then — once
    /// <paramref name="previousStored"/> (the previous chunk, stored on another connection meanwhile) is done with — the
    /// batch row is updated, which proves the lease and the expected <c>processed</c>, so chunks commit in file order.
    /// The update must wait for the previous commit, not just for its row lock: a READ COMMITTED update skips a row
    /// whose visible version fails its condition instead of waiting. Three round trips (COPY, update, commit). When a
    /// cancel was requested meanwhile the chunk is rolled back and true is returned; throws
    /// <see cref="LeaseLostException"/> when the batch is no longer ours (or the previous chunk did not commit).
    /// </summary>
    public async Task<bool> CommitChunkAsync(
        Guid batchId, string owner, int expectedProcessed, ArraySegment<PendingRecord> records, ClassTally tally,
        long bytesRead, double elapsedSeconds, TimeSpan lease, Task previousStored, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CopyAsync(connection, batchId, records, cancellationToken);
        await previousStored.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        var cancelRequested = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            """
            UPDATE batches SET
                processed = processed + @count,
                matched = matched + @matched, missing_id = missing_id + @missingId, malformed_id = malformed_id + @malformedId,
                not_found = not_found + @notFound, info_mismatch = info_mismatch + @infoMismatch,
                duplicate_in_batch = duplicate_in_batch + @duplicateInBatch, deceased = deceased + @deceased,
                unreadable = unreadable + @unreadable,
                bytes_read = greatest(bytes_read, @bytesRead), elapsed_seconds = elapsed_seconds + @elapsedSeconds,
                lease_until = @until
            WHERE id = @batchId AND lease_owner = @owner AND status = 'running' AND processed = @expectedProcessed
            RETURNING cancel_requested
            """,
            new
            {
                batchId, owner, expectedProcessed, count = records.Count,
                matched = tally.Get("matched"), missingId = tally.Get("missing_id"), malformedId = tally.Get("malformed_id"),
                notFound = tally.Get("not_found"), infoMismatch = tally.Get("info_mismatch"),
                duplicateInBatch = tally.Get("duplicate_in_batch"), deceased = tally.Get("deceased"), unreadable = tally.Get("unreadable"),
                bytesRead, elapsedSeconds, until = time.GetUtcNow().UtcDateTime + lease,
            },
            transaction, cancellationToken: cancellationToken)) ?? throw new LeaseLostException(batchId);
        if (cancelRequested)
        {
            await transaction.RollbackAsync(cancellationToken);
            return true;
        }

        await transaction.CommitAsync(cancellationToken);
        return false;
    }

    /// <summary>
    /// Binary COPY of the records: the values as one CSV line each, suggestions as json text. The rows are written
    /// synchronously (the importer buffers them and flushes in large writes): a million rows of eight awaited fields
    /// each cost more in async state machines than the COPY itself. This runs on the worker's writer stage, never on
    /// a request thread.
    /// </summary>
    private static async Task CopyAsync(NpgsqlConnection connection, Guid batchId, ArraySegment<PendingRecord> records, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken);
        foreach (ref readonly var record in records.AsSpan())
        {
            importer.StartRow();
            importer.Write(batchId, NpgsqlDbType.Uuid);
            importer.Write(record.LineNumber, NpgsqlDbType.Integer);
            WriteNullable(importer, record.Line, NpgsqlDbType.Text);
            WriteNullable(importer, record.RawText, NpgsqlDbType.Text);
            importer.Write(record.Class, NpgsqlDbType.Text);
            WriteNullable(importer, record.Reason, NpgsqlDbType.Text);
            WriteNullable(importer, record.MismatchedFields, NpgsqlDbType.Array | NpgsqlDbType.Text);
            WriteNullable(importer, record.SuggestionsJson, NpgsqlDbType.Json);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    /// <summary>
    /// Marks the batch completed with its total and publishes <see cref="CleansingBatchValidated"/> in the same
    /// transaction (the event exists exactly when the batch is completed). False when the lease was lost.
    /// </summary>
    public async Task<bool> CompleteAsync(Guid batchId, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = await connection.QuerySingleOrDefaultAsync<StoredBatch>(new CommandDefinition(
            $"""
            UPDATE batches b SET status = 'completed', total = b.processed, completed_at = @now, bytes_read = b.file_size,
                                 lease_owner = NULL, lease_until = NULL
            WHERE b.id = @batchId AND b.lease_owner = @owner AND b.status = 'running'
            RETURNING {BatchStore.BatchColumns}
            """,
            new { batchId, owner, now = now.UtcDateTime }, transaction, cancellationToken: cancellationToken));
        if (batch is null)
        {
            return false;
        }

        await outbox.AddAsync(
            new CleansingBatchValidated(Guid.CreateVersion7(), now, batch.UnitCode, batch.Id, batch.Dataset, batch.CampaignId, batch.Processed, batch.Counts),
            transaction, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return true;
    }

    /// <summary>Ends a batch as <c>failed</c> (with the reason shown to the user) or <c>cancelled</c>, keeping what was committed.</summary>
    public async Task FinishAsync(Guid batchId, string owner, string status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE batches SET status = @status, error = @error, completed_at = @now, lease_owner = NULL, lease_until = NULL
            WHERE id = @batchId AND lease_owner = @owner AND status = 'running'
            """,
            new { batchId, owner, status, error, now = time.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Gives the batch back: the lease ends now, so the next worker resumes it at once. A graceful stop (a deployment)
    /// does not count as an attempt; a failure does (<see cref="MaxAttempts"/> ends a batch that keeps failing).
    /// </summary>
    public async Task ReleaseAsync(Guid batchId, string owner, bool failed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE batches SET lease_until = @now, lease_owner = NULL, attempts = CASE WHEN @failed THEN attempts ELSE attempts - 1 END
            WHERE id = @batchId AND lease_owner = @owner AND status = 'running'
            """,
            new { batchId, owner, failed, now = time.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }
}

/// <summary>The batch's lease was taken over by another worker (or the batch was finished meanwhile).</summary>
public sealed class LeaseLostException(Guid batchId) : Exception($"The lease of batch {batchId} was lost.");
