using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dakla06.ServiceDefaults.Imports;

/// <summary>How a service's import worker runs: chunk size, lease, poll interval (its own configuration section).</summary>
public sealed record ImportJobOptions(int ChunkSize, TimeSpan Lease, TimeSpan PollInterval)
{
    /// <summary>Reads <c>{section}:ChunkSize</c>, <c>{section}:ImportLease</c>, <c>{section}:WorkerPollInterval</c>.</summary>
    public static ImportJobOptions From(IConfiguration configuration, string section) => new(
        Math.Max(1, configuration.GetValue<int?>($"{section}:ChunkSize") ?? 20_000),
        configuration.GetValue<TimeSpan?>($"{section}:ImportLease") ?? TimeSpan.FromMinutes(1),
        configuration.GetValue<TimeSpan?>($"{section}:WorkerPollInterval") ?? TimeSpan.FromSeconds(2));
}

/// <summary>
/// How one job's file is read: its required columns, and each line checked into a value to store (null: rejected, with
/// its reasons in the <see cref="LineChecks"/>). Called for every line of the file, also for the lines a resumed job
/// already committed (then only to rebuild what the reader remembers, e.g. the codes seen), so it may keep state.
/// </summary>
public interface IImportLineReader<TLine>
    where TLine : class
{
    IReadOnlyList<string> RequiredColumns { get; }

    TLine? Check(TableRow row, TableColumns columns, LineChecks checks);

    /// <summary>
    /// The line's identity when two lines of one identity may not share a chunk (a later line completes an earlier one,
    /// so it must meet the earlier one stored): a repeated key starts a new chunk. Null: no such rule.
    /// </summary>
    string? ChunkKey(TLine line) => null;
}

/// <summary>
/// The loop every import job of a service runs, on every replica: claim a queued job (or one whose worker died), stream
/// its file, check each line, store the file chunk by chunk — each chunk committed with the job's counts and progress in
/// its own transaction (<see cref="ImportJobStore.RecordChunkAsync"/>) — and finish the job in one transaction with the
/// service's <see cref="FoldAsync"/> (pre-aggregated counts current the moment the job completes). A resumed job goes on
/// after its last committed line; a job that keeps killing its worker is failed after <see cref="MaxAttempts"/> claims.
/// </summary>
public abstract partial class ImportJobWorker<TLine>(ImportJobStore jobs, WakeSignal signal, ImportJobOptions options, ILogger logger) : BackgroundService
    where TLine : class
{
    public const int MaxAttempts = 3;

    /// <summary>Who holds the lease: unique per worker instance.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected ImportJobOptions Options => options;

    /// <summary>The reader of <paramref name="job"/>'s file (by its kind and importer's scope).</summary>
    protected abstract Task<IImportLineReader<TLine>> ReaderForAsync(ImportJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one chunk in one transaction, ending with <see cref="ImportJobStore.RecordChunkAsync"/> (errors: those found
    /// reading; the database's own refusals are added to them), and returns its counts.
    /// </summary>
    protected abstract Task<ChunkCounts> WriteChunkAsync(
        ImportJob job, IReadOnlyList<TLine> lines, List<ImportLineError> errors, long rejected, long lastLine, long bytesRead, CancellationToken cancellationToken);

    /// <summary>Work of the job's final transaction, whether it completed or failed after committing chunks.</summary>
    protected virtual Task FoldAsync(ImportJob job, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>After a job completed (e.g. evaluating targets on the fresh counts).</summary>
    protected virtual Task AfterCompletedAsync(ImportJob job, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await ProcessNextAsync(stoppingToken);
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
                await signal.WaitAsync(options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims one job and runs it to its end or until stopped; false when there was none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        if (await jobs.ClaimAsync(Owner, options.Lease, cancellationToken) is not { } job)
        {
            return false;
        }

        if (job.Attempts > MaxAttempts)
        {
            await FinishAsync(job, ImportStatuses.Failed, $"Việc nhập bị gián đoạn {job.Attempts - 1} lần; đã dừng để tránh lặp lại.", cancellationToken);
            return true;
        }

        try
        {
            await RunAsync(job, cancellationToken);
            if (await FinishAsync(job, ImportStatuses.Completed, null, cancellationToken))
            {
                LogCompleted(job.Kind, job.Id);
                await AfterCompletedAsync(job, cancellationToken);
            }
        }
        catch (TableFileException e)
        {
            await FinishAsync(job, ImportStatuses.Failed, e.Message, cancellationToken);
        }
        catch (ImportLeaseLostException)
        {
            LogLeaseLost(job.Id); // another worker resumes it after the last committed chunk
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await jobs.ReleaseAsync(job.Id, Owner, CancellationToken.None);
            throw;
        }

        return true;
    }

    private async Task<bool> FinishAsync(ImportJob job, string status, string? error, CancellationToken cancellationToken)
    {
        var finished = await jobs.FinishAsync(job.Id, Owner, status, error,
            (connection, transaction) => FoldAsync(job, connection, transaction, cancellationToken), cancellationToken);
        if (finished)
        {
            TryDelete(job.StoredFile);
        }

        return finished;
    }

    private async Task RunAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var reader = await ReaderForAsync(job, cancellationToken);
        await using var stream = new FileStream(job.StoredFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var table = TableFileReader.Open(stream, job.FileName);
        var columns = TableColumns.Map(table.Headers, reader.RequiredColumns, reader.RequiredColumns, out var missing);
        if (missing.Count > 0)
        {
            throw new TableFileException("Tệp thiếu cột bắt buộc: " + string.Join(", ", missing));
        }

        var lines = new List<TLine>(Math.Min(options.ChunkSize, 100_000));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<ImportLineError>();
        long rejected = 0;
        var lastLine = job.LastLine;
        foreach (var row in table.Rows)
        {
            var checks = new LineChecks(row.LineNumber);
            var line = row.Unreadable is { } unreadable ? Unreadable(checks, unreadable) : reader.Check(row, columns, checks);
            if (row.LineNumber <= job.LastLine)
            {
                continue; // committed before a restart: checked only to rebuild the reader's memory
            }

            if (line is not null && reader.ChunkKey(line) is { } key && !keys.Add(key))
            {
                await WriteAsync();
                keys.Add(key);
            }

            lastLine = row.LineNumber;
            if (line is null)
            {
                errors.AddRange(checks.Errors);
                rejected++;
            }
            else
            {
                lines.Add(line);
            }

            if (lines.Count + rejected >= options.ChunkSize)
            {
                await WriteAsync();
            }
        }

        await WriteAsync();

        async Task WriteAsync()
        {
            if (lines.Count + rejected == 0)
            {
                return;
            }

            await WriteChunkAsync(job, lines, errors, rejected, lastLine, stream.Position, cancellationToken);
            lines.Clear();
            keys.Clear();
            errors.Clear();
            rejected = 0;
        }
    }

    private static TLine? Unreadable(LineChecks checks, string reason)
    {
        checks.Add("line", reason);
        return null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The job's outcome is stored; a file left behind is only disk space.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The import worker failed; it tries again at the next poll")]
    private partial void LogWorkerFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Kind} {ImportId} completed")]
    private partial void LogCompleted(string kind, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} was taken over by another worker")]
    private partial void LogLeaseLost(Guid importId);
}
