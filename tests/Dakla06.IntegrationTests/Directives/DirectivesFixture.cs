using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dakla06.Directives;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>The directives API on its own database and broker virtual host, with the in-process identity provider.</summary>
public class DirectivesFixture : IAsyncLifetime
{
    public IdentityProvider Identity { get; } = new();

    public ServiceFactory<DirectivesMarker> Api { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await TestEnvironment.CreateDatabaseAsync("directives");
        var messaging = await TestEnvironment.CreateVirtualHostAsync("directives");
        Api = new ServiceFactory<DirectivesMarker>(Identity, new Dictionary<string, string>
        {
            ["directivesdb"] = DatabaseConnectionString,
            ["messaging"] = messaging,
        }, ConfigureServices);
        _ = Api.Server; // start now: migrations run here, not inside the first test
    }

    /// <summary>Replaces services of the API before it starts (e.g. the clock); nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A client of the API signed in as a realm user (a real token from the identity provider).</summary>
    public async Task<HttpClient> ClientForAsync(string username)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Identity.GetAccessTokenAsync(username));
        return client;
    }

    public HttpClient ClientWithToken(string? token)
    {
        var client = Api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static async Task<Guid> CreateDocumentAsync(HttpClient client, string type, string number, string unit, string subject, DateOnly? issuedOn = null)
    {
        using var response = await client.PostAsJsonAsync("/api/directives/documents", new
        {
            type,
            number,
            issuingUnitCode = unit,
            issuedOn = (issuedOn ?? new DateOnly(2026, 3, 1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            subject,
            summary = "Triển khai Đề án 06",
        });
        Assert.True(response.IsSuccessStatusCode, $"Creating {number} at {unit} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        await Identity.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed record IdOnly(Guid Id);
}
