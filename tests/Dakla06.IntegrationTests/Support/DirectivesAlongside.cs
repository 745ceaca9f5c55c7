using System.Net.Http.Headers;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Statistics;
using Dakla06.Directives;

namespace Dakla06.IntegrationTests.Support;

/// <summary>
/// Directive tracking on a database of its own next to a service under test, on that service's broker virtual host, so
/// the events the service relays reach directive tracking's consumers (shortfalls → tasks). Tokens from the same identity provider.
/// </summary>
public sealed class DirectivesAlongside : IAsyncDisposable
{
    private readonly IdentityProvider _identity;

    private DirectivesAlongside(IdentityProvider identity, string database, ServiceFactory<DirectivesMarker> api)
    {
        _identity = identity;
        Database = database;
        Api = api;
    }

    public string Database { get; }

    public ServiceFactory<DirectivesMarker> Api { get; }

    public static async Task<DirectivesAlongside> StartAsync(IdentityProvider identity, string messagingConnectionString)
    {
        var database = await TestEnvironment.CreateDatabaseAsync("directives");
        var api = new ServiceFactory<DirectivesMarker>(identity, new Dictionary<string, string>
        {
            ["directivesdb"] = database,
            ["messaging"] = messagingConnectionString,
        });
        _ = api.Server;
        return new DirectivesAlongside(identity, database, api);
    }

    public async Task<DirectivesClient> ClientForAsync(string username)
    {
        var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _identity.GetAccessTokenAsync(username));
        return new DirectivesClient(http);
    }

    /// <summary>The directive tasks opened for a shortfall of <paramref name="sourceService"/>'s indicator at a unit over a target period.</summary>
    public static Task<PagedResult<TaskSummaryDto>> ShortfallTasksAsync(
        DirectivesClient client, string sourceService, string unit, string indicator, DateOnly from, DateOnly to) =>
        client.ListTasksAsync(new TaskQuery(SourceId: IndicatorShortfalls.SourceId(sourceService, unit, indicator, from, to)), 1, 20,
            TestContext.Current.CancellationToken);

    public static Task<TaskDetailDto> StatusBecomesAsync(DirectivesClient client, Guid taskId, string status) =>
        Eventually.ReturnsAsync(async () => (await client.GetTaskAsync(taskId, TestContext.Current.CancellationToken))!, d => d.Status == status,
            TimeSpan.FromSeconds(60), $"task {taskId} becomes {status}");

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
