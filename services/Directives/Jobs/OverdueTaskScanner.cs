using Dakla06.Contracts.Directives;
using Dakla06.ServiceDefaults;
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
public sealed partial class OverdueTaskScanner(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<OverdueTaskScanner> logger) : BackgroundService
{
    public const string IntervalKey = "Directives:OverdueScanInterval";
    public const int BatchSize = 500;

    private const string ClaimAndMark = """
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

    public TimeSpan Interval => configuration.GetValue<TimeSpan?>(IntervalKey) ?? TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogScanFailed(e);
            }

            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Announces every task that is overdue now and was not announced yet; returns how many.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var marked = await ScanBatchAsync(cancellationToken);
            total += marked;
            if (marked < BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogAnnounced(total);
        }

        return total;
    }

    private async Task<int> ScanBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tasks = (await connection.QueryAsync<OverdueRow>(new CommandDefinition(
            ClaimAndMark,
            new { today = VietnamTime.Today(time), now = now.UtcDateTime, batch = BatchSize },
            transaction, cancellationToken: cancellationToken))).ToList();
        if (tasks.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO task_events (task_id, kind, actor, actor_name, note, at)
            SELECT id, 'overdue', 'system', 'Hệ thống', NULL, @now FROM unnest(@ids) AS id
            """,
            new { ids = tasks.Select(t => t.Id).ToArray(), now = now.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
        foreach (var task in tasks)
        {
            await outbox.AddAsync(new TaskOverdue(
                Guid.CreateVersion7(), now, task.AssigneeUnitCode, task.Id, task.DocumentId, task.SourceType, task.SourceId,
                task.AssignerUnitCode, task.Title, task.DueOn, task.Status), transaction, cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        return tasks.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} overdue tasks")]
    private partial void LogAnnounced(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overdue task scan failed; retrying at the next interval")]
    private partial void LogScanFailed(Exception exception);

    private sealed class OverdueRow
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
