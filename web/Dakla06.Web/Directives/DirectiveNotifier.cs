using System.Collections.Immutable;
using Dakla06.Contracts.Directives;

namespace Dakla06.Web.Directives;

/// <summary>
/// Fans <see cref="DirectiveIssued"/> out to the open circuits of this process. Each subscriber decides whether the
/// event is visible to its user; a failing or slow subscriber never holds up the others or the message.
/// </summary>
public sealed partial class DirectiveNotifier(ILogger<DirectiveNotifier> logger)
{
    private ImmutableArray<Subscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Length;

    /// <summary>Calls <paramref name="handler"/> for every event until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Func<DirectiveIssued, Task> handler)
    {
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    public async Task PublishAsync(DirectiveIssued message)
    {
        var subscriptions = _subscriptions;
        await Task.WhenAll(subscriptions.Select(s => InvokeAsync(s, message)));
    }

    private async Task InvokeAsync(Subscription subscription, DirectiveIssued message)
    {
        try
        {
            await subscription.Handler(message);
        }
        catch (Exception exception)
        {
            // A broken circuit must not fault the message: the temporary queue has no one to redeliver it to.
            LogSubscriberFailed(exception, message.DocumentId);
        }
    }

    private void Unsubscribe(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A circuit failed to handle the new document {DocumentId}.")]
    private partial void LogSubscriberFailed(Exception exception, Guid documentId);

    private sealed class Subscription(DirectiveNotifier notifier, Func<DirectiveIssued, Task> handler) : IDisposable
    {
        public Func<DirectiveIssued, Task> Handler { get; } = handler;

        public void Dispose() => notifier.Unsubscribe(this);
    }
}
