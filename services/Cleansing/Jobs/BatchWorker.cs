using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using Dakla06.Cleansing.Data;
using Dakla06.Cleansing.Domain;
using Dakla06.Cleansing.Registry;
using Dakla06.People;
using Dakla06.ServiceDefaults.Hosting;

namespace Dakla06.Cleansing.Jobs;

/// <summary>
/// Validates uploaded batches, on every replica. Claims a queued batch (or a running one whose lease expired because
/// its worker died) and streams its file through a pipeline of three stages joined by bounded channels:
/// read + classify (sequential: the duplicate-in-batch state depends on line order) → suggestions (parallel over the
/// cores, one chunk at a time so chunks stay in order) → binary COPY (each chunk committed with <c>processed</c> and
/// the class counts in one transaction; two chunks in flight on two connections, committed in order). Chunks and their
/// arrays are reused, and the records are stored compactly (<see cref="PendingRecord"/>), because storing a million
/// records is what sets the pace (the stage times are logged when a batch completes). A restart resumes after the last committed chunk, replaying the earlier lines
/// through the validator without suggestions to rebuild the duplicate state; a cancel is honoured between chunks.
/// </summary>
public sealed partial class BatchWorker(
    BatchRecordWriter writer,
    RegistrySnapshotProvider snapshots,
    CleansingTelemetry telemetry,
    BatchSignal signal,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<BatchWorker> logger) : BackgroundService
{
    public const string ChunkSizeKey = "Cleansing:ChunkSize";
    public const string LeaseKey = "Cleansing:BatchLease";
    public const string PollIntervalKey = "Cleansing:WorkerPollInterval";

    public const int DefaultChunkSize = 10_000;

    /// <summary>Who holds the lease: unique per worker instance (several replicas, or a test's second worker).</summary>
    public string Owner { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// When false, a stopped worker leaves its lease in place, as a crashed process would (tests of the restart);
    /// normally a stopping host releases it so the next worker resumes at once.
    /// </summary>
    public bool ReleaseOnStop { get; init; } = true;

    /// <summary>Called after each committed chunk with the batch id and its processed count (tests stop the worker there).</summary>
    public Action<Guid, int>? ChunkCommitted { get; init; }

    public int ChunkSize => Math.Max(1, configuration.GetValue<int?>(ChunkSizeKey) ?? DefaultChunkSize);

    public TimeSpan Lease => configuration.GetValue<TimeSpan?>(LeaseKey) ?? TimeSpan.FromMinutes(1);

    public TimeSpan PollInterval => configuration.GetValue<TimeSpan?>(PollIntervalKey) ?? TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await ProcessNextAsync(stoppingToken);
                if (!worked)
                {
                    // Idle: keep the registry snapshot current (one cheap version query when nothing changed), so after
                    // an import the next batch validates at once instead of first loading two million persons.
                    await snapshots.GetCurrentAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogWorkerFailed(e);
            }

            if (!worked)
            {
                // An upload on this replica wakes the worker at once; other replicas' uploads are found by the poll.
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch and runs it to its end (completed, failed, cancelled) or until stopped; false when there was none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        var batch = await writer.ClaimAsync(Owner, Lease, cancellationToken);
        if (batch is null)
        {
            return false;
        }

        if (batch.CancelRequested)
        {
            await writer.FinishAsync(batch.Id, Owner, BatchStatuses.Cancelled, null, cancellationToken);
            return true;
        }

        if (batch.Attempts > BatchRecordWriter.MaxAttempts)
        {
            await writer.FinishAsync(batch.Id, Owner, BatchStatuses.Failed,
                $"Lô bị gián đoạn {batch.Attempts - 1} lần khi đang xử lý; đã dừng để tránh lặp lại.", cancellationToken);
            return true;
        }

        await RunAsync(batch, cancellationToken);
        return true;
    }

    private async Task RunAsync(StoredBatch batch, CancellationToken stoppingToken)
    {
        using var activity = telemetry.StartActivity("cleansing.batch");
        activity?.SetTag("cleansing.batch.id", batch.Id);
        activity?.SetTag("cleansing.batch.resumed_at", batch.Processed);
        LogStarted(batch.Id, batch.Processed);
        var stopwatch = Stopwatch.StartNew();

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var leaseLost = false;
        var renewal = RenewLeaseAsync(batch.Id, () => { leaseLost = true; run.Cancel(); }, run.Token);
        try
        {
            var times = new StageTimes();
            var outcome = await PipelineAsync(batch, times, run.Token);
            await run.CancelAsync();
            await renewal;
            switch (outcome)
            {
                case PipelineOutcome.Completed:
                    if (await writer.CompleteAsync(batch.Id, Owner, stoppingToken))
                    {
                        telemetry.BatchRun(BatchStatuses.Completed, stopwatch.Elapsed);
                        LogCompleted(batch.Id, stopwatch.Elapsed.TotalSeconds, times.Classify.TotalSeconds, times.Suggest.TotalSeconds, times.Store.TotalSeconds);
                    }

                    break;
                case PipelineOutcome.Cancelled:
                    await writer.FinishAsync(batch.Id, Owner, BatchStatuses.Cancelled, null, stoppingToken);
                    telemetry.BatchRun(BatchStatuses.Cancelled, stopwatch.Elapsed);
                    break;
            }
        }
        catch (Exception e) when (e is BatchFileException or IOException or UnauthorizedAccessException)
        {
            await run.CancelAsync();
            await renewal;
            LogFailed(e, batch.Id);
            var reason = e is BatchFileException ? e.Message : "Không đọc được tệp đã tải lên.";
            await writer.FinishAsync(batch.Id, Owner, BatchStatuses.Failed, reason, stoppingToken);
            telemetry.BatchRun(BatchStatuses.Failed, stopwatch.Elapsed);
        }
        catch (Exception e) when (e is LeaseLostException || (e is OperationCanceledException && leaseLost))
        {
            await run.CancelAsync();
            await renewal;
            // Another worker owns the batch now; what we committed stays, what we did not is its to do.
            LogLeaseLost(batch.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await run.CancelAsync();
            await renewal;
            if (ReleaseOnStop)
            {
                await writer.ReleaseAsync(batch.Id, Owner, failed: false, CancellationToken.None);
            }

            throw;
        }
        catch (Exception)
        {
            await run.CancelAsync();
            await renewal;
            // A database or other unexpected failure: give the batch back; the next claim resumes it (attempts are capped).
            await writer.ReleaseAsync(batch.Id, Owner, failed: true, CancellationToken.None);
            throw;
        }
    }

    private enum PipelineOutcome
    {
        Completed,
        Cancelled,
    }

    /// <summary>
    /// A run of consecutive lines on its way through the pipeline. A batch reuses a few of them (<see cref="ChunksInFlight"/>):
    /// their arrays are large, and allocating them per chunk would keep the garbage collector busy with large objects.
    /// </summary>
    private sealed class Chunk(int capacity)
    {
        public BatchRow[] Rows { get; } = new BatchRow[capacity];

        public RecordResult[] Results { get; } = new RecordResult[capacity];

        public PendingRecord[] Records { get; } = new PendingRecord[capacity];

        public int Count { get; set; }

        public long BytesRead { get; set; }

        public bool IsFull => Count == Rows.Length;

        public void Add(BatchRow row, RecordResult result)
        {
            Rows[Count] = row;
            Results[Count] = result;
            Count++;
        }

        /// <summary>Drops the references of the committed lines so they can be collected, and starts over.</summary>
        public void Reset()
        {
            Array.Clear(Rows, 0, Count);
            Array.Clear(Results, 0, Count);
            Array.Clear(Records, 0, Count);
            Count = 0;
            BytesRead = 0;
        }
    }

    /// <summary>Chunks a batch circulates: one being read, one being suggested, two being stored, some waiting in the channels.</summary>
    private const int ChunksInFlight = 6;

    /// <summary>
    /// How long each stage was busy (not waiting for the next or the previous one): the stage whose time is close to
    /// the batch's wall time is the one that sets the pace, so the completion log says where to look.
    /// </summary>
    private sealed class StageTimes
    {
        public TimeSpan Classify { get; set; }

        public TimeSpan Suggest { get; set; }

        private long storeTicks;

        /// <summary>Summed over the chunks being stored, two at a time (so it can exceed the wall time).</summary>
        public TimeSpan Store => TimeSpan.FromTicks(Interlocked.Read(ref storeTicks));

        public void AddStore(TimeSpan elapsed) => Interlocked.Add(ref storeTicks, elapsed.Ticks);
    }

    private async Task<PipelineOutcome> PipelineAsync(StoredBatch batch, StageTimes times, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetCurrentAsync(cancellationToken);
        await writer.SetRegistryVersionAsync(batch.Id, Owner, snapshot.Version, cancellationToken);

        var chunkSize = ChunkSize;
        var free = Channel.CreateUnbounded<Chunk>();
        for (var i = 0; i < ChunksInFlight; i++)
        {
            free.Writer.TryWrite(new Chunk(chunkSize));
        }

        var classified = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
        var suggested = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
        using var stages = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Opened here so a missing or unreadable upload fails the batch before any stage starts.
        await using var stream = new FileStream(batch.StoredFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var file = BatchFileReader.Open(stream, batch.FileName);
        var validator = new BatchValidator(snapshot);

        // Stage 1: read and classify, on its own thread (the reader is synchronous and CPU-bound).
        var reading = Task.Factory.StartNew(
            () => ReadAndClassify(batch, file, stream, validator, free.Reader, classified.Writer, times, telemetry, stages.Token),
            stages.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        // Stage 2: suggestions for the records that did not match, in parallel within a chunk.
        var suggesting = Task.Run(async () =>
        {
            try
            {
                await foreach (var chunk in classified.Reader.ReadAllAsync(stages.Token))
                {
                    var started = Stopwatch.GetTimestamp();
                    using (var span = telemetry.StartActivity("cleansing.chunk.suggest"))
                    {
                        span?.SetTag(ChunkRecordsTag, chunk.Count);
                        Suggest(chunk, validator, file.Columns, stages.Token);
                    }

                    times.Suggest += Stopwatch.GetElapsedTime(started);
                    await suggested.Writer.WriteAsync(chunk, stages.Token);
                }

                suggested.Writer.TryComplete();
            }
            catch (Exception e)
            {
                suggested.Writer.TryComplete(e);
                throw;
            }
        }, stages.Token);

        // Stage 3: store chunk by chunk, here, two at a time on two connections: while PostgreSQL finishes one chunk's
        // COPY and commit, the next one is already being copied. They still commit in file order — the second one
        // updates the batch row (checking its `processed`) only once the first one is counted — so a crash never leaves
        // a later chunk committed without an earlier one. Measured: storing was the slowest stage with one connection.
        var processed = batch.Processed;
        var queued = batch.Processed;
        var sinceLastCommit = Stopwatch.StartNew();
        var cancelled = false;
        StoringChunk? storing = null;
        try
        {
            await foreach (var chunk in suggested.Reader.ReadAllAsync(stages.Token))
            {
                var records = new ArraySegment<PendingRecord>(chunk.Records, 0, chunk.Count);
                var tally = new ClassTally();
                foreach (ref readonly var record in records.AsSpan())
                {
                    tally.Add(record.Class);
                }

                var elapsed = sinceLastCommit.Elapsed.TotalSeconds;
                sinceLastCommit.Restart();
                var next = new StoringChunk(chunk, tally, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
                    StoreAsync(batch.Id, queued, records, tally, chunk.BytesRead, elapsed, storing?.Counted.Task ?? Task.CompletedTask, times, cancellationToken));
                queued += chunk.Count;
                if (storing is not null && await CommittedAsync(storing))
                {
                    cancelled = true;
                    storing = next; // its update found the batch unchanged and rolled back; awaited below
                    break;
                }

                storing = next;
            }

            if (!cancelled && storing is not null)
            {
                cancelled = await CommittedAsync(storing);
            }

            storing = null;
        }
        finally
        {
            await stages.CancelAsync();
            var pending = storing?.Commit ?? Task.FromResult(false);
            await Task.WhenAll(reading, suggesting, pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // True when the batch was cancelled instead (nothing of the chunk written); otherwise counts the chunk and recycles it.
        async Task<bool> CommittedAsync(StoringChunk stored)
        {
            try
            {
                if (await stored.Commit)
                {
                    return true;
                }

                processed += stored.Chunk.Count;
                foreach (var recordClass in RecordClasses.All)
                {
                    if (stored.Tally.Get(recordClass) is var count and > 0)
                    {
                        telemetry.RecordsValidated(recordClass, count);
                    }
                }

                stored.Chunk.Reset();
                free.Writer.TryWrite(stored.Chunk);
                ChunkCommitted?.Invoke(batch.Id, processed);
                return false;
            }
            finally
            {
                // Also when it failed or was cancelled: the next chunk then finds the batch row unchanged and rolls back.
                stored.Counted.TrySetResult();
            }
        }

        if (cancelled)
        {
            return PipelineOutcome.Cancelled;
        }

        // Surface a failure of an earlier stage (an unreadable file, a bug) rather than completing a partial batch.
        await reading;
        await suggesting;
        return PipelineOutcome.Completed;
    }

    /// <summary>
    /// A chunk being stored; <see cref="Commit"/> is true when the batch was cancelled instead. <see cref="Counted"/>
    /// completes once the pipeline has taken its outcome in (the next chunk commits only after that, so a stop requested
    /// at a chunk — <see cref="ChunkCommitted"/> — leaves no later chunk committed).
    /// </summary>
    private sealed record StoringChunk(Chunk Chunk, ClassTally Tally, TaskCompletionSource Counted, Task<bool> Commit);

    private async Task<bool> StoreAsync(
        Guid batchId, int expectedProcessed, ArraySegment<PendingRecord> records, ClassTally tally, long bytesRead, double elapsed,
        Task previousStored, StageTimes times, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = telemetry.StartActivity("cleansing.chunk.store");
        span?.SetTag(ChunkRecordsTag, records.Count);
        try
        {
            return await writer.CommitChunkAsync(batchId, Owner, expectedProcessed, records, tally, bytesRead, elapsed, Lease, previousStored, cancellationToken);
        }
        finally
        {
            times.AddStore(Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task ReadAndClassify(
        StoredBatch batch, BatchFile file, Stream stream, BatchValidator validator, ChannelReader<Chunk> free, ChannelWriter<Chunk> output,
        StageTimes times, CleansingTelemetry telemetry, CancellationToken cancellationToken)
    {
        // One span per chunk, from its first line classified to its last one (not the wait for a free chunk).
        Activity? span = null;
        try
        {
            var columns = file.Columns;
            var skip = batch.Processed;
            var index = 0;
            var chunk = await free.ReadAsync(cancellationToken);
            var busySince = Stopwatch.GetTimestamp();
            foreach (var row in file.Rows)
            {
                if (index++ < skip)
                {
                    // Already committed before the restart: only rebuild the duplicate-in-batch state.
                    validator.Validate(row, columns, withSuggestions: false);
                    continue;
                }

                if (chunk.Count == 0)
                {
                    span = telemetry.StartActivity("cleansing.chunk.classify");
                }

                chunk.Add(row, validator.Validate(row, columns, withSuggestions: false));
                if (chunk.IsFull)
                {
                    chunk.BytesRead = stream.Position;
                    times.Classify += Stopwatch.GetElapsedTime(busySince);
                    EndClassifySpan(span, chunk);
                    span = null;
                    await output.WriteAsync(chunk, cancellationToken);
                    chunk = await free.ReadAsync(cancellationToken);
                    busySince = Stopwatch.GetTimestamp();
                }
            }

            times.Classify += Stopwatch.GetElapsedTime(busySince);
            EndClassifySpan(span, chunk);
            span = null;

            if (chunk.Count > 0)
            {
                chunk.BytesRead = stream.Position;
                await output.WriteAsync(chunk, cancellationToken);
            }

            output.TryComplete();
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            span?.Dispose();
            output.TryComplete(e);
            throw;
        }
    }

    private static void EndClassifySpan(Activity? span, Chunk chunk)
    {
        span?.SetTag(ChunkRecordsTag, chunk.Count);
        span?.Dispose();
    }

    private const string ChunkRecordsTag = "dakla06.chunk.records";

    private static void Suggest(Chunk chunk, BatchValidator validator, BatchColumns columns, CancellationToken cancellationToken)
    {
        Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = chunk.Rows[i];
            var result = chunk.Results[i];
            var suggestions = BatchValidator.NeedsSuggestions(result.Class) ? validator.Suggest(row, columns, result) : [];
            chunk.Records[i] = ToPending(row, result, suggestions);
        });
    }

    /// <summary>The stored form of a validated line: its values as one CSV line and the result (the known fields are read from the values by position).</summary>
    internal static PendingRecord ToPending(BatchRow row, RecordResult result, IReadOnlyList<Suggestion> suggestions) => new(
        checked((int)row.LineNumber),
        row.IsUnreadable ? null : RecordLine.Join(row.Values),
        row.RawText,
        result.Class,
        result.Reason,
        result.MismatchedFields.Count == 0 ? null : result.MismatchedFields as string[] ?? [.. result.MismatchedFields],
        suggestions.Count == 0 ? null : SuggestionsJson(suggestions));

    // Names and reasons are Vietnamese: the default encoder writes every accented letter as a six-byte \uXXXX escape,
    // which tripled the stored JSON. It is only read back by this service, never embedded in a page as it is.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The suggestions as the json the API and the resolve endpoint read (camelCase, dates ISO, gender male|female).</summary>
    public static string SuggestionsJson(IReadOnlyList<Suggestion> suggestions)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 * suggestions.Count);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var s in suggestions)
            {
                json.WriteStartObject();
                json.WriteString("idNumber", s.IdNumber);
                json.WriteString("fullName", s.FullName);
                json.WriteString("dateOfBirth", s.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("gender", s.Gender.ToCode());
                json.WriteString("communeCode", s.CommuneCode);
                json.WriteNumber("score", s.Score);
                json.WriteString("reason", s.Reason);
                json.WriteBoolean("confident", s.Confident);
                json.WriteBoolean("deceased", s.Deceased);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch worker round failed; retrying at the next poll")]
    private partial void LogWorkerFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validating batch {BatchId} from record {Processed}")]
    private partial void LogStarted(Guid batchId, int processed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} completed in {Seconds:F1} s; busy: read + classify {ClassifySeconds:F1} s, suggestions {SuggestSeconds:F1} s, storing {StoreSeconds:F1} s")]
    private partial void LogCompleted(Guid batchId, double seconds, double classifySeconds, double suggestSeconds, double storeSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} failed")]
    private partial void LogFailed(Exception exception, Guid batchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of batch {BatchId}; another worker continues it")]
    private partial void LogLeaseLost(Guid batchId);

    /// <summary>Extends the lease every third of its length while the batch runs; reports a lost lease.</summary>
    private async Task RenewLeaseAsync(Guid batchId, Action lost, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Lease / 3, time, cancellationToken);
                if (!await writer.RenewLeaseAsync(batchId, Owner, Lease, cancellationToken))
                {
                    lost();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>Wakes the batch worker of this replica when a batch was queued, instead of waiting for its next poll.</summary>
public sealed class BatchSignal : WakeSignal;
