using System.Diagnostics;
using System.Text.Json;
using Dakla06.Contracts;
using Dakla06.ServiceDefaults.Hosting;
using Npgsql;

namespace Dakla06.ServiceDefaults.Messaging;

/// <summary>
/// Writes integration events into the service's own database, in the caller's transaction, so an event exists
/// exactly when the state change that caused it was committed. <see cref="OutboxRelay"/> publishes them.
/// </summary>
public sealed class Outbox(OutboxSignal signal)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the event to the transaction; commit with <see cref="CommitAsync"/> so the relay wakes at once.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Injected service: callers write and commit through the same instance.")]
    public async Task AddAsync<TEvent>(TEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
        where TEvent : class, IIntegrationEvent
    {
        const string sql = """
            INSERT INTO outbox_messages (id, message_type, payload, trace_parent, trace_state)
            VALUES (@id, @type, @payload::jsonb, @traceParent, @traceState)
            """;
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", message.EventId);
        command.Parameters.AddWithValue("type", typeof(TEvent).FullName!);
        command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(message, Json));
        // The relay publishes under this parent, so the dashboard shows request → relay → consumers as one trace.
        command.Parameters.AddWithValue("traceParent", (object?)Activity.Current?.Id ?? DBNull.Value);
        command.Parameters.AddWithValue("traceState", (object?)Activity.Current?.TraceStateString ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Commits the transaction and wakes the relay.</summary>
    public async Task CommitAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
    }
}

/// <summary>Wakes the relay as soon as something was committed, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
