using System.Collections.Immutable;

namespace Dakla06.Web.Shared;

/// <summary>
/// Fans an event received by this process out to its open circuits. Each subscriber decides whether the event is
/// visible to its user; a failing or slow subscriber never holds up the others or the message.
/// </summary>
public sealed class CircuitNotifier<TEvent>(ILogger<CircuitNotifier<TEvent>> logger)
{
    private ImmutableArray<Subscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Length;

    /// <summary>Calls <paramref name="handler"/> for every event until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Func<TEvent, Task> handler)
    {
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    public async Task PublishAsync(TEvent message)
    {
        var subscriptions = _subscriptions;
        await Task.WhenAll(subscriptions.Select(s => InvokeAsync(s, message)));
    }

    private async Task InvokeAsync(Subscription subscription, TEvent message)
    {
        try
        {
            await subscription.Handler(message);
        }
        catch (Exception exception)
        {
            // A broken circuit must not fault the message: the temporary queue has no one to redeliver it to.
            logger.LogWarning(exception, "A circuit failed to handle {Event}.", message);
        }
    }

    private void Unsubscribe(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    private sealed class Subscription(CircuitNotifier<TEvent> notifier, Func<TEvent, Task> handler) : IDisposable
    {
        public Func<TEvent, Task> Handler { get; } = handler;

        public void Dispose() => notifier.Unsubscribe(this);
    }
}
