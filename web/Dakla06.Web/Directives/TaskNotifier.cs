using System.Collections.Immutable;
using Dakla06.Contracts.Directives;

namespace Dakla06.Web.Directives;

/// <summary>A task changed: which task, between which units, and what the user may be told.</summary>
/// <param name="Announcement">A line for the assignee (new task, reminder); null when a quiet refresh is enough.</param>
public sealed record TaskChange(Guid TaskId, string UnitCode, string AssignerUnitCode, string? Announcement);

/// <summary>
/// Fans task events out to the open circuits of this process, like <see cref="DirectiveNotifier"/> does for
/// documents: each subscriber decides whether the change is visible to its user.
/// </summary>
public sealed partial class TaskNotifier(ILogger<TaskNotifier> logger)
{
    private ImmutableArray<Subscription> _subscriptions = [];

    public IDisposable Subscribe(Func<TaskChange, Task> handler)
    {
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    public async Task PublishAsync(TaskChange change)
    {
        var subscriptions = _subscriptions;
        await Task.WhenAll(subscriptions.Select(s => InvokeAsync(s, change)));
    }

    private async Task InvokeAsync(Subscription subscription, TaskChange change)
    {
        try
        {
            await subscription.Handler(change);
        }
        catch (Exception exception)
        {
            // A broken circuit must not fault the message: the temporary queue has no one to redeliver it to.
            LogSubscriberFailed(exception, change.TaskId);
        }
    }

    private void Unsubscribe(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A circuit failed to handle the change of task {TaskId}.")]
    private partial void LogSubscriberFailed(Exception exception, Guid taskId);

    private sealed class Subscription(TaskNotifier notifier, Func<TaskChange, Task> handler) : IDisposable
    {
        public Func<TaskChange, Task> Handler { get; } = handler;

        public void Dispose() => notifier.Unsubscribe(this);
    }
}
