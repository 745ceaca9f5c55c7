using Dakla06.Contracts.Directives;
using Dakla06.ServiceDefaults.Hosting;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Directives.Jobs;

/// <summary>
/// Announces overdue tasks: every <c>Directives:OverdueScanInterval</c> (default one minute) it marks open tasks whose
/// deadline (a Vietnam date) has passed and that were never announced, writing a history row and
/// <see cref="TaskOverdue"/> in the same transaction. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and marked
/// with <c>overdue_notified_at</c>, which is never cleared: with several replicas, or after a task is returned past
/// its deadline, each task is announced once.
/// </summary>
public sealed class OverdueTaskScanner(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    DirectivesTelemetry telemetry,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<OverdueTaskScanner> logger)
    : PeriodicScanner<OverdueTaskScanner.OverdueTask>(dataSource, outbox, telemetry, time, configuration, logger)
{
    protected override string IntervalKey => "Directives:OverdueScanInterval";

    protected override TimeSpan DefaultInterval => TimeSpan.FromMinutes(1);

    public override int BatchSize => 500;

    protected override string ClaimSql => """
        WITH due AS (
            SELECT id FROM tasks
            WHERE status IN ('assigned', 'in_progress') AND due_on < @today AND overdue_notified_at IS NULL
            ORDER BY due_on, id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        )
        UPDATE tasks t SET overdue_notified_at = @now
        FROM due
        WHERE t.id = due.id
        RETURNING t.id, t.document_id, t.source_type, t.source_id, t.assignee_unit_code, t.assigner_unit_code,
                  t.title, t.due_on, t.status
        """;

    protected override async Task ProcessAsync(OverdueTask task, ScanBatch batch)
    {
        await batch.Transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO task_events (task_id, kind, actor, actor_name, note, at) VALUES (@id, 'overdue', 'system', 'Hệ thống', NULL, @now)",
            new { id = task.Id, now = batch.Now.UtcDateTime }, batch.Transaction, cancellationToken: batch.CancellationToken));
        await Outbox.AddAsync(new TaskOverdue(
            Guid.CreateVersion7(), batch.Now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
            task.AssignerUnitCode, task.Title, task.DueOn, task.Status), batch.Transaction, batch.CancellationToken);
    }

    /// <summary>A task claimed as overdue, with what its event carries.</summary>
    public sealed class OverdueTask
    {
        public Guid Id { get; init; }

        public Guid? DocumentId { get; init; }

        public string? SourceType { get; init; }

        public string? SourceId { get; init; }

        public string AssigneeUnitCode { get; init; } = string.Empty;

        public string AssignerUnitCode { get; init; } = string.Empty;

        public string Title { get; init; } = string.Empty;

        public DateOnly DueOn { get; init; }

        public string Status { get; init; } = string.Empty;
    }
}
