using System.Security.Claims;
using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.UnitTests.Security;

public class CallerTests
{
    private static ClaimsPrincipal Token(string? unit, params string[] roles)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim("sub", "u1"),
                new Claim("preferred_username", "someone"),
                new Claim("name", "Nguyễn Văn A"),
                new Claim("realm_access", System.Text.Json.JsonSerializer.Serialize(new { roles }), "JSON"),
                .. unit is null ? Array.Empty<Claim>() : [new Claim("admin_unit", unit)],
            ],
            "Bearer", KeycloakClaims.PreferredUsername, KeycloakClaims.Role);
        KeycloakClaims.AddRealmRoles(identity);
        return new ClaimsPrincipal(identity);
    }

    [Fact]
    public void Realm_roles_nested_in_realm_access_become_role_claims_once()
    {
        var identity = (ClaimsIdentity)Token("643", "district-user", "directive-officer").Identity!;
        KeycloakClaims.AddRealmRoles(identity); // a second call must not duplicate

        Assert.True(new ClaimsPrincipal(identity).IsInRole("directive-officer"));
        Assert.Single(identity.FindAll(KeycloakClaims.Role), c => c.Value == "district-user");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"roles\":\"leader\"}")]
    [InlineData("[\"leader\"]")]
    public void Malformed_realm_access_grants_no_role(string value) =>
        Assert.Empty(KeycloakClaims.ParseRoles(value));

    [Theory]
    [InlineData("66", "province-user")]
    [InlineData("643", "district-user")]
    [InlineData("24136", "commune-user")]
    public void Level_role_matching_the_units_level_is_accepted(string unit, string levelRole)
    {
        Assert.True(Caller.TryCreate(Token(unit, levelRole), AdminUnitDirectory.Default, out var caller, out _));
        Assert.Equal(unit, caller!.Unit.Code);
        Assert.Equal("Nguyễn Văn A", caller.DisplayName);
    }

    [Theory]
    [InlineData("24136", new[] { "district-user" })]                  // commune unit, district role
    [InlineData("66", new[] { "commune-user" })]
    [InlineData("643", new[] { "district-user", "province-user" })]    // two level roles
    [InlineData("643", new[] { "directive-officer" })]                 // no level role
    [InlineData("99999", new[] { "commune-user" })]                    // unknown unit
    [InlineData(null, new[] { "province-user" })]                      // no unit at all
    public void Inconsistent_or_unknown_unit_is_refused_with_a_reason(string? unit, string[] roles)
    {
        Assert.False(Caller.TryCreate(Token(unit, roles), AdminUnitDirectory.Default, out var caller, out var problem));
        Assert.Null(caller);
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
