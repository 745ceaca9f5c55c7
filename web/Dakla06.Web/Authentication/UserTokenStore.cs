using Microsoft.Extensions.Caching.Memory;

namespace Dakla06.Web.Authentication;

/// <summary>
/// The current tokens of every session this process serves, keyed by <see cref="WebClaims.SessionKey"/>. Circuits
/// read and refresh tokens here; every HTTP request of the session syncs this with its cookie (the durable copy),
/// so a restarted or second replica fills itself from the cookie as soon as the browser talks to it.
/// </summary>
public sealed class UserTokenStore : IDisposable
{
    // Sliding: an open circuit touches its entry at every revalidation, so only abandoned sessions drop out.
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(1);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

    public UserTokens? Get(string sessionKey) => _cache.TryGetValue(sessionKey, out UserTokens? tokens) ? tokens : null;

    public void Set(string sessionKey, UserTokens tokens) =>
        _cache.Set(sessionKey, tokens, new MemoryCacheEntryOptions { SlidingExpiration = IdleLifetime });

    public void Remove(string sessionKey) => _cache.Remove(sessionKey);

    public void Dispose() => _cache.Dispose();
}
