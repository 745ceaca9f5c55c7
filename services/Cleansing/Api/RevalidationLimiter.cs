using System.Globalization;

namespace Dakla06.Cleansing.Api;

/// <summary>
/// How many corrections one user may have re-validated against the province registry per minute
/// (<see cref="PerMinuteKey"/>, default <see cref="DefaultPerMinute"/>). A correction answers whether an ID number, name
/// and birth date belong together: unlimited, repeated calls would read a person's birth date out of the registry.
/// A user's minute starts at their first re-validation in it (on the service's clock, so tests can move it).
/// </summary>
public sealed class RevalidationLimiter
{
    public const string PerMinuteKey = "Cleansing:Revalidation:PerMinute";
    public const int DefaultPerMinute = 30;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Above this many users, windows that have ended are dropped before a new one is added.</summary>
    private const int PruneAbove = 1_000;

    private readonly TimeProvider _time;
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public RevalidationLimiter(IConfiguration configuration, TimeProvider time)
    {
        _time = time;
        PerMinute = configuration[PerMinuteKey] is { Length: > 0 } configured
            ? int.Parse(configured, NumberStyles.None, CultureInfo.InvariantCulture)
            : DefaultPerMinute;
        if (PerMinute < 1)
        {
            throw new InvalidOperationException($"{PerMinuteKey} must be at least 1, not {PerMinute}.");
        }
    }

    public int PerMinute { get; }

    /// <summary>Counts one re-validation for <paramref name="username"/>; false when the minute's allowance is used up.</summary>
    public bool TryAcquire(string username)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_windows.TryGetValue(username, out var window) && now - window.Start < Window)
            {
                if (window.Count >= PerMinute)
                {
                    return false;
                }

                _windows[username] = (window.Start, window.Count + 1);
                return true;
            }

            if (_windows.Count > PruneAbove)
            {
                foreach (var ended in _windows.Where(w => now - w.Value.Start >= Window).Select(w => w.Key).ToList())
                {
                    _windows.Remove(ended);
                }
            }

            _windows[username] = (now, 1);
            return true;
        }
    }
}
