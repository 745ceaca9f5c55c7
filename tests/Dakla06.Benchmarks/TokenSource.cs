using System.Net.Http.Headers;
using System.Text.Json;
using Dakla06.Contracts.Http;

namespace Dakla06.Benchmarks;

/// <summary>Access tokens from the identity provider's token endpoint (password grant of dakla06-cli), renewed well before they expire.</summary>
internal sealed class TokenSource(Uri identity, string username, string password) : IApiCallContext
{
    private const string Realm = "dakla06";

    /// <summary>The demo users' password (realm file, development only).</summary>
    public const string DemoPassword = "Dakla06@demo";

    private string? _token;
    private DateTime _renewAt;

    /// <summary>The issuer the services validate tokens against: the identity provider's realm URL.</summary>
    public static string Authority(Uri identity) => $"{identity.ToString().TrimEnd('/')}/realms/{Realm}";

    public async Task<string> GetAsync()
    {
        if (_token is not null && DateTime.UtcNow < _renewAt)
        {
            return _token;
        }

        using var http = new HttpClient { BaseAddress = identity };
        using var response = await http.PostAsync($"/realms/{Realm}/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "dakla06-cli",
            ["username"] = username,
            ["password"] = password,
            ["scope"] = "openid profile",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request for {username} failed: {(int)response.StatusCode} {body}");
        }

        var json = JsonDocument.Parse(body).RootElement;
        _token = json.GetProperty("access_token").GetString()!;
        var lifetime = json.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 300;
        _renewAt = DateTime.UtcNow.AddSeconds(lifetime / 2.0);
        return _token;
    }

    public async ValueTask PrepareAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetAsync());

    public ServiceApiException? Translate(Exception exception, string serviceName) => null;
}
