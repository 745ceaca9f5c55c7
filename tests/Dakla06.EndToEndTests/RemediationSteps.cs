using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.EndToEndTests;

/// <summary>Steps of the remediation story (an inspection's finding becomes a directive task) that several tests take.</summary>
internal static class RemediationSteps
{
    /// <summary>Registers a system of Buôn Ma Thuột and inspects it with a critical item failed: one finding.</summary>
    internal static async Task<Guid> RaiseFindingAsync(InspectionsClient inspector, DateOnly on)
    {
        var name = $"Hệ thống kết nối CSDL dân cư {Guid.NewGuid():N}"[..50];
        var systemId = (await inspector.CreateSystemAsync(new CreateSystemRequest(name, "643", "one-stop-dossier", 3), TestContext.Current.CancellationToken)).Id;
        var inspection = await RunInspectionAsync(inspector, systemId, on, failed: [3]);
        return Assert.Single(inspection.Findings).Id;
    }

    internal static async Task<InspectionDto> RunInspectionAsync(InspectionsClient inspector, Guid systemId, DateOnly on, int[] failed)
    {
        var cancel = TestContext.Current.CancellationToken;
        var id = (await inspector.CreateInspectionAsync(new CreateInspectionRequest("system", systemId, "PA05", on, "system-connection"), cancellationToken: cancel)).Id;
        var started = await inspector.StartInspectionAsync(id, new StartInspectionRequest(on), cancel);
        var results = started.Items
            .Select(i => new ItemResultRequest(i.No, failed.Contains(i.No) ? "fail" : "pass", failed.Contains(i.No) ? "Chưa phân vùng mạng, không có tường lửa giữa các vùng" : null))
            .ToList();
        await inspector.SaveResultsAsync(id, new SaveResultsRequest(results), cancel);
        return await inspector.CompleteInspectionAsync(id,
            new CompleteInspectionRequest(failed.Length > 0 ? "Chưa đủ điều kiện kết nối; yêu cầu khắc phục." : "Đủ điều kiện kết nối.", on), cancel);
    }

    internal static Task<PagedResult<TaskSummaryDto>> TasksOfAsync(DirectivesClient client, Guid findingId) =>
        client.ListTasksAsync(new TaskQuery(SourceId: findingId.ToString("D")), 1, 20, TestContext.Current.CancellationToken);

    /// <summary>The one remediation task of the finding, once it has arrived over the bus.</summary>
    internal static async Task<TaskSummaryDto> TaskOfAsync(DirectivesClient client, Guid findingId, TimeSpan timeout)
    {
        var page = await Eventually.ReturnsAsync(() => TasksOfAsync(client, findingId), p => p.Total > 0, timeout, "the finding's remediation task appears");
        return Assert.Single(page.Items);
    }
}
