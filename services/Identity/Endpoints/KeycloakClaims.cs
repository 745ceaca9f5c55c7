using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Dakla06.Identity.Realm;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Dakla06.Identity.Endpoints;

/// <summary>Builds principals whose tokens look like the ones Keycloak issues for the same realm file.</summary>
public static class KeycloakClaims
{
    public const string RealmAccess = "realm_access";

    /// <summary>Scopes a client may ask for: Keycloak's built-in client scopes.</summary>
    public static readonly string[] SupportedScopes =
        [Scopes.Profile, Scopes.Email, Scopes.Roles, "web-origins", "acr", "basic", Scopes.OfflineAccess, Scopes.Address, Scopes.Phone];

    // Default client scopes apply whether requested or not; only those marked include.in.token.scope show up
    // in the "scope" claim, which is why roles, web-origins, acr and basic never do.
    private static readonly string[] DefaultTokenScopes = [Scopes.Profile, Scopes.Email];
    private static readonly string[] OptionalTokenScopes = [Scopes.OfflineAccess, Scopes.Address, Scopes.Phone];

    private static readonly string[] AccessOnly = [Destinations.AccessToken];
    private static readonly string[] AccessAndId = [Destinations.AccessToken, Destinations.IdentityToken];
    private static readonly string[] IdOnly = [Destinations.IdentityToken];

    public static IEnumerable<string> GrantedScopes(IEnumerable<string> requested)
    {
        var asked = requested.ToHashSet(StringComparer.Ordinal);
        if (asked.Contains(Scopes.OpenId))
        {
            yield return Scopes.OpenId;
        }

        foreach (var scope in DefaultTokenScopes)
        {
            yield return scope;
        }

        foreach (var scope in OptionalTokenScopes.Where(asked.Contains))
        {
            yield return scope;
        }
    }

    public static ClaimsPrincipal CreatePrincipal(RealmUser user, RealmClient client, IEnumerable<string> scopes, DateTimeOffset authTime)
    {
        var identity = new ClaimsIdentity(
            authenticationType: TokenValidationParameters.DefaultAuthenticationType,
            nameType: Claims.PreferredUsername,
            roleType: Claims.Role);

        var destinations = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [Claims.Subject] = AccessAndId,
            [Claims.AuthenticationTime] = AccessAndId,
            [Claims.AuthorizedParty] = AccessOnly,
            [Claims.PreferredUsername] = AccessAndId,
            [Claims.Name] = AccessAndId,
            [Claims.GivenName] = AccessAndId,
            [Claims.FamilyName] = AccessAndId,
            [Claims.Email] = AccessAndId,
            [Claims.EmailVerified] = AccessAndId,
            [RealmAccess] = client.RealmRolesInIdToken ? AccessAndId : AccessOnly,
        };

        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.AuthenticationTime, authTime.ToUnixTimeSeconds())
            .SetClaim(Claims.AuthorizedParty, client.ClientId)
            .SetClaim(Claims.PreferredUsername, user.Username)
            .SetClaim(Claims.Name, NullIfEmpty(user.FullName))
            .SetClaim(Claims.GivenName, user.Representation.FirstName)
            .SetClaim(Claims.FamilyName, user.Representation.LastName)
            .SetClaim(Claims.Email, user.Representation.Email?.ToLowerInvariant())
            .SetClaim(Claims.EmailVerified, user.Representation.Email is null ? null : user.Representation.EmailVerified)
            .SetClaim(RealmAccess, RealmAccessValue(user));

        foreach (var mapper in client.AttributeMappers)
        {
            if (destinations.ContainsKey(mapper.ClaimName) || user.Attribute(mapper.UserAttribute) is not { } value)
            {
                continue;
            }

            AddTyped(identity, mapper, value);
            destinations[mapper.ClaimName] = (mapper.InAccessToken, mapper.InIdToken) switch
            {
                (true, true) => AccessAndId,
                (true, false) => AccessOnly,
                (false, true) => IdOnly,
                _ => [],
            };
        }

        identity.SetScopes(scopes);
        identity.SetAudiences(client.AccessTokenAudiences);
        identity.SetPresenters(client.ClientId);
        identity.SetDestinations(claim => destinations.TryGetValue(claim.Type, out var target) ? target : []);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The userinfo response Keycloak would give the same client.</summary>
    public static Dictionary<string, object> UserInfo(RealmUser user, RealmClient? client)
    {
        var info = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (user.Representation.Email is { } email)
        {
            info[Claims.EmailVerified] = user.Representation.EmailVerified;
            info[Claims.Email] = email.ToLowerInvariant();
        }

        if (NullIfEmpty(user.FullName) is { } name)
        {
            info[Claims.Name] = name;
        }

        info[Claims.PreferredUsername] = user.Username;
        AddIfPresent(info, Claims.GivenName, user.Representation.FirstName);
        AddIfPresent(info, Claims.FamilyName, user.Representation.LastName);

        foreach (var mapper in client?.AttributeMappers.Where(m => m.InUserInfo) ?? [])
        {
            if (!info.ContainsKey(mapper.ClaimName) && user.Attribute(mapper.UserAttribute) is { } value)
            {
                info[mapper.ClaimName] = value;
            }
        }

        if (client?.RealmRolesInUserInfo == true)
        {
            info[RealmAccess] = RealmAccessValue(user);
        }

        return info;
    }

    private static JsonObject RealmAccessValue(RealmUser user) =>
        new() { ["roles"] = new JsonArray([.. user.RealmRoles.Select(role => (JsonNode?)JsonValue.Create(role))]) };

    private static void AddTyped(ClaimsIdentity identity, AttributeMapper mapper, string value)
    {
        switch (mapper.JsonType.ToLowerInvariant())
        {
            case "long" or "int" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
                identity.SetClaim(mapper.ClaimName, number);
                break;
            case "boolean" when bool.TryParse(value, out var flag):
                identity.SetClaim(mapper.ClaimName, flag);
                break;
            default:
                identity.SetClaim(mapper.ClaimName, value);
                break;
        }
    }

    private static void AddIfPresent(Dictionary<string, object> info, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            info[name] = value;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
