using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Dakla06.IntegrationTests.Security;

/// <summary>
/// Every service API refuses a token that is missing, out of its lifetime, meant for someone else or not signed by
/// the realm's key (401), and a token whose unit is unknown or does not match its level role (403). The bad tokens
/// differ from a sound one (accepted, see the first test) in exactly one way.
/// </summary>
public sealed class TokenTests(SecuredApisFixture fixture) : IClassFixture<SecuredApisFixture>
{
    private static readonly string[] ProvinceRoles = ["province-user", "directive-officer", "security-inspector", "cleansing-officer"];

    /// <summary>The defects of a token that each make it worthless: 401.</summary>
    private static readonly string[] Defects =
    [
        "none", "not a JWT", "expired", "expired beyond the clock skew", "not valid yet", "no expiry", "wrong audience", "no audience",
        "wrong issuer", "signed by another key", "alg none", "HS256 keyed with the public key",
    ];

    /// <summary>Tokens the realm never issues for an official: 403.</summary>
    private static readonly string[] Inconsistencies =
        ["unknownunit.officer", "mismatch.officer", "commune unit with the district role", "two level roles", "no unit"];

    public static TheoryData<string> Services => [.. SecuredApi.All.Select(api => api.Service)];

    public static TheoryData<string, string> BadTokens => Cross(Defects);

    public static TheoryData<string, string> InconsistentTokens => Cross(Inconsistencies);

    private static TheoryData<string, string> Cross(string[] cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var api in SecuredApi.All)
        {
            foreach (var @case in cases)
            {
                data.Add(api.Service, @case);
            }
        }

        return data;
    }

    private async Task<HttpStatusCode> ReadAsync(string service, string? token)
    {
        var client = await fixture.ClientAsync(service, token);
        using var response = await client.GetAsync(SecuredApi.Named(service).ReadPath, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Sound_forged_token_and_a_real_one_are_accepted_so_each_refusal_below_is_for_its_one_defect(string service)
    {
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(service, await fixture.Identity.ForgeAsync("66", ProvinceRoles)));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(service, await fixture.Identity.GetAccessTokenAsync("tanloi.officer")));
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Missing_expired_foreign_or_badly_signed_token_gets_401(string service, string defect)
    {
        var now = DateTime.UtcNow;
        var token = defect switch
        {
            "none" => null,
            "not a JWT" => "not-a-jwt",
            "expired" => await ForgeAsync(d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddHours(-2), now.AddHours(-2), now.AddHours(-1))),
            // Within the library's default skew of 5 minutes, beyond ours.
            "expired beyond the clock skew" => await ForgeAsync(d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddMinutes(-10), now.AddMinutes(-10), now.AddMinutes(-2))),
            "not valid yet" => await ForgeAsync(d => d.NotBefore = now.AddMinutes(2)),
            "no expiry" => await ForgeAsync(d => d.Expires = null),
            "wrong audience" => await ForgeAsync(d => d.Audience = "account"),
            "no audience" => await ForgeAsync(d => d.Audience = null),
            "wrong issuer" => await ForgeAsync(d => d.Issuer = "http://localhost/realms/master"),
            "signed by another key" => await fixture.Identity.ForgeAsync("66", ProvinceRoles, otherKey: true),
            "alg none" => await ForgeAsync(d => d.SigningCredentials = null),
            // The classic confusion: HMAC keyed with the RSA public key everyone can read from the JWKS.
            "HS256 keyed with the public key" => await ForgeAsync(d => d.SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(fixture.Identity.PublicKeyPem)) { KeyId = d.SigningCredentials.Key.KeyId },
                SecurityAlgorithms.HmacSha256)),
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(service, token));
    }

    [Theory]
    [MemberData(nameof(InconsistentTokens))]
    public async Task Token_whose_unit_is_unknown_or_disagrees_with_its_level_gets_403(string service, string inconsistency)
    {
        var identity = fixture.Identity;
        var token = inconsistency switch
        {
            // Realm users made for this: unit 99999 does not exist; a commune's unit with the district role.
            "unknownunit.officer" or "mismatch.officer" => await identity.GetAccessTokenAsync(inconsistency),
            "commune unit with the district role" => await identity.ForgeAsync("24136", ["district-user", "directive-officer"]),
            "two level roles" => await identity.ForgeAsync("643", ["district-user", "commune-user"]),
            "no unit" => await identity.ForgeAsync("66", ProvinceRoles, d => d.Claims.Remove("admin_unit")),
            _ => throw new ArgumentOutOfRangeException(nameof(inconsistency), inconsistency, null),
        };

        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync(service, token));
    }

    private Task<string> ForgeAsync(Action<SecurityTokenDescriptor> defect) => fixture.Identity.ForgeAsync("66", ProvinceRoles, defect);
}
