using System.Globalization;
using System.Threading.RateLimiting;

namespace Dakla06.Cleansing.Api;

/// <summary>
/// How many corrections one user may have re-validated against the province registry per minute
/// (<see cref="PerMinuteKey"/>, default <see cref="DefaultPerMinute"/>). A correction answers whether an ID number, name
/// and birth date belong together: unlimited, repeated calls would read a person's birth date out of the registry.
/// </summary>
public sealed class RevalidationLimiter : IDisposable
{
    public const string PerMinuteKey = "Cleansing:Revalidation:PerMinute";
    public const int DefaultPerMinute = 30;

    private readonly PartitionedRateLimiter<string> _limiter;

    public RevalidationLimiter(IConfiguration configuration)
    {
        PerMinute = configuration[PerMinuteKey] is { Length: > 0 } configured
            ? int.Parse(configured, NumberStyles.None, CultureInfo.InvariantCulture)
            : DefaultPerMinute;
        if (PerMinute < 1)
        {
            throw new InvalidOperationException($"{PerMinuteKey} must be at least 1, not {PerMinute}.");
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(username => RateLimitPartition.GetFixedWindowLimiter(username, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public int PerMinute { get; }

    /// <summary>Counts one re-validation for <paramref name="username"/>; false when the minute's allowance is used up.</summary>
    public bool TryAcquire(string username)
    {
        using var lease = _limiter.AttemptAcquire(username);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
