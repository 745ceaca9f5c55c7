using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Dakla06.Identity.Endpoints;

/// <summary>
/// Without token storage OpenIddict cannot tell that a code was already exchanged; Keycloak refuses a second
/// exchange, so this remembers redeemed codes until they would have expired anyway.
/// </summary>
public sealed class RedeemedCodes(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new(StringComparer.Ordinal);

    /// <summary>True the first time a code is presented, false afterwards.</summary>
    public bool TryRedeem(string code, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _redeemed.Where(entry => entry.Value < now))
        {
            _redeemed.TryRemove(expired);
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
        return _redeemed.TryAdd(key, expiresAt);
    }
}
