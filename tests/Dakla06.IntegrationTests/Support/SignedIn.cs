using System.Net.Http.Headers;

namespace Dakla06.IntegrationTests.Support;

/// <summary>Plain HTTP clients with a realm user's real token, for tests that work the same on every service's fixture.</summary>
public static class SignedIn
{
    /// <summary>A client of <paramref name="factory"/> carrying <paramref name="username"/>'s token from <paramref name="identity"/>.</summary>
    public static async Task<HttpClient> ClientAsync<T>(ServiceFactory<T> factory, IdentityProvider identity, string username)
        where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await identity.GetAccessTokenAsync(username));
        return client;
    }
}
