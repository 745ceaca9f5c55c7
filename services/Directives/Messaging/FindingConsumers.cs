using Dakla06.Contracts.Inspections;
using Dakla06.Directives.Data;
using Dakla06.ServiceDefaults.Messaging;
using MassTransit;
using Npgsql;

namespace Dakla06.Directives.Messaging;

// The inspection service's finding events, turned into remediation tasks. The inbox makes a redelivered message a
// no-op; RemediationStore makes each effect idempotent on its own, so a re-published event (new message id) is too.

/// <summary>FindingRaised → a remediation task for the responsible unit under the inspection's conclusion document.</summary>
public sealed class FindingRaisedConsumer(NpgsqlDataSource dataSource, Outbox outbox, RemediationStore store)
    : InboxConsumer<FindingRaised>(dataSource, outbox)
{
    protected override Task HandleAsync(ConsumeContext<FindingRaised> context, NpgsqlTransaction transaction) =>
        store.OpenAsync(context.Message, transaction, context.CancellationToken);
}

/// <summary>FindingVerified → the remediation task is accepted (closed).</summary>
public sealed class FindingVerifiedConsumer(NpgsqlDataSource dataSource, Outbox outbox, RemediationStore store)
    : InboxConsumer<FindingVerified>(dataSource, outbox)
{
    protected override Task HandleAsync(ConsumeContext<FindingVerified> context, NpgsqlTransaction transaction) =>
        store.VerifyAsync(context.Message, transaction, context.CancellationToken);
}

/// <summary>FindingReopened → the remediation task goes back to in_progress with the reason.</summary>
public sealed class FindingReopenedConsumer(NpgsqlDataSource dataSource, Outbox outbox, RemediationStore store)
    : InboxConsumer<FindingReopened>(dataSource, outbox)
{
    protected override Task HandleAsync(ConsumeContext<FindingReopened> context, NpgsqlTransaction transaction) =>
        store.ReopenAsync(context.Message, transaction, context.CancellationToken);
}
