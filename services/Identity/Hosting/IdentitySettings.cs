using Microsoft.AspNetCore.Hosting;

namespace Dakla06.Identity.Hosting;

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class IdentitySettings
{
    public const string SectionName = "Identity";

    /// <summary>Path of the Keycloak realm export; relative paths resolve against the content root.</summary>
    public string? RealmFile { get; set; }

    /// <summary>Base URL clients use to reach this server; the issuer is <c>{PublicUrl}/realms/{realm}</c>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>RSA private key in PEM, used as is.</summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>Path of an RSA private key in PEM; created when missing so tokens survive restarts.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// Folder for what the provider must remember across requests (redeemed authorization codes); replicas share one.
    /// Unset, each process keeps its own in the temporary folder.
    /// </summary>
    public string? StateDirectory { get; set; }

    public string ResolveRealmFile(string contentRoot) =>
        string.IsNullOrWhiteSpace(RealmFile)
            ? Path.Combine(AppContext.BaseDirectory, "keycloak", "dakla06-realm.json")
            : Path.GetFullPath(RealmFile, contentRoot);

    /// <summary>
    /// The configured public URL, else the first URL the server is told to listen on (urls, http_ports),
    /// else Kestrel's default. Resolved from configuration rather than from the bound server so the issuer
    /// is known before the first request and never depends on timing.
    /// </summary>
    public Uri ResolvePublicUrl(IConfiguration configuration)
    {
        var candidate = PublicUrl;
        if (string.IsNullOrWhiteSpace(candidate))
        {
            var urls = configuration[WebHostDefaults.ServerUrlsKey];
            var ports = configuration[WebHostDefaults.HttpPortsKey];
            candidate =
                urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
                ?? (ports?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } port
                    ? $"http://localhost:{port}"
                    : "http://localhost:5000");
        }

        // Listen addresses may use wildcard hosts that no client can call.
        candidate = candidate
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);

        if (!Uri.TryCreate(candidate.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Identity:PublicUrl '{candidate}' is not an absolute http(s) URL.");
        }

        return uri;
    }
}
