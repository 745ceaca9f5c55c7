using Dakla06.Identity.Endpoints;
using Dakla06.Identity.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dakla06.IntegrationTests.Security;

/// <summary>The development identity provider's replicas share the authorization codes already exchanged.</summary>
public sealed class RedeemedCodesTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"dakla06-redeemed-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_code_exchanged_at_one_replica_is_refused_at_the_other_until_it_expires()
    {
        using var first = Replica();
        using var second = Replica();
        var expiresAt = _clock.GetUtcNow().AddMinutes(1);

        Assert.True(first.TryRedeem("code-a", expiresAt));
        Assert.False(second.TryRedeem("code-a", expiresAt));
        Assert.False(first.TryRedeem("code-a", expiresAt));
        Assert.True(second.TryRedeem("code-b", expiresAt));

        // Past its expiry the code is forgotten (OpenIddict itself refuses an expired code).
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(second.TryRedeem("code-a", _clock.GetUtcNow().AddMinutes(1)));
    }

    private RedeemedCodes Replica() => new(_clock, Options.Create(new IdentitySettings { StateDirectory = _state }), new Environment());

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Dakla06.Identity";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
