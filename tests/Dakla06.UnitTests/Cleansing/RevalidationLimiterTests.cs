using Dakla06.Cleansing.Api;
using Microsoft.Extensions.Configuration;

namespace Dakla06.UnitTests.Cleansing;

public sealed class RevalidationLimiterTests
{
    private static RevalidationLimiter Limiter(ManualClock clock, int? perMinute = 3) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [RevalidationLimiter.PerMinuteKey] = perMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build(),
        clock);

    [Fact]
    public void A_user_gets_the_allowance_per_minute_from_their_first_check()
    {
        var clock = new ManualClock();
        var limiter = Limiter(clock);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire("bmt.officer")));
        Assert.True(limiter.TryAcquire("tanloi.officer")); // one user's allowance is their own
        clock.Now += TimeSpan.FromSeconds(59);
        Assert.False(limiter.TryAcquire("bmt.officer"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.True(limiter.TryAcquire("bmt.officer"));
    }

    [Fact]
    public void Thirty_a_minute_unless_configured()
    {
        var limiter = Limiter(new ManualClock(), perMinute: null);
        Assert.Equal(RevalidationLimiter.DefaultPerMinute, limiter.PerMinute);
        Assert.Equal(30, Enumerable.Range(0, 40).Count(_ => limiter.TryAcquire("bmt.officer")));
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
