using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dakla06.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dakla06.IntegrationTests.Support;

/// <summary>
/// The development identity provider, in process, serving the repository's realm file. Real tokens come from its
/// token endpoint (password grant of <c>dakla06-cli</c>); bad tokens are forged with the same key or another one.
/// </summary>
public sealed class IdentityProvider : IAsyncDisposable
{
    public const string BaseUrl = "http://localhost";
    public const string Authority = BaseUrl + "/realms/dakla06";
    public const string DemoPassword = "Dakla06@demo";

    private readonly RSA _key = RSA.Create(2048);
    private readonly WebApplicationFactory<IdentityMarker> _factory;
    private string? _keyId;

    public IdentityProvider()
    {
        var pem = _key.ExportRSAPrivateKeyPem();
        _factory = new WebApplicationFactory<IdentityMarker>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Development");
            host.UseSetting("Identity:PublicUrl", BaseUrl);
            host.UseSetting("Identity:SigningKeyPem", pem);
        });
    }

    /// <summary>The provider's public signing key (what its JWKS publishes), as PEM.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Lets a JwtBearer API fetch discovery and JWKS from this in-process server.</summary>
    public HttpMessageHandler CreateHandler() => _factory.Server.CreateHandler();

    /// <summary>An access token for a realm user, from the real token endpoint.</summary>
    public async Task<string> GetAccessTokenAsync(string username, string password = DemoPassword)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/realms/dakla06/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "dakla06-cli",
            ["username"] = username,
            ["password"] = password,
            ["scope"] = "openid profile",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Token request for {username} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// A token shaped like the real ones, signed with the provider's own key unless <paramref name="otherKey"/>;
    /// <paramref name="tweak"/> changes any claim (issuer, audience, expiry) or the signing to make it wrong in exactly one way;
    /// what it removes stays out (no default lifetime is added).
    /// </summary>
    public async Task<string> ForgeAsync(string unit, string[] roles, Action<SecurityTokenDescriptor>? tweak = null, bool otherKey = false)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = "dakla06-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = Guid.NewGuid().ToString(),
                ["preferred_username"] = "forged.user",
                ["name"] = "Forged User",
                ["admin_unit"] = unit,
                ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles },
                ["azp"] = "dakla06-cli",
            },
            SigningCredentials = otherKey
                ? new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = await GetKeyIdAsync() }, SecurityAlgorithms.RsaSha256)
                : new SigningCredentials(new RsaSecurityKey(_key) { KeyId = await GetKeyIdAsync() }, SecurityAlgorithms.RsaSha256),
        };
        tweak?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private async Task<string> GetKeyIdAsync()
    {
        if (_keyId is null)
        {
            using var client = _factory.CreateClient();
            var jwks = await client.GetFromJsonAsync<JsonElement>("/realms/dakla06/protocol/openid-connect/certs");
            _keyId = jwks.GetProperty("keys")[0].GetProperty("kid").GetString();
        }

        return _keyId!;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _key.Dispose();
    }
}
