using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Statistics;
using Dakla06.Directives.Domain;
using Npgsql;

namespace Dakla06.Directives.Data;

/// <summary>
/// Shortfall tasks driven by the indicator events of statistics (and enrolment), inside the consumer's inbox transaction.
/// One task per unit × source service × indicator × period (the unique source id), under the issuing unit's document of
/// the target's number (found, or written by the system the first time). Detected opens it — or reopens it when a
/// cleared shortfall comes back; Cleared accepts it. Each is idempotent on its own, like <see cref="RemediationStore"/>.
/// </summary>
public sealed class ShortfallStore(SourceTasks tasks, AdminUnitDirectory units)
{
    /// <summary>Opens the unit's task for the shortfall, or reopens it when it was closed by an earlier recovery.</summary>
    public async Task OpenAsync(IndicatorShortfallDetected detected, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An unknown unit code is a contract breach that retrying cannot fix: the message ends in the error queue.
        var unit = units.Find(detected.UnitCode)
            ?? throw new InvalidOperationException($"IndicatorShortfallDetected {detected.EventId}: unknown unit '{detected.UnitCode}'.");
        var issuing = units.Find(detected.IssuingUnitCode)
            ?? throw new InvalidOperationException($"IndicatorShortfallDetected {detected.EventId}: unknown issuing unit '{detected.IssuingUnitCode}'.");
        var documentId = await EnsureDocumentAsync(detected, issuing, transaction, cancellationToken);
        var systemUser = Shortfall.SystemUser(detected.SourceService);
        var opened = await tasks.OpenAsync(new NewSourceTask(
            documentId, IndicatorShortfalls.SourceType, Shortfall.SourceId(detected), Shortfall.Title(detected),
            Shortfall.Description(detected, unit.Name), Shortfall.ExpectedOutput, detected.PeriodTo, Shortfall.Priority, unit, issuing,
            systemUser, Shortfall.SystemUserName(detected.SourceService), systemUser, Shortfall.DetectedNote(detected), detected.OccurredAt),
            transaction, cancellationToken);
        if (!opened)
        {
            var task = await SourceTasks.LockAsync(IndicatorShortfalls.SourceType, Shortfall.SourceId(detected), transaction, cancellationToken);
            if (task.State == TaskState.Accepted)
            {
                await tasks.ReopenAsync(task, systemUser, Shortfall.SystemUserName(detected.SourceService), Shortfall.DetectedAgainNote(detected),
                    detected.OccurredAt, transaction, cancellationToken);
            }
        }
    }

    /// <summary>Accepts the shortfall's task unless it is accepted already; publishes <see cref="TaskAccepted"/>.</summary>
    public async Task CloseAsync(IndicatorShortfallCleared cleared, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var task = await SourceTasks.LockAsync(IndicatorShortfalls.SourceType, Shortfall.SourceId(cleared), transaction, cancellationToken);
        await tasks.AcceptAsync(task, Shortfall.SystemUser(cleared.SourceService), Shortfall.SystemUserName(cleared.SourceService),
            Shortfall.ClearedNote(cleared), cleared.OccurredAt, transaction, cancellationToken);
    }

    /// <summary>
    /// The issuing unit's document of the target's number (the latest issued when several years have one), or a system
    /// document of that number issued on the period's first day.
    /// </summary>
    private Task<Guid> EnsureDocumentAsync(
        IndicatorShortfallDetected detected, AdminUnit issuing, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        tasks.EnsureDocumentAsync(new SystemDocument(
            DocumentType.IndicatorTargets, DocumentNumber.Normalize(detected.Document), issuing, detected.PeriodFrom,
            Shortfall.DocumentSubject(detected), Shortfall.DocumentSummary(detected), Shortfall.SystemUser(detected.SourceService),
            Shortfall.SystemUserName(detected.SourceService)), transaction, cancellationToken);
}
