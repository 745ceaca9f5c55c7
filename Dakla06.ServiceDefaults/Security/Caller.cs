using System.Security.Claims;
using Dakla06.Contracts.AdminUnits;

namespace Dakla06.ServiceDefaults.Security;

/// <summary>
/// The signed-in official: who they are, their administrative unit and their roles. Built from a token whose
/// unit is known and whose level role agrees with the unit's level (see <see cref="TryCreate"/>).
/// </summary>
public sealed class Caller
{
    private readonly HashSet<string> _roles;

    private Caller(string userId, string username, string displayName, AdminUnit unit, IEnumerable<string> roles)
    {
        UserId = userId;
        Username = username;
        DisplayName = displayName;
        Unit = unit;
        _roles = new HashSet<string>(roles, StringComparer.Ordinal);
        Scope = new UnitScope(unit);
    }

    public string UserId { get; }

    public string Username { get; }

    public string DisplayName { get; }

    public AdminUnit Unit { get; }

    public UnitScope Scope { get; }

    public IReadOnlyCollection<string> Roles => _roles;

    public bool HasRole(string role) => _roles.Contains(role);

    /// <summary>
    /// Resolves the caller from token claims. Fails (with the reason) when the unit is unknown or the user does not
    /// hold exactly one level role matching the unit's level — such a token is refused with 403.
    /// </summary>
    public static bool TryCreate(ClaimsPrincipal principal, AdminUnitDirectory units, out Caller? caller, out string? problem)
    {
        caller = null;
        var roles = principal.FindAll(KeycloakClaims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var unitCode = principal.FindFirst(KeycloakClaims.AdminUnit)?.Value;
        var unit = units.Find(unitCode);
        if (unit is null)
        {
            problem = unitCode is null
                ? "The token carries no admin_unit claim."
                : $"The token's admin_unit '{unitCode}' is not a unit of the province.";
            return false;
        }

        var levelRoles = roles.Where(Security.Roles.LevelRoles.Contains).ToList();
        var expected = Security.Roles.LevelRoleFor(unit.Level);
        if (levelRoles.Count != 1 || levelRoles[0] != expected)
        {
            problem = $"Unit {unit.Code} is at {unit.Level} level and needs exactly the role '{expected}'; the token has [{string.Join(", ", levelRoles)}].";
            return false;
        }

        var username = principal.FindFirst(KeycloakClaims.PreferredUsername)?.Value ?? string.Empty;
        var subject = principal.FindFirst(KeycloakClaims.Subject)?.Value ?? username;
        var name = principal.FindFirst(KeycloakClaims.Name)?.Value ?? username;
        caller = new Caller(subject, username, name, unit, roles);
        problem = null;
        return true;
    }
}
