using System.Net;
using System.Text.Json;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.IntegrationTests.Directives;
using Dakla06.IntegrationTests.Support;
using Dakla06.Testing;

namespace Dakla06.IntegrationTests.Hosting;

/// <summary>
/// A service whose database server is stopped under it (a PostgreSQL of this class alone, stopped and started again
/// by its wrapper) answers 503 ProblemDetails naming the database with <c>Retry-After</c>, never 500; its
/// <c>/health</c> says the database check is the one failing; once the server is back the same host answers 200
/// again, without being restarted. The directives service stands for all: the mapping lives in ServiceDefaults.
/// </summary>
public sealed class DatabaseOutageTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>, IAsyncLifetime
{
    private static readonly string DocumentsPath = DirectivesRoutes.Root + DirectivesRoutes.Documents;
    private StoppablePostgres _postgres = null!;
    private ServiceFactory<Dakla06.Directives.DirectivesMarker> _host = null!;

    public async ValueTask InitializeAsync()
    {
        _postgres = await StoppablePostgres.StartAsync("postgres-outage", TestContext.Current.CancellationToken);
        var database = await _postgres.CreateDatabaseAsync("directivesdb", TestContext.Current.CancellationToken);
        _host = fixture.CreateHost(extraSettings: new Dictionary<string, string> { ["ConnectionStrings:directivesdb"] = database });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task While_the_database_is_down_the_api_answers_503_naming_it_and_200_again_once_it_is_back()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = await fixture.ClientForAsync("province.officer", _host);
        using var http = await fixture.HttpClientForAsync("province.officer", _host);
        using var anonymous = fixture.HttpClientWithToken(null, _host);
        await DirectivesFixture.CreateDocumentAsync(officer, "plan", "01/KH-UBND", "66", "Kế hoạch trước sự cố");
        Assert.Equal(1, (await officer.ListDocumentsAsync(new DocumentQuery(), 1, 20, cancel)).Total);

        await _postgres.StopAsync();

        // A read and a write: 503 with Retry-After and a ProblemDetails that names the database.
        using (var read = await http.GetAsync(DocumentsPath, cancel))
        {
            await AssertUnavailableAsync(read, "database");
        }

        var write = await Assert.ThrowsAsync<ServiceApiException>(() =>
            DirectivesFixture.CreateDocumentAsync(officer, "plan", "02/KH-UBND", "66", "Kế hoạch trong sự cố"));
        Assert.Equal(503, write.Status);
        Assert.Equal(ApiFailure.Unavailable, write.Failure);

        // /health says which dependency is down.
        using (var health = await anonymous.GetAsync("/health", cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var checks = JsonDocument.Parse(await health.Content.ReadAsStringAsync(cancel)).RootElement.GetProperty("checks");
            // Only the database check (Aspire.Npgsql's "PostgreSql") fails, with the reason; the broker's passes.
            var failing = checks.EnumerateObject().Where(c => c.Value.GetProperty("status").GetString() == "Unhealthy").ToList();
            Assert.Equal("PostgreSql", Assert.Single(failing).Name);
            Assert.False(string.IsNullOrWhiteSpace(failing[0].Value.GetProperty("description").GetString()));
            Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase)
                && c.Value.GetProperty("status").GetString() == "Healthy");
        }

        // Back: the same host, not restarted, answers again (a pooled connection broken by the outage may cost one more 503).
        await _postgres.StartAsync(cancel);
        var page = await Eventually.ReturnsAsync(async () =>
        {
            try
            {
                return await officer.ListDocumentsAsync(new DocumentQuery(), 1, 20, cancel);
            }
            catch (ServiceApiException e) when (e.Status == 503)
            {
                return null;
            }
        }, p => p is not null, TimeSpan.FromSeconds(30), "the documents list answers once PostgreSQL is back");
        Assert.Equal("Kế hoạch trước sự cố", Assert.Single(page!.Items).Subject);
        await DirectivesFixture.CreateDocumentAsync(officer, "plan", "03/KH-UBND", "66", "Kế hoạch sau sự cố");
        using var healthAfter = await anonymous.GetAsync("/health", cancel);
        Assert.Equal(HttpStatusCode.OK, healthAfter.StatusCode);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string dependency)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal(dependency, problem.GetProperty("unavailable").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
