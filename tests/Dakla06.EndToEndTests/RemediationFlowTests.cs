using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.EndToEndTests;

/// <summary>Tests that stop a resource of the shared AppHost run alone, after the parallel ones.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class AppHostOutageCollection;

/// <summary>
/// The cross-service flow of issue 4 through the real AppHost (local mode): an inspection fails a critical item, the
/// finding becomes a remediation task of Buôn Ma Thuột in directive tracking, the city reports it done while RabbitMQ
/// is stopped, and after the broker is back the finding awaits verification; the re-inspection passes, the inspector
/// verifies, the task is accepted and the system is cleared. Nothing lost, nothing doubled.
/// </summary>
[Collection(typeof(AppHostOutageCollection))]
public sealed class RemediationFlowTests(AppHostFixture system)
{
    private const string Messaging = "messaging";
    private static readonly TimeSpan BusTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Finding_becomes_a_task_reported_during_a_broker_outage_then_verified_and_the_system_is_cleared()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var inspectorHttp = await system.InspectionsClientForAsync("province.inspector");
        using var bmtInspectionsHttp = await system.InspectionsClientForAsync("bmt.officer");
        var inspector = new InspectionsClient(inspectorHttp);
        var bmtInspections = new InspectionsClient(bmtInspectionsHttp);
        var bmt = await system.DirectivesClientForAsync("bmt.officer");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        // province.inspector registers Buôn Ma Thuột's one-stop system and inspects it with PA05: a critical item fails.
        var name = $"Hệ thống một cửa điện tử thành phố Buôn Ma Thuột {Guid.NewGuid():N}"[..60];
        var systemId = (await inspector.CreateSystemAsync(new CreateSystemRequest(name, "643", "one-stop-dossier", 3), cancel)).Id;
        var first = await RemediationSteps.RunInspectionAsync(inspector, systemId, today.AddDays(-2), failed: [3]);
        var finding = Assert.Single(first.Findings);
        var findingId = finding.Id;
        Assert.Equal("critical", finding.Severity);
        Assert.Equal("643", finding.ResponsibleUnitCode);
        Assert.False((await SystemAsync(inspector, systemId)).Cleared);

        // The finding arrives in directive tracking as a remediation task of the city, due at the finding's deadline.
        var task = await RemediationSteps.TaskOfAsync(bmt, findingId, BusTimeout);
        var taskId = task.Id;
        Assert.Equal("643", task.AssigneeUnitCode);
        Assert.Equal("66", task.AssignerUnitCode);
        Assert.Equal(finding.Deadline, task.DueOn);
        Assert.Equal("urgent", task.Priority);
        var detail = await TaskAsync(bmt, taskId);
        Assert.Equal("inspection-finding", detail.Source.Type);
        Assert.StartsWith("Kết luận kiểm tra an ninh, an toàn: " + name, detail.Source.Subject, StringComparison.Ordinal);

        // RabbitMQ goes down; the city starts and reports its remediation done all the same.
        var amqp = system.App.GetEndpoint(Messaging, "tcp");
        Assert.True(await AcceptsConnectionsAsync(amqp), $"RabbitMQ does not listen on {amqp} before the outage");
        await system.StopResourceAsync(Messaging);
        try
        {
            Assert.False(await AcceptsConnectionsAsync(amqp), $"RabbitMQ still accepts connections on {amqp} after the stop command");
            await bmt.StartTaskAsync(taskId, cancel);
            var reported = await bmt.ReportTaskAsync(taskId, new ReportTaskRequest("Đã triển khai tường lửa phân vùng mạng", 100, null, true), cancel);
            Assert.Equal("reported_done", reported.Status);
            // Without the broker the report cannot reach the inspection service: the finding is still open.
            Assert.Equal("open", (await FindingAsync(inspector, findingId)).Status);
        }
        finally
        {
            await system.StartResourceAsync(Messaging);
        }

        // Stopped by the operator, the broker was left stopped: the restart policy never counted a restart.
        Assert.Null(system.PropertyOf(Messaging, AppHostFixture.RestartsProperty));

        // Back up: the report waiting in directives' outbox reaches inspections; the finding awaits re-verification.
        var awaiting = await Eventually.ReturnsAsync(() => FindingAsync(inspector, findingId),
            f => f.Status == "remediation_reported", BusTimeout, "the report made during the outage arrives");
        Assert.Equal("Đã triển khai tường lửa phân vùng mạng", awaiting.History.Single(h => h.Kind == "remediation_reported").Note);

        // The re-inspection passes; the inspector verifies the finding; the task closes and the system is cleared.
        var second = await RemediationSteps.RunInspectionAsync(inspector, systemId, today, failed: []);
        Assert.Empty(second.Findings);
        Assert.False((await SystemAsync(inspector, systemId)).Cleared);
        var verified = await inspector.VerifyFindingAsync(findingId, new VerifyFindingRequest("Tái kiểm tra đạt"), cancel);
        Assert.Equal("verified", verified.Status);
        var cleared = await SystemAsync(inspector, systemId);
        Assert.True(cleared.Cleared, cleared.ReadinessReason);
        Assert.Equal("Đủ điều kiện kết nối", cleared.ReadinessReason);

        var accepted = await Eventually.ReturnsAsync(() => TaskAsync(bmt, taskId),
            t => t.Status == "accepted", BusTimeout, "the verification closes the task");
        Assert.Contains("Đã xác minh khắc phục: Tái kiểm tra đạt", accepted.History.Select(h => h.Note));

        // Nothing doubled: one task for the finding with one assignment, one report, one acceptance; one report on the finding.
        Assert.Equal(1, (await RemediationSteps.TasksOfAsync(bmt, findingId)).Total);
        Assert.Equal(["assigned", "started", "reported", "accepted"], accepted.History.Select(h => h.Kind));
        var findingHistory = (await FindingAsync(inspector, findingId)).History.Select(h => h.Kind).ToList();
        Assert.Single(findingHistory, k => k == "remediation_reported");
        Assert.Single(findingHistory, k => k == "verified");

        // The city sees its finding's status but not the technical description.
        var seenByCity = await FindingAsync(bmtInspections, findingId);
        Assert.Equal("verified", seenByCity.Status);
        Assert.False(seenByCity.DetailsVisible);
    }

    /// <summary>Plans, starts, records every item of the system checklist (those in <paramref name="failed"/> fail) and completes.</summary>
    private static async Task<TaskDetailDto> TaskAsync(DirectivesClient client, Guid id) =>
        await client.GetTaskAsync(id, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"Task {id} not found.");

    /// <summary>Whether anything listens on the endpoint (the broker's AMQP port).</summary>
    private static async Task<bool> AcceptsConnectionsAsync(Uri endpoint)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        try
        {
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<FindingDto> FindingAsync(InspectionsClient client, Guid id) =>
        await client.GetFindingAsync(id, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"Finding {id} not found.");

    private static async Task<SystemDetailDto> SystemAsync(InspectionsClient client, Guid id) =>
        await client.GetSystemAsync(id, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"System {id} not found.");
}
