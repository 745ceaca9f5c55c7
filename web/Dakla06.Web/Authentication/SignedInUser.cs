using System.Security.Claims;
using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Security;
using Dakla06.Web.Presentation;

namespace Dakla06.Web.Authentication;

/// <summary>
/// The signed-in official as the pages show them. <see cref="Caller"/> is null when the account's unit is unknown or
/// does not match its level role — the APIs refuse such a user, so the pages explain instead of failing.
/// </summary>
public sealed class SignedInUser
{
    private SignedInUser(string name, string username, IReadOnlyList<string> roles, AdminUnit? unit, Caller? caller, string? problem)
    {
        Name = name;
        Username = username;
        Roles = roles;
        Unit = unit;
        Caller = caller;
        Problem = problem;
    }

    public string Name { get; }

    public string Username { get; }

    /// <summary>The realm roles this app knows, level role first.</summary>
    public IReadOnlyList<string> Roles { get; }

    public AdminUnit? Unit { get; }

    public Caller? Caller { get; }

    /// <summary>Why the account cannot use the app, in Vietnamese; null when it can.</summary>
    public string? Problem { get; }

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>True when a document of <paramref name="unitCode"/> is visible: own unit, below it or above it.</summary>
    public bool CanSee(string? unitCode) => Caller?.Scope.IsInScopeOrAbove(unitCode) == true;

    public static SignedInUser From(ClaimsPrincipal principal, AdminUnitDirectory units)
    {
        var username = principal.FindFirst(KeycloakClaims.PreferredUsername)?.Value ?? string.Empty;
        var name = principal.FindFirst(KeycloakClaims.Name)?.Value is { Length: > 0 } fullName ? fullName : username;
        var roles = Labels.KnownRoles(principal.FindAll(KeycloakClaims.Role).Select(c => c.Value)).ToList();
        var unitCode = principal.FindFirst(KeycloakClaims.AdminUnit)?.Value;
        var unit = units.Find(unitCode);
        if (Caller.TryCreate(principal, units, out var caller, out _))
        {
            return new SignedInUser(name, username, roles, unit, caller, null);
        }

        string problem;
        if (unit is null)
        {
            problem = unitCode is null
                ? "Tài khoản chưa được gán đơn vị hành chính."
                : $"Mã đơn vị {unitCode} của tài khoản không có trong danh mục đơn vị hành chính tỉnh Đắk Lắk.";
        }
        else
        {
            problem = $"Vai trò cấp của tài khoản không khớp với đơn vị {unit.Name} ({Labels.Level(unit.Level).ToLowerInvariant()}).";
        }

        return new SignedInUser(name, username, roles, unit, null, problem + " Vui lòng liên hệ quản trị viên để được điều chỉnh.");
    }
}
