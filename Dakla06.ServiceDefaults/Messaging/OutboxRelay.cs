using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Dakla06.Contracts;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dakla06.ServiceDefaults.Messaging;

/// <summary>Tuning of the outbox relay.</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>Rows claimed per round; they are published concurrently (one broker confirm round trip per round).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Poll interval when nothing woke the relay (rows committed by another replica, or after a failure).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one round may wait for broker confirms before it gives up and retries later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ. Each round claims rows with <c>FOR UPDATE SKIP LOCKED</c>, so
/// replicas share the work without publishing a row twice; publishes them with the row id as MessageId (so a
/// consumer's inbox recognises a re-publish after a crash); and deletes them in the same transaction only after
/// the broker confirmed. If the broker is down, the transaction rolls back and the rows wait for the next round.
/// </summary>
public sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly ActivitySource ActivitySource = new("Dakla06.Outbox");
    private static readonly Meter Meter = new("Dakla06.Outbox");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("dakla06.outbox.published", description: "Events relayed from the outbox to the broker");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("dakla06.outbox.failures", description: "Relay rounds that failed and will be retried");

    private static readonly Dictionary<string, Type> EventTypes = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    // The relay keeps one connection for itself instead of renting one from the pool each round: under a burst of
    // requests every pooled connection is busy and queued for, and a relay queueing behind them (up to the pool's
    // 15 s timeout, then a back-off) would hold back the very events those requests commit.
    private NpgsqlConnection? _connection;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failuresInARow = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            int relayed;
            try
            {
                relayed = await RelayBatchAsync(stoppingToken);
                failuresInARow = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                await DropConnectionAsync();
                failuresInARow++;
                Failures.Add(1);
                LogRelayFailed(e, failuresInARow);
                relayed = 0;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failuresInARow, 7))));
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            // A full batch means more rows are probably waiting: go again at once.
            if (relayed < options.Value.BatchSize)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }

        await DropConnectionAsync();
    }

    /// <summary>Closes the relay's connection (after a failure it may be broken: the next round opens a new one).</summary>
    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>Relays one batch; returns how many rows it published.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var connection = _connection ??= await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var rows = new List<OutboxRow>();
        await using (var claim = new NpgsqlCommand(
            """
            SELECT id, message_type, payload::text, trace_parent, trace_state
            FROM outbox_messages
            ORDER BY created_at, id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("batch", options.Value.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new OutboxRow(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await Task.WhenAll(rows.Select(row => PublishAsync(row, timeout.Token)));
        }
        catch (Exception e)
        {
            // Release the row locks first: the bookkeeping update runs on another connection.
            await transaction.RollbackAsync(CancellationToken.None);
            await RecordFailureAsync(rows, e, cancellationToken);
            throw;
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM outbox_messages WHERE id = ANY(@ids)", connection, transaction))
        {
            delete.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Published.Add(rows.Count);
        return rows.Count;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        if (!EventTypes.TryGetValue(row.MessageType, out var type))
        {
            throw new InvalidOperationException($"Outbox row {row.Id} has unknown event type '{row.MessageType}'.");
        }

        var message = JsonSerializer.Deserialize(row.Payload, type, Outbox.Json)!;
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var activity = ActivitySource.StartActivity($"outbox relay {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.Id);
        await bus.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = row.Id), cancellationToken);
    }

    /// <summary>Counts the attempt outside the (rolled back) claim transaction, so stuck rows are visible in SQL.</summary>
    private async Task RecordFailureAsync(List<OutboxRow> rows, Exception error, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @error WHERE id = ANY(@ids)");
            command.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
            command.Parameters.AddWithValue("error", error.GetBaseException().Message);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // Bookkeeping only; the rows are retried either way.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay round failed ({FailuresInARow} in a row); retrying with back-off")]
    private partial void LogRelayFailed(Exception exception, int failuresInARow);

    private sealed record OutboxRow(Guid Id, string MessageType, string Payload, string? TraceParent, string? TraceState);
}
