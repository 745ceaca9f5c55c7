using Dakla06.Contracts.Statistics;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults.Messaging;
using MassTransit;
using Npgsql;

namespace Dakla06.Directives.Messaging;

// Indicator shortfalls of statistics (and enrolment), turned into tasks closed by the data. The inbox makes a
// redelivered message a no-op; ShortfallStore makes a re-published event (new message id) one too.

/// <summary>IndicatorShortfallDetected → the unit's task for that indicator and period (opened, or reopened after a recovery).</summary>
public sealed class IndicatorShortfallDetectedConsumer(NpgsqlDataSource dataSource, Outbox outbox, ShortfallStore store)
    : InboxConsumer<IndicatorShortfallDetected>(dataSource, outbox)
{
    protected override Task HandleAsync(ConsumeContext<IndicatorShortfallDetected> context, NpgsqlTransaction transaction) =>
        store.OpenAsync(context.Message, transaction, context.CancellationToken);
}

/// <summary>IndicatorShortfallCleared → the task is accepted (closed).</summary>
public sealed class IndicatorShortfallClearedConsumer(NpgsqlDataSource dataSource, Outbox outbox, ShortfallStore store)
    : InboxConsumer<IndicatorShortfallCleared>(dataSource, outbox)
{
    protected override Task HandleAsync(ConsumeContext<IndicatorShortfallCleared> context, NpgsqlTransaction transaction) =>
        store.CloseAsync(context.Message, transaction, context.CancellationToken);
}
