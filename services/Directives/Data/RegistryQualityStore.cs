using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Cleansing;
using Dakla06.Directives.Domain;
using Dakla06.ServiceDefaults;
using Npgsql;

namespace Dakla06.Directives.Data;

/// <summary>
/// Registry-quality tasks driven by cleansing's assignment events, inside the consumer's inbox transaction. One task per
/// assignment × commune (the unique source id), under a document the system writes for the assignment at the assigning
/// unit. Progress is the system's report on the task; the commune's open items reaching zero accepts it. Each effect is
/// idempotent on its own, like <see cref="ShortfallStore"/>: the task exists once, a stale count changes nothing.
/// </summary>
public sealed class RegistryQualityStore(SourceTasks tasks, AdminUnitDirectory units)
{
    /// <summary>Opens the commune's task for the assignment (and the assignment's document with the first commune).</summary>
    public async Task OpenAsync(RegistryQualityTaskAssigned assigned, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An unknown unit code is a contract breach that retrying cannot fix: the message ends in the error queue.
        var commune = units.Find(assigned.UnitCode)
            ?? throw new InvalidOperationException($"RegistryQualityTaskAssigned {assigned.EventId}: unknown commune '{assigned.UnitCode}'.");
        var assigning = units.Find(assigned.AssigningUnitCode)
            ?? throw new InvalidOperationException($"RegistryQualityTaskAssigned {assigned.EventId}: unknown unit '{assigned.AssigningUnitCode}'.");
        var documentId = await tasks.EnsureDocumentAsync(new SystemDocument(
            DocumentType.RegistryQualityAssignment, RegistryQuality.DocumentNumber(assigned), assigning,
            VietnamTime.DateOf(assigned.OccurredAt), RegistryQuality.DocumentSubject(assigned), RegistryQuality.DocumentSummary(assigned),
            RegistryQuality.SystemUser, RegistryQuality.SystemUserName), transaction, cancellationToken);
        await tasks.OpenAsync(new NewSourceTask(
            documentId, RegistryQualityTasks.SourceType, RegistryQuality.SourceId(assigned), RegistryQuality.Title(assigned),
            RegistryQuality.Description(assigned, commune.Name), RegistryQuality.ExpectedOutput, assigned.DueOn, RegistryQuality.Priority,
            commune, assigning, RegistryQuality.SystemUser, RegistryQuality.SystemUserName, assigned.AssignedBy,
            RegistryQuality.AssignedNote(assigned), assigned.OccurredAt), transaction, cancellationToken);
    }

    /// <summary>Records the counts as the system's report; no open item left accepts (closes) the task.</summary>
    public async Task ProgressAsync(RegistryQualityTaskProgressed progressed, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var task = await SourceTasks.LockAsync(RegistryQualityTasks.SourceType, RegistryQuality.SourceId(progressed), transaction, cancellationToken);
        var reported = await tasks.ReportAsync(task, RegistryQuality.SystemUser, RegistryQuality.SystemUserName, RegistryQuality.Percent(progressed),
            RegistryQuality.ProgressNote(progressed), progressed.OccurredAt, transaction, cancellationToken);
        if (reported && progressed.Open == 0)
        {
            await tasks.AcceptAsync(task, RegistryQuality.SystemUser, RegistryQuality.SystemUserName, RegistryQuality.ProgressNote(progressed),
                progressed.OccurredAt, transaction, cancellationToken);
        }
    }
}
