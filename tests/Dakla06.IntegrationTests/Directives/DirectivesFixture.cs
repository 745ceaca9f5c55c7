using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Inspections;
using Dakla06.Directives;
using Dakla06.Directives.Jobs;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>
/// The directives API on its own database and broker virtual host, with a fake clock and without the overdue
/// scanner's background loop: tests run <see cref="OverdueTaskScanner.ScanOnceAsync"/> themselves. The task and
/// document events the service publishes are recorded in <c>Events</c>; the finding events its consumers finished,
/// in <c>Consumed</c>.
/// </summary>
public class DirectivesFixture() : ServiceFixture<DirectivesMarker, DirectivesClient>("directives", http => new DirectivesClient(http))
{
    protected override bool UsesFakeClock => true;

    protected override void ConfigureServices(IServiceCollection services) => RemoveHostedService<OverdueTaskScanner>(services);

    protected override void ObserveEvents(EventRecorder recorder) =>
        recorder.Record<DirectiveIssued>().Record<TaskAssigned>().Record<TaskReported>().Record<TaskAccepted>().Record<TaskReturned>();

    /// <summary>A scanner over the API's database, as another replica would run it.</summary>
    public OverdueTaskScanner CreateScanner() => ActivatorUtilities.CreateInstance<OverdueTaskScanner>(Api.Services);

    /// <summary>Creates a document (a fresh idempotency key) and returns its id.</summary>
    public static async Task<Guid> CreateDocumentAsync(DirectivesClient client, string type, string number, string unit, string subject, DateOnly? issuedOn = null) =>
        (await client.CreateDocumentAsync(
            new CreateDocumentRequest(type, number, unit, issuedOn ?? new DateOnly(2026, 3, 1), subject, "Triển khai Đề án 06"),
            Guid.NewGuid().ToString(), TestContext.Current.CancellationToken)).Id;

    /// <summary>A task of a document with exactly the target given (units, all districts, all communes of a district or in scope).</summary>
    public static CreateTasksRequest NewTask(
        string title, DateOnly dueOn, string[]? units = null, bool? allDistricts = null, string? allCommunesOf = null, bool? allCommunesInScope = null) =>
        new(title, "Triển khai theo kế hoạch", "Báo cáo kết quả", dueOn, "high", units, allDistricts, allCommunesOf, allCommunesInScope);

    /// <summary>Assigns <paramref name="task"/> (a fresh idempotency key) and returns the created task ids.</summary>
    public static async Task<Guid[]> AssignAsync(DirectivesClient client, Guid documentId, CreateTasksRequest task) =>
        [.. (await client.CreateTasksAsync(documentId, task, Guid.NewGuid().ToString(), TestContext.Current.CancellationToken)).TaskIds];

    /// <summary>A finding as the inspection service raises it (responsible <paramref name="unit"/>, due in a week unless said).</summary>
    public FindingRaised Raised(Guid? inspectionId = null, string unit = "643", string severity = "critical", DateOnly? deadline = null, string title = "Máy chủ chưa vá lỗ hổng") => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, unit, Guid.CreateVersion7(), inspectionId ?? Guid.CreateVersion7(), "66", "PA05",
        "Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)", new DateOnly(2022, 5, 15), title, severity,
        deadline ?? Today.AddDays(7), "province.inspector");

    public static FindingVerified Verified(Guid findingId, string? note = "Đã vá, kiểm tra lại đạt") =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "643", findingId, note, "province.inspector");

    public static FindingReopened Reopened(Guid findingId, string reason = "Kiểm tra lại vẫn còn lỗ hổng") =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "643", findingId, reason, "province.inspector");

    /// <summary>The finding's tasks as <paramref name="client"/> lists them.</summary>
    public static Task<PagedResult<TaskSummaryDto>> TasksOfAsync(DirectivesClient client, Guid findingId) =>
        client.ListTasksAsync(new TaskQuery(SourceId: findingId.ToString("D")), 1, 20, TestContext.Current.CancellationToken);

    /// <summary>Waits for the finding's task and returns it from the list (asserting there is exactly one).</summary>
    public static async Task<TaskSummaryDto> TaskOfAsync(DirectivesClient client, Guid findingId)
    {
        var page = await Eventually.ReturnsAsync(() => TasksOfAsync(client, findingId), p => p.Total > 0,
            because: $"the task of finding {findingId} appears");
        return Assert.Single(page.Items);
    }

    /// <summary>The task as <paramref name="client"/> sees it (asserting it does).</summary>
    public static async Task<TaskDetailDto> DetailAsync(DirectivesClient client, Guid taskId) =>
        await client.GetTaskAsync(taskId, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"Task {taskId} not found.");

    /// <summary>Waits until the task's status is <paramref name="status"/> and returns its detail.</summary>
    public static Task<TaskDetailDto> StatusBecomesAsync(DirectivesClient client, Guid taskId, string status) =>
        Eventually.ReturnsAsync(() => DetailAsync(client, taskId), d => d.Status == status, because: $"task {taskId} becomes {status}");
}
