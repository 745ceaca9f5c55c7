using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Inspections;
using Dakla06.Inspections.Data;
using Dakla06.ServiceDefaults.Messaging;
using MassTransit;
using Npgsql;

namespace Dakla06.Inspections.Messaging;

/// <summary>
/// Directive tracking reports a remediation task done → its finding awaits re-verification
/// (open|reopened → remediation_reported, with the report note and reporter in the history; readiness recomputed).
/// Tasks of other sources, progress reports without done, unknown findings and findings in other states are
/// ignored. The inbox makes a redelivered message a no-op.
/// </summary>
public sealed partial class TaskReportedConsumer(NpgsqlDataSource dataSource, Outbox outbox, FindingStore findings, ILogger<TaskReportedConsumer> logger)
    : InboxConsumer<TaskReported>(dataSource, outbox)
{
    protected override async Task HandleAsync(ConsumeContext<TaskReported> context, NpgsqlTransaction transaction)
    {
        var message = context.Message;
        if (message.SourceType != RemediationTasks.SourceType || !message.Done)
        {
            return;
        }

        if (!Guid.TryParse(message.SourceId, out var findingId))
        {
            LogUnknownSource(message.TaskId, message.SourceId);
            return;
        }

        if (!await findings.ReportRemediationAsync(transaction, findingId, message.ReportedBy, message.Note, context.CancellationToken))
        {
            LogIgnored(message.TaskId, findingId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remediation task {TaskId} names source {SourceId}, which is not a finding id")]
    private partial void LogUnknownSource(Guid taskId, string? sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report of remediation task {TaskId} left finding {FindingId} as it was (unknown, or not open/reopened)")]
    private partial void LogIgnored(Guid taskId, Guid findingId);
}
