namespace Dakla06.ServiceDefaults.Hosting;

/// <summary>
/// Wakes a polling background worker of this replica as soon as there is work, instead of at its next poll. One
/// pending wake-up covers every notification before it. Each worker registers its own subclass (a distinct singleton).
/// </summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the worker will look for everything notified so far.
        }
    }

    /// <summary>Waits for a signal or the timeout; returns quietly when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _semaphore.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _semaphore.Dispose();
        GC.SuppressFinalize(this);
    }
}
