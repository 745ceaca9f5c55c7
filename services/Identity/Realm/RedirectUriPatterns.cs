namespace Dakla06.Identity.Realm;

/// <summary>Keycloak's redirect URI rules: exact match, or prefix match when the pattern ends with <c>*</c>.</summary>
public static class RedirectUriPatterns
{
    public static bool IsAllowed(IEnumerable<string> patterns, string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || !Uri.TryCreate(candidate, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // Tests host web apps on random ports, so a pattern whose host is a port-less "localhost" accepts
        // localhost on any port. Real Keycloak would not; the realm's fixed-port patterns keep it working there.
        string? portless = uri.Host == "localhost" && !uri.IsDefaultPort
            ? $"{uri.Scheme}://localhost{uri.PathAndQuery}"
            : null;

        foreach (var pattern in patterns)
        {
            if (Matches(pattern, candidate) || (portless is not null && Matches(pattern, portless)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string pattern, string candidate)
    {
        if (pattern == "*")
        {
            return true;
        }

        return pattern.EndsWith('*')
            ? candidate.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, candidate, StringComparison.Ordinal);
    }
}
