using MassTransit;
using Npgsql;

namespace Dakla06.ServiceDefaults.Messaging;

/// <summary>
/// Base for consumers that change the service's database. The message id is recorded in <c>inbox_messages</c>
/// in the same transaction as the consumer's writes (and any events it adds to the <see cref="Outbox"/>), so a
/// redelivered or re-published message has its effect once. A failure rolls everything back and lets
/// MassTransit retry, then move the message to the <c>_error</c> queue.
/// </summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource, Outbox outbox) : IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>The inbox key of this consumer; defaults to the consumer's type name.</summary>
    protected virtual string ConsumerName => GetType().FullName!;

    protected Outbox Outbox => outbox;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; the inbox cannot deduplicate it.");

        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO inbox_messages (message_id, consumer) VALUES (@id, @consumer) ON CONFLICT DO NOTHING",
            connection, transaction))
        {
            record.Parameters.AddWithValue("id", messageId);
            record.Parameters.AddWithValue("consumer", ConsumerName);
            // A concurrent duplicate blocks here until the first commits, then inserts nothing.
            if (await record.ExecuteNonQueryAsync(context.CancellationToken) == 0)
            {
                return;
            }
        }

        await HandleAsync(context, transaction);
        await outbox.CommitAsync(transaction, context.CancellationToken);
    }

    /// <summary>Does the consumer's work inside <paramref name="transaction"/>.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction);
}
