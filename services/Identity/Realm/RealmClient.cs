using System.Security.Cryptography;
using System.Text;

namespace Dakla06.Identity.Realm;

/// <summary>A client of the realm file, with its Keycloak attributes and protocol mappers interpreted.</summary>
public sealed class RealmClient
{
    internal RealmClient(ClientRepresentation representation)
    {
        Representation = representation;
        var mappers = representation.ProtocolMappers
            .Where(m => string.Equals(m.Protocol, "openid-connect", StringComparison.Ordinal))
            .ToList();

        AccessTokenAudiences = mappers
            .Where(m => m.ProtocolMapper == "oidc-audience-mapper" && Flag(m, "access.token.claim"))
            .Select(m => Setting(m, "included.custom.audience") ?? Setting(m, "included.client.audience"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

        AttributeMappers = mappers
            .Where(m => m.ProtocolMapper == "oidc-usermodel-attribute-mapper")
            .Select(m => new AttributeMapper(
                Setting(m, "user.attribute") ?? "",
                Setting(m, "claim.name") ?? "",
                Setting(m, "jsonType.label") ?? "String",
                Flag(m, "access.token.claim"),
                Flag(m, "id.token.claim"),
                Flag(m, "userinfo.token.claim")))
            .Where(m => m.UserAttribute.Length > 0 && m.ClaimName.Length > 0)
            .ToList();

        // Keycloak's default "roles" scope puts realm_access.roles in the access token only; a client-level
        // realm-role mapper is what adds it to the id token and userinfo.
        var roleMappers = mappers
            .Where(m => m.ProtocolMapper == "oidc-usermodel-realm-role-mapper" && Setting(m, "claim.name") == "realm_access.roles")
            .ToList();
        RealmRolesInIdToken = roleMappers.Any(m => Flag(m, "id.token.claim"));
        RealmRolesInUserInfo = roleMappers.Any(m => Flag(m, "userinfo.token.claim"));

        representation.Attributes.TryGetValue("pkce.code.challenge.method", out var pkce);
        RequiredCodeChallengeMethod = string.IsNullOrWhiteSpace(pkce) ? null : pkce;

        representation.Attributes.TryGetValue("post.logout.redirect.uris", out var postLogout);
        PostLogoutRedirectUris = (postLogout ?? "")
            .Split("##", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(uri => uri == "+" ? representation.RedirectUris : [uri])
            .ToList();
    }

    public ClientRepresentation Representation { get; }

    public string ClientId => Representation.ClientId;

    public bool Enabled => Representation.Enabled && !Representation.BearerOnly &&
                           string.Equals(Representation.Protocol, "openid-connect", StringComparison.Ordinal);

    public bool IsConfidential => !Representation.PublicClient;

    public bool StandardFlowEnabled => Representation.StandardFlowEnabled;

    public bool DirectAccessGrantsEnabled => Representation.DirectAccessGrantsEnabled;

    /// <summary>"S256" or "plain" when the client enforces PKCE, else null.</summary>
    public string? RequiredCodeChallengeMethod { get; }

    public IReadOnlyList<string> AccessTokenAudiences { get; }

    public IReadOnlyList<AttributeMapper> AttributeMappers { get; }

    public bool RealmRolesInIdToken { get; }

    public bool RealmRolesInUserInfo { get; }

    public IReadOnlyList<string> PostLogoutRedirectUris { get; }

    public bool IsRedirectUriAllowed(string? uri) => RedirectUriPatterns.IsAllowed(Representation.RedirectUris, uri);

    public bool IsPostLogoutRedirectUriAllowed(string? uri) => RedirectUriPatterns.IsAllowed(PostLogoutRedirectUris, uri);

    public bool SecretMatches(string? candidate)
    {
        if (Representation.Secret is not { Length: > 0 } secret || candidate is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(candidate));
    }

    private static string? Setting(ProtocolMapperRepresentation mapper, string key) =>
        mapper.Config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static bool Flag(ProtocolMapperRepresentation mapper, string key) =>
        string.Equals(Setting(mapper, key), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An <c>oidc-usermodel-attribute-mapper</c>: which user attribute becomes which claim, and where it goes.</summary>
public sealed record AttributeMapper(
    string UserAttribute,
    string ClaimName,
    string JsonType,
    bool InAccessToken,
    bool InIdToken,
    bool InUserInfo);
