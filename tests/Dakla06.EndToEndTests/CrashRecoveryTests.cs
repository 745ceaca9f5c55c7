using System.Diagnostics;
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
        var beforeServiceKill = await RaiseFindingAsync(inspector, today.AddDays(-3));
        var directivesPid = await RunningProcessIdAsync(Directives);
        Kill(directivesPid);

        // The AppHost starts it again (a new process), counts the restart and the task arrives once.
        var restartedPid = await RunningProcessIdAsync(Directives, except: directivesPid);
        Assert.NotEqual(directivesPid, restartedPid);
        Assert.Equal("1", system.PropertyOf(Directives, AppHostFixture.RestartsProperty));
        var inspectionsPid = await RunningProcessIdAsync(Inspections);

        // A finding is raised, and at once PostgreSQL is killed: the outbox row was committed, so it is not lost.
        var beforeDatabaseKill = await RaiseFindingAsync(inspector, today.AddDays(-2));
        var postmaster = PostmasterPid();
        Kill(postmaster);

        // The wrapper starts the server again; inspections answers again without having been restarted.
        var seen = await Eventually.ReturnsAsync(() => FindingOrUnavailableAsync(inspector, beforeDatabaseKill), f => f is not null,
            RecoveryTimeout, "inspections answers again once PostgreSQL is back");
        Assert.Equal("open", seen!.Status);
        Assert.NotEqual(postmaster, PostmasterPid());
        Assert.Equal(inspectionsPid, await RunningProcessIdAsync(Inspections));

        // Nothing lost, nothing doubled: one task for each finding.
        var firstTask = await SingleTaskOfAsync(bmt, beforeServiceKill);
        await SingleTaskOfAsync(bmt, beforeDatabaseKill);

        // And the story goes on: the city reports the remediation done, the report reaches the finding.
        await bmt.StartTaskAsync(firstTask.Id, cancel);
        await bmt.ReportTaskAsync(firstTask.Id, new ReportTaskRequest("Đã khắc phục sau sự cố máy chủ", 100, null, true), cancel);
        await Eventually.ReturnsAsync(() => FindingOrUnavailableAsync(inspector, beforeServiceKill), f => f?.Status == "remediation_reported",
            RecoveryTimeout, "the report reaches the finding after the restarts");
        Assert.Equal(1, (await RemediationFlowTests.TasksOfAsync(bmt, beforeServiceKill)).Total);
    }

    /// <summary>Registers a system of Buôn Ma Thuột and inspects it with a critical item failed: one finding.</summary>
    private static async Task<Guid> RaiseFindingAsync(InspectionsClient inspector, DateOnly on)
    {
        var name = $"Hệ thống phục hồi sau sự cố {Guid.NewGuid():N}"[..50];
        var systemId = (await inspector.CreateSystemAsync(new CreateSystemRequest(name, "643", "one-stop-dossier", 3), TestContext.Current.CancellationToken)).Id;
        var inspection = await RemediationFlowTests.RunInspectionAsync(inspector, systemId, on, failed: [3]);
        return Assert.Single(inspection.Findings).Id;
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
                return await RemediationFlowTests.TasksOfAsync(client, findingId);
            }
            catch (ServiceApiException e) when (e.Failure == ApiFailure.Unavailable)
            {
                return null;
            }
        }, p => p?.Total > 0, RecoveryTimeout, $"the remediation task of finding {findingId} arrives");
        return Assert.Single(page!.Items);
    }

    /// <summary>The process id of the resource once it runs healthy (with a different id than <paramref name="except"/>).</summary>
    private async Task<int> RunningProcessIdAsync(string resource, int? except = null)
    {
        using var timeout = new CancellationTokenSource(RecoveryTimeout);
        var running = await system.App.ResourceNotifications.WaitForResourceAsync(resource, e =>
            e.Snapshot.State?.Text == KnownResourceStates.Running
            && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            && ProcessId(e.Snapshot) is { } pid && pid != except, timeout.Token);
        return ProcessId(running.Snapshot)!.Value;
    }

    private static int? ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The postmaster's process id, from its pid file in the AppHost's data directory.</summary>
    private int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(system.DataDirectory, "postgres", "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>SIGKILL to the process and its children, as <c>kill -9</c> would: no chance to clean up.</summary>
    private static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true);
    }
}
