using System.Globalization;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.EndToEndTests;

/// <summary>
/// Issue 14 part 2 through the real AppHost (local mode), as an operator saw it fail: <c>kill -9</c> of the directives
/// service and of the PostgreSQL server. Both come back by themselves (the AppHost's restart policy, the wrapper's
/// restart), the inspection service keeps running through the database outage, and every finding raised just before
/// a kill becomes exactly one remediation task; the story then goes on as usual.
/// </summary>
[Collection(typeof(AppHostOutageCollection))]
public sealed class CrashRecoveryTests(AppHostFixture system)
{
    private const string Directives = "directives-api";
    private const string Inspections = "inspections-api";
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_killed_service_and_a_killed_database_come_back_by_themselves_and_nothing_is_lost()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var inspectorHttp = await system.InspectionsClientForAsync("province.inspector");
        var inspector = new InspectionsClient(inspectorHttp);
        var bmt = await system.DirectivesClientForAsync("bmt.officer");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        // A finding is raised, and at once the directives service is killed: its remediation task is still on its way.
        var beforeServiceKill = await RemediationSteps.RaiseFindingAsync(inspector, today.AddDays(-3));
        var directivesPid = await system.RunningProcessIdAsync(Directives);
        AppHostFixture.Kill(directivesPid);

        // The AppHost starts it again (a new process), counts the restart and the task arrives once.
        var restartedPid = await system.RunningProcessIdAsync(Directives, except: directivesPid);
        Assert.NotEqual(directivesPid, restartedPid);
        Assert.Equal("1", system.PropertyOf(Directives, AppHostFixture.RestartsProperty));
        var inspectionsPid = await system.RunningProcessIdAsync(Inspections);

        // A finding is raised, and at once PostgreSQL is killed: the outbox row was committed, so it is not lost.
        var beforeDatabaseKill = await RemediationSteps.RaiseFindingAsync(inspector, today.AddDays(-2));
        var postmaster = PostmasterPid();
        AppHostFixture.Kill(postmaster);

        // The wrapper starts the server again; inspections answers again without having been restarted.
        var seen = await Eventually.ReturnsAsync(() => FindingOrUnavailableAsync(inspector, beforeDatabaseKill), f => f is not null,
            RecoveryTimeout, "inspections answers again once PostgreSQL is back");
        Assert.Equal("open", seen!.Status);
        Assert.NotEqual(postmaster, PostmasterPid());
        Assert.Equal(inspectionsPid, await system.RunningProcessIdAsync(Inspections));

        // Nothing lost, nothing doubled: one task for each finding.
        var firstTask = await SingleTaskOfAsync(bmt, beforeServiceKill);
        await SingleTaskOfAsync(bmt, beforeDatabaseKill);

        // And the story goes on: the city reports the remediation done, the report reaches the finding.
        await bmt.StartTaskAsync(firstTask.Id, cancel);
        await bmt.ReportTaskAsync(firstTask.Id, new ReportTaskRequest("Đã khắc phục sau sự cố máy chủ", 100, null, true), cancel);
        await Eventually.ReturnsAsync(() => FindingOrUnavailableAsync(inspector, beforeServiceKill), f => f?.Status == "remediation_reported",
            RecoveryTimeout, "the report reaches the finding after the restarts");
        Assert.Equal(1, (await RemediationSteps.TasksOfAsync(bmt, beforeServiceKill)).Total);
    }

    /// <summary>The finding, or null while the service answers 503 / cannot be reached.</summary>
    private static async Task<FindingDto?> FindingOrUnavailableAsync(InspectionsClient client, Guid id)
    {
        try
        {
            return await client.GetFindingAsync(id, TestContext.Current.CancellationToken);
        }
        catch (ServiceApiException e) when (e.Failure == ApiFailure.Unavailable)
        {
            return null;
        }
    }

    private static async Task<TaskSummaryDto> SingleTaskOfAsync(DirectivesClient client, Guid findingId)
    {
        var page = await Eventually.ReturnsAsync(async () =>
        {
            try
            {
                return await RemediationSteps.TasksOfAsync(client, findingId);
            }
            catch (ServiceApiException e) when (e.Failure == ApiFailure.Unavailable)
            {
                return null;
            }
        }, p => p?.Total > 0, RecoveryTimeout, $"the remediation task of finding {findingId} arrives");
        return Assert.Single(page!.Items);
    }

    /// <summary>The postmaster's process id, from its pid file in the AppHost's data directory.</summary>
    private int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(system.DataDirectory, "postgres", "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
}
