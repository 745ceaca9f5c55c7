using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Statistics.Data;
using Dakla06.Statistics.Domain;

namespace Dakla06.Statistics.Jobs;

/// <summary>Wakes this replica's import worker when an upload is queued here.</summary>
public sealed class ImportSignal : WakeSignal;

/// <summary>
/// Runs dossier imports, on every replica: claims a queued job (or one whose worker died), streams its file, checks
/// each line and stores the file chunk by chunk (<see cref="DossierWriter"/>), each chunk committed with the job's counts
/// and progress; the job's end folds its dossiers into the count tables, so the indicators are current when it completes. A resumed job replays the lines before its last
/// committed one only to know which dossier codes the file already had (a code twice in a file is refused the second time).
/// </summary>
public sealed partial class DossierImportWorker(
    ImportStore imports,
    ProcedureStore procedures,
    ValidationRuleStore validationRules,
    DossierWriter writer,
    ImportSignal signal,
    ShortfallScanner shortfalls,
    StatisticsTelemetry telemetry,
    IConfiguration configuration,
    ILogger<DossierImportWorker> logger) : BackgroundService
{
    public const string ChunkSizeKey = "Statistics:ChunkSize";
    public const string LeaseKey = "Statistics:ImportLease";
    public const string PollIntervalKey = "Statistics:WorkerPollInterval";

    /// <summary>Claims after which a job that keeps dying (a file that crashes the worker) is failed instead of retried.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Who holds the lease: unique per worker instance.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private int ChunkSize => Math.Max(1, configuration.GetValue<int?>(ChunkSizeKey) ?? 20_000);

    private TimeSpan Lease => configuration.GetValue<TimeSpan?>(LeaseKey) ?? TimeSpan.FromMinutes(1);

    private TimeSpan PollInterval => configuration.GetValue<TimeSpan?>(PollIntervalKey) ?? TimeSpan.FromSeconds(2);

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
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims one import and runs it to its end or until stopped; false when there was none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        if (await imports.ClaimAsync(Owner, Lease, cancellationToken) is not { } import)
        {
            return false;
        }

        if (import.Attempts > MaxAttempts)
        {
            await writer.FinishAsync(import.Id, Owner, ImportStatuses.Failed,
                $"Việc nhập bị gián đoạn {import.Attempts - 1} lần; đã dừng để tránh lặp lại.", cancellationToken);
            return true;
        }

        using var activity = telemetry.StartActivity("statistics.import");
        activity?.SetTag("statistics.import.id", import.Id);
        try
        {
            await RunAsync(import, cancellationToken);
            await writer.FinishAsync(import.Id, Owner, ImportStatuses.Completed, null, cancellationToken);
            TryDelete(import.StoredFile);
            LogCompleted(import.Id);
            await shortfalls.EvaluateAfterImportAsync(cancellationToken);
        }
        catch (TableFileException e)
        {
            await writer.FinishAsync(import.Id, Owner, ImportStatuses.Failed, e.Message, cancellationToken);
            TryDelete(import.StoredFile);
        }
        catch (LeaseLostException)
        {
            LogLeaseLost(import.Id); // another worker resumes it after the last committed chunk
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await imports.ReleaseAsync(import.Id, Owner, CancellationToken.None);
            throw;
        }

        return true;
    }

    private async Task RunAsync(ImportRow import, CancellationToken cancellationToken)
    {
        var scope = new UnitScope(AdminUnitDirectory.Default.Get(import.UnitCode));
        var file = new DossierFile(scope, await procedures.CodesAsync(cancellationToken));
        var rules = new ValidationRules(await validationRules.ListAsync(cancellationToken));
        await using var stream = new FileStream(import.StoredFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var table = TableFileReader.Open(stream, import.FileName);
        var columns = DossierFile.MapHeader(table.Headers, out var missing);
        if (missing.Count > 0)
        {
            throw new TableFileException("Tệp thiếu cột bắt buộc: " + string.Join(", ", missing));
        }

        var firstLineOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = new List<DossierLine>(ChunkSize);
        var findings = new List<ImportLineError>();
        long rejected = 0;
        long lastLine = import.LastLine;

        // One chunk in flight: the database stores it while this thread reads and checks the next one (2 cores; the
        // chunks are still committed one after another, in file order).
        Task? writing = null;
        try
        {
            foreach (var row in table.Rows)
            {
                var problems = new LineProblems(row.LineNumber, rules);
                var line = file.Check(row, columns, problems);
                if (line is not null && !firstLineOf.TryAdd(line.DossierCode, row.LineNumber))
                {
                    problems.Add(DossierFile.DossierCode, $"Mã hồ sơ {line.DossierCode} trùng với dòng {firstLineOf[line.DossierCode]} trong tệp.",
                        ValidationRules.DuplicateInFile);
                    line = null;
                }

                if (row.LineNumber <= import.LastLine)
                {
                    continue; // committed before a restart: only the codes seen matter
                }

                lastLine = row.LineNumber;
                findings.AddRange(problems.Findings); // a stored line's warnings too
                if (line is null)
                {
                    rejected++;
                }
                else
                {
                    lines.Add(line);
                }

                if (lines.Count + rejected >= ChunkSize)
                {
                    await StartWriteAsync();
                }
            }

            await StartWriteAsync();
            if (writing is not null)
            {
                await writing;
            }
        }
        catch when (writing is { IsCompleted: false })
        {
            // The job must not end (and fold its counts) while a chunk is still being committed.
            await writing.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        async Task StartWriteAsync()
        {
            if (lines.Count + rejected == 0)
            {
                return;
            }

            if (writing is not null)
            {
                await writing;
            }

            writing = WriteAsync(lines, findings, rejected, lastLine, stream.Position);
            lines = new List<DossierLine>(ChunkSize);
            findings = [];
            rejected = 0;
        }

        async Task WriteAsync(List<DossierLine> chunk, List<ImportLineError> chunkFindings, long chunkRejected, long chunkLastLine, long bytesRead)
        {
            var outcome = await writer.WriteChunkAsync(import, Owner, Lease, rules, chunk, chunkFindings, chunkRejected, chunkLastLine, bytesRead, cancellationToken);
            telemetry.DossiersImported(outcome.Inserted, outcome.Updated, outcome.Unchanged, outcome.Rejected);
        }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The dossier import worker failed; it tries again at the next poll")]
    private partial void LogWorkerFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dossier import {ImportId} completed")]
    private partial void LogCompleted(Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier import {ImportId} was taken over by another worker")]
    private partial void LogLeaseLost(Guid importId);
}
