using Dakla06.Contracts.Cleansing;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults.Messaging;
using MassTransit;
using Npgsql;

namespace Dakla06.Directives.Messaging;

// Cleansing's registry-quality assignments, turned into commune tasks closed by the data. The inbox makes a redelivered
// message a no-op; RegistryQualityStore makes a re-published event (new message id) one too.

/// <summary>RegistryQualityTaskAssigned → the commune's task under the assignment's document.</summary>
public sealed class RegistryQualityTaskAssignedConsumer(NpgsqlDataSource dataSource, Outbox outbox, RegistryQualityStore store)
    : InboxConsumer<RegistryQualityTaskAssigned>(dataSource, outbox)
{
    protected override Task HandleAsync(ConsumeContext<RegistryQualityTaskAssigned> context, NpgsqlTransaction transaction) =>
        store.OpenAsync(context.Message, transaction, context.CancellationToken);
}

/// <summary>RegistryQualityTaskProgressed → the system's progress report; the last open item closed accepts the task.</summary>
public sealed class RegistryQualityTaskProgressedConsumer(NpgsqlDataSource dataSource, Outbox outbox, RegistryQualityStore store)
    : InboxConsumer<RegistryQualityTaskProgressed>(dataSource, outbox)
{
    protected override Task HandleAsync(ConsumeContext<RegistryQualityTaskProgressed> context, NpgsqlTransaction transaction) =>
        store.ProgressAsync(context.Message, transaction, context.CancellationToken);
}
