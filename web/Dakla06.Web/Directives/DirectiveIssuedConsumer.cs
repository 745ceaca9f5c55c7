using Dakla06.Contracts.Directives;
using Dakla06.Web.Shared;
using MassTransit;

namespace Dakla06.Web.Directives;

/// <summary>
/// Receives every <see cref="DirectiveIssued"/> on this process's own temporary queue (see
/// <see cref="WebAppExtensions"/>) and hands it to the open circuits.
/// </summary>
public sealed class DirectiveIssuedConsumer(CircuitNotifier<DirectiveIssued> notifier) : IConsumer<DirectiveIssued>
{
    public Task Consume(ConsumeContext<DirectiveIssued> context) => notifier.PublishAsync(context.Message);
}
