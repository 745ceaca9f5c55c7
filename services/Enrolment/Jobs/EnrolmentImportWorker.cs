using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Enrolment.Data;
using Dakla06.Enrolment.Domain;
using Dakla06.ServiceDefaults;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Imports;
using Dakla06.ServiceDefaults.Security;
using Npgsql;

namespace Dakla06.Enrolment.Jobs;

/// <summary>Wakes this replica's import worker when an upload is queued here.</summary>
public sealed class ImportSignal : WakeSignal;

/// <summary>Work to do after an enrolment import completed, on the fresh counts (e.g. evaluating targets).</summary>
public interface IAfterEnrolmentImport
{
    Task ImportCompletedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs the three enrolment imports (applications, card events, e-ID accounts) as jobs on ServiceDefaults' import loop:
/// each kind's file reader checks the lines, its writer stores each chunk, and the job's final transaction folds the
/// job's contributions into the funnel's counts, so the funnel is current the moment the job completes.
/// </summary>
public sealed class EnrolmentImportWorker(
    ImportJobStore jobs,
    ImportSignal signal,
    ApplicationWriter applications,
    CardEventWriter cards,
    EidAccountWriter accounts,
    IEnumerable<IAfterEnrolmentImport> afterImport,
    EnrolmentTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<EnrolmentImportWorker> logger)
    : ImportJobWorker<EnrolmentLine>(jobs, signal, ImportJobOptions.From(configuration, "Enrolment"), logger)
{
    protected override Task<IImportLineReader<EnrolmentLine>> ReaderForAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var rules = new EnrolmentRules(new UnitScope(AdminUnitDirectory.Default.Get(job.UnitCode)), VietnamTime.Today(time).Year);
        IImportLineReader<EnrolmentLine> reader = job.Kind switch
        {
            EnrolmentImportKinds.Applications => new ApplicationFile(rules),
            EnrolmentImportKinds.Cards => new CardEventFile(),
            EnrolmentImportKinds.Eid => new EidAccountFile(rules),
            _ => throw new InvalidOperationException($"Unknown enrolment import kind '{job.Kind}'."),
        };
        return Task.FromResult(reader);
    }

    protected override async Task<ChunkCounts> WriteChunkAsync(
        ImportJob job, IReadOnlyList<EnrolmentLine> lines, List<ImportLineError> errors, long rejected, long lastLine, long bytesRead, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartActivity("enrolment.import.chunk");
        activity?.SetTag("enrolment.import.id", job.Id);
        var progress = new ChunkProgress(Owner, Options.Lease, lastLine, bytesRead);
        var counts = job.Kind switch
        {
            EnrolmentImportKinds.Applications => await applications.WriteAsync(job, progress, [.. lines.Cast<ApplicationLine>()], errors, rejected, cancellationToken),
            EnrolmentImportKinds.Cards => await cards.WriteAsync(job, progress, [.. lines.Cast<CardEventLine>()], errors, rejected, cancellationToken),
            _ => await accounts.WriteAsync(job, progress, [.. lines.Cast<EidAccountLine>()], errors, rejected, cancellationToken),
        };
        telemetry.LinesImported(job.Kind, counts.Inserted, counts.Updated, counts.Unchanged, counts.Rejected);
        return counts;
    }

    protected override Task FoldAsync(ImportJob job, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        EnrolmentCounts.FoldAsync(connection, transaction, job.Id, cancellationToken);

    protected override async Task AfterCompletedAsync(ImportJob job, CancellationToken cancellationToken)
    {
        foreach (var work in afterImport)
        {
            await work.ImportCompletedAsync(cancellationToken);
        }
    }
}
