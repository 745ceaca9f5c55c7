using System.Security.Claims;
using System.Text.Json;

namespace Dakla06.ServiceDefaults.Security;

/// <summary>The claim names Keycloak puts in its tokens, and the mapping of its nested role claim.</summary>
public static class KeycloakClaims
{
    public const string RealmAccess = "realm_access";
    public const string AdminUnit = "admin_unit";
    public const string PreferredUsername = "preferred_username";
    public const string Name = "name";
    public const string Subject = "sub";

    /// <summary>Role claims carry this type after mapping, so <c>IsInRole</c> and policies work.</summary>
    public const string Role = "role";

    /// <summary>
    /// Keycloak nests realm roles as <c>"realm_access": {"roles": [...]}</c>, which ASP.NET Core sees as one
    /// JSON-valued claim. Adds one <see cref="Role"/> claim per role (once, however often it is called).
    /// </summary>
    public static void AddRealmRoles(ClaimsIdentity identity)
    {
        foreach (var realmAccess in identity.FindAll(RealmAccess).ToList())
        {
            foreach (var role in ParseRoles(realmAccess.Value))
            {
                if (!identity.HasClaim(identity.RoleClaimType, role))
                {
                    identity.AddClaim(new Claim(identity.RoleClaimType, role));
                }
            }
        }
    }

    /// <summary>The roles inside a <c>realm_access</c> claim value; empty when it is not the expected JSON.</summary>
    public static IReadOnlyList<string> ParseRoles(string realmAccessJson)
    {
        try
        {
            using var document = JsonDocument.Parse(realmAccessJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("roles", out var roles)
                && roles.ValueKind == JsonValueKind.Array)
            {
                return roles.EnumerateArray()
                    .Where(r => r.ValueKind == JsonValueKind.String)
                    .Select(r => r.GetString()!)
                    .ToList();
            }
        }
        catch (JsonException)
        {
            // A malformed claim grants nothing.
        }

        return [];
    }
}
