using Dakla06.Cleansing.Quality;
using Dakla06.Contracts.Cleansing;
using Dakla06.ServiceDefaults.Messaging;
using Dapper;
using Npgsql;

namespace Dakla06.Cleansing.Jobs;

/// <summary>
/// Reports the communes' registry-quality tasks to directive tracking: on each poll it counts the items of every open
/// assignment share (those of the category open when assigned or opened since, closed and still open) and publishes
/// <see cref="RegistryQualityTaskProgressed"/> for each share whose counts changed — whatever changed them: an officer's
/// outcome, a bulk close, a rule run closing items by the data or opening new ones. No open item left completes the
/// share (its last event closes the task). Counting, the events and the new counts commit together under the shares' row
/// locks (<c>SKIP LOCKED</c>), so two replicas never publish one change twice.
/// </summary>
public sealed partial class QualityTaskPublisher(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    QualitySettings settings,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<QualityTaskPublisher> logger) : BackgroundService
{
    public const string PollIntervalKey = "Cleansing:QualityTaskPollInterval";

    public TimeSpan PollInterval => configuration.GetValue<TimeSpan?>(PollIntervalKey) ?? TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishChangesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPublishFailed(e);
            }

            await Task.Delay(PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Publishes the progress of every open share whose counts changed; returns how many.</summary>
    public async Task<int> PublishChangesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = (await connection.QueryAsync<ShareCounts>(new CommandDefinition(
            """
            WITH shares AS (
                SELECT assignment_id, commune_code, category, assigned_at, total, closed
                  FROM quality_assignment_communes
                 WHERE completed_at IS NULL
                 FOR UPDATE SKIP LOCKED)
            SELECT s.assignment_id, s.commune_code, s.category, n.total, n.closed
              FROM shares s
             CROSS JOIN LATERAL (
                SELECT count(*)::int AS total, count(*) FILTER (WHERE i.status = 'closed')::int AS closed
                  FROM quality_items i
                 WHERE i.commune_code = s.commune_code AND i.category = s.category
                   AND (i.closed_at IS NULL OR i.closed_at >= s.assigned_at)) n
             WHERE (n.total, n.closed) IS DISTINCT FROM (s.total, s.closed)
            """,
            transaction: transaction, cancellationToken: cancellationToken))).ToList();
        if (changed.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        var now = time.GetUtcNow();
        foreach (var share in changed)
        {
            var open = share.Total - share.Closed;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE quality_assignment_communes
                   SET total = @Total, closed = @Closed, open = @open, published_at = @now,
                       completed_at = CASE WHEN @open = 0 THEN @now END
                 WHERE assignment_id = @AssignmentId AND commune_code = @CommuneCode
                """,
                new { share.Total, share.Closed, open, now = now.UtcDateTime, share.AssignmentId, share.CommuneCode },
                transaction, cancellationToken: cancellationToken));
            await outbox.AddAsync(new RegistryQualityTaskProgressed(
                Guid.CreateVersion7(), now, share.CommuneCode, share.AssignmentId, share.Category, settings.NameOf(share.Category),
                share.Total, share.Closed, open), transaction, cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        LogPublished(changed.Count);
        return changed.Count;
    }

    private sealed class ShareCounts
    {
        public Guid AssignmentId { get; init; }

        public string CommuneCode { get; init; } = string.Empty;

        public string Category { get; init; } = string.Empty;

        public int Total { get; init; }

        public int Closed { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registry-quality task progress published for {Count} communes")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry-quality task progress not published; retrying at the next poll")]
    private partial void LogPublishFailed(Exception exception);
}
