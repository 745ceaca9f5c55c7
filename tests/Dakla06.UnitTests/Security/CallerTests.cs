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

    [Fact]
    public void Identity_and_roles_come_from_the_token()
    {
        Assert.True(Caller.TryCreate(Token("643", "district-user", "directive-officer"), AdminUnitDirectory.Default, out var caller, out var problem));
        Assert.Null(problem);
        Assert.Equal(("u1", "someone"), (caller!.UserId, caller.Username));
        Assert.True(caller.HasRole("directive-officer"));
        Assert.False(caller.HasRole("leader"));
        Assert.Equal(["directive-officer", "district-user"], caller.Roles.Order(StringComparer.Ordinal));
        Assert.Equal("66.643", caller.Scope.Path);
    }

    [Fact]
    public void A_token_without_subject_or_name_falls_back_to_the_username()
    {
        var identity = new ClaimsIdentity(
            [new Claim("preferred_username", "someone"), new Claim("admin_unit", "643"), new Claim(KeycloakClaims.Role, "district-user")],
            "Bearer", KeycloakClaims.PreferredUsername, KeycloakClaims.Role);

        Assert.True(Caller.TryCreate(new ClaimsPrincipal(identity), AdminUnitDirectory.Default, out var caller, out _));
        Assert.Equal(("someone", "someone", "someone"), (caller!.UserId, caller.Username, caller.DisplayName));
    }

    [Fact]
    public void A_level_role_given_twice_counts_once()
    {
        var identity = new ClaimsIdentity(
            [new Claim("admin_unit", "643"), new Claim(KeycloakClaims.Role, "district-user"), new Claim(KeycloakClaims.Role, "district-user")],
            "Bearer", KeycloakClaims.PreferredUsername, KeycloakClaims.Role);

        Assert.True(Caller.TryCreate(new ClaimsPrincipal(identity), AdminUnitDirectory.Default, out var caller, out _));
        Assert.Equal(string.Empty, caller!.Username);
    }

    [Fact]
    public void The_refusal_says_which_claim_is_wrong()
    {
        Caller.TryCreate(Token(null, "province-user"), AdminUnitDirectory.Default, out _, out var noUnit);
        Assert.Equal("The token carries no admin_unit claim.", noUnit);

        Caller.TryCreate(Token("99999", "commune-user"), AdminUnitDirectory.Default, out _, out var unknown);
        Assert.Equal("The token's admin_unit '99999' is not a unit of the province.", unknown);

        Caller.TryCreate(Token("643", "commune-user"), AdminUnitDirectory.Default, out _, out var wrongLevel);
        Assert.Equal("Unit 643 is at District level and needs exactly the role 'district-user'; the token has [commune-user].", wrongLevel);
    }

    [Fact]
    public void Only_string_roles_of_a_realm_access_object_are_read() =>
        Assert.Equal(["leader", "pii-reader"], KeycloakClaims.ParseRoles("{\"roles\":[\"leader\",5,null,{\"x\":1},\"pii-reader\"]}"));

    [Fact]
    public void Each_level_has_its_own_level_role()
    {
        Assert.Equal("province-user", Roles.LevelRoleFor(AdminLevel.Province));
        Assert.Equal("district-user", Roles.LevelRoleFor(AdminLevel.District));
        Assert.Equal("commune-user", Roles.LevelRoleFor(AdminLevel.Commune));
        Assert.Throws<ArgumentOutOfRangeException>(() => Roles.LevelRoleFor((AdminLevel)0));
    }
}
