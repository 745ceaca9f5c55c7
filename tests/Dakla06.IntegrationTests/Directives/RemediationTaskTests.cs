using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dakla06.Contracts;
using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Inspections;
using Dakla06.IntegrationTests.Messaging;
using Dakla06.IntegrationTests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>
/// The directives API with an observer on its broker virtual host: a receive endpoint of the test that records
/// every task event the service publishes, and a consume observer counting how often the service's consumers
/// received each finding event (to prove a duplicate really arrived twice).
/// </summary>
public class RemediationFixture : TasksFixture
{
    private HostReceiveEndpointHandle? _observer;

    /// <summary>Task events seen on the broker, in arrival order.</summary>
    public ConcurrentQueue<IIntegrationEvent> TaskEvents { get; } = new();

    /// <summary>Deliveries of finding events to the service's consumers, by finding id.</summary>
    public ConcurrentDictionary<Guid, int> FindingDeliveries { get; } = new();

    public IBus Bus => Api.Services.GetRequiredService<IBus>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _observer = Bus.ConnectReceiveEndpoint("remediation-test-observer", endpoint =>
        {
            endpoint.Handler<TaskAssigned>(context => Record(context.Message));
            endpoint.Handler<TaskReported>(context => Record(context.Message));
            endpoint.Handler<TaskAccepted>(context => Record(context.Message));
            endpoint.Handler<TaskReturned>(context => Record(context.Message));
            endpoint.Handler<DirectiveIssued>(context => Record(context.Message));
        });
        await _observer.Ready;
        Bus.ConnectConsumeObserver(new FindingDeliveryCounter(FindingDeliveries));
    }

    private System.Threading.Tasks.Task Record(IIntegrationEvent message)
    {
        TaskEvents.Enqueue(message);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>Publishes a finding event as the inspection service's relay does: the event id is the message id.</summary>
    public System.Threading.Tasks.Task PublishAsync<TEvent>(TEvent message, Guid? messageId = null)
        where TEvent : class, IIntegrationEvent =>
        Bus.Publish(message, context => context.MessageId = messageId ?? message.EventId, TestContext.Current.CancellationToken);

    public FindingRaised Raised(Guid? inspectionId = null, string unit = "643", string severity = "critical", DateOnly? deadline = null, string title = "Máy chủ chưa vá lỗ hổng") => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, unit, Guid.CreateVersion7(), inspectionId ?? Guid.CreateVersion7(), "66", "PA05",
        "Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)", new DateOnly(2022, 5, 15), title, severity,
        deadline ?? Today.AddDays(7), "province.inspector");

    public static FindingVerified Verified(Guid findingId, string? note = "Đã vá, kiểm tra lại đạt") =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "643", findingId, note, "province.inspector");

    public static FindingReopened Reopened(Guid findingId, string reason = "Kiểm tra lại vẫn còn lỗ hổng") =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "643", findingId, reason, "province.inspector");

    /// <summary>The finding's tasks as <c>GET /api/directives/tasks?sourceId=</c> lists them for <paramref name="client"/>.</summary>
    public static async Task<JsonElement> TasksOfAsync(HttpClient client, Guid findingId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/directives/tasks?sourceId={findingId:D}", TestContext.Current.CancellationToken);

    /// <summary>Waits for the finding's task and returns it from the list (asserting there is exactly one).</summary>
    public static async Task<JsonElement> TaskOfAsync(HttpClient client, Guid findingId)
    {
        var page = await Eventually.ReturnsAsync(() => TasksOfAsync(client, findingId), p => p.GetProperty("total").GetInt32() > 0,
            because: $"the task of finding {findingId} appears");
        return Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    public static async Task<JsonElement> DetailAsync(HttpClient client, Guid taskId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/directives/tasks/{taskId}", TestContext.Current.CancellationToken);

    /// <summary>Waits until the task's status is <paramref name="status"/> and returns its detail.</summary>
    public static Task<JsonElement> StatusBecomesAsync(HttpClient client, Guid taskId, string status) =>
        Eventually.ReturnsAsync(() => DetailAsync(client, taskId), d => d.GetProperty("status").GetString() == status,
            because: $"task {taskId} becomes {status}");

    public IReadOnlyList<TEvent> Seen<TEvent>(Guid taskId)
        where TEvent : IIntegrationEvent =>
        TaskEvents.OfType<TEvent>().Where(e => TaskIdOf(e) == taskId).ToList();

    private static Guid? TaskIdOf(IIntegrationEvent message) => message switch
    {
        TaskAssigned e => e.TaskId,
        TaskReported e => e.TaskId,
        TaskAccepted e => e.TaskId,
        TaskReturned e => e.TaskId,
        _ => null,
    };

    public override async ValueTask DisposeAsync()
    {
        if (_observer is not null)
        {
            await _observer.StopAsync(CancellationToken.None);
        }

        await base.DisposeAsync();
    }

    private sealed class FindingDeliveryCounter(ConcurrentDictionary<Guid, int> deliveries) : IConsumeObserver
    {
        public System.Threading.Tasks.Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            var findingId = context.Message switch
            {
                FindingRaised e => e.FindingId,
                FindingVerified e => e.FindingId,
                FindingReopened e => e.FindingId,
                _ => (Guid?)null,
            };
            if (findingId is { } id)
            {
                deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
            }

            return System.Threading.Tasks.Task.CompletedTask;
        }

        public System.Threading.Tasks.Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => System.Threading.Tasks.Task.CompletedTask;

        public System.Threading.Tasks.Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => System.Threading.Tasks.Task.CompletedTask;
    }
}

public sealed class RemediationTaskTests(RemediationFixture fixture) : IClassFixture<RemediationFixture>
{
    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Raised_finding_opens_one_task_for_the_responsible_unit_due_at_the_deadline_under_the_inspection_conclusion()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised(deadline: fixture.Today.AddDays(7));

        await fixture.PublishAsync(finding);

        var task = await RemediationFixture.TaskOfAsync(bmt, finding.FindingId);
        var taskId = task.GetProperty("id").GetGuid();
        Assert.Equal("Khắc phục: Máy chủ chưa vá lỗ hổng", task.GetProperty("title").GetString());
        Assert.Equal(TasksFixture.Iso(finding.Deadline), task.GetProperty("dueOn").GetString());
        Assert.Equal("643", task.GetProperty("assigneeUnitCode").GetString());
        Assert.Equal("66", task.GetProperty("assignerUnitCode").GetString());
        Assert.Equal("urgent", task.GetProperty("priority").GetString());
        Assert.Equal("assigned", task.GetProperty("status").GetString());
        Assert.Equal(RemediationTasks.SourceType, task.GetProperty("sourceType").GetString());
        Assert.Equal(finding.FindingId.ToString("D"), task.GetProperty("sourceId").GetString());

        var detail = await RemediationFixture.DetailAsync(bmt, taskId);
        var documentId = detail.GetProperty("documentId").GetGuid();
        var source = detail.GetProperty("source");
        Assert.Equal("inspection-finding", source.GetProperty("type").GetString());
        Assert.Equal(finding.FindingId.ToString("D"), source.GetProperty("id").GetString());
        Assert.Equal(documentId, source.GetProperty("documentId").GetGuid());
        Assert.StartsWith("Kết luận kiểm tra an ninh, an toàn: Nền tảng tích hợp", source.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("15/05/2022", source.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)", detail.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("assigned", Assert.Single(detail.GetProperty("history").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(["start", "report"], detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        // The conclusion is a document of the inspecting unit, readable like any document, written by the system.
        var document = await bmt.GetFromJsonAsync<JsonElement>($"/api/directives/documents/{documentId}", TestContext.Current.CancellationToken);
        Assert.Equal("inspection-conclusion", document.GetProperty("type").GetString());
        Assert.Equal("Kết luận kiểm tra", document.GetProperty("typeName").GetString());
        Assert.Equal("66", document.GetProperty("issuingUnitCode").GetString());
        Assert.Equal("2022-05-15", document.GetProperty("issuedOn").GetString());
        Assert.Equal("system:inspections", document.GetProperty("createdBy").GetString());
        Assert.Equal(source.GetProperty("number").GetString(), document.GetProperty("number").GetString());
        var byType = await bmt.GetFromJsonAsync<JsonElement>("/api/directives/documents?type=inspection-conclusion&pageSize=100", TestContext.Current.CancellationToken);
        Assert.Contains(byType.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == documentId);

        var assigned = Assert.Single(await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Seen<TaskAssigned>(taskId)), e => e.Count > 0, because: "TaskAssigned is published"));
        Assert.Equal((RemediationTasks.SourceType, finding.FindingId.ToString("D"), documentId, "643", "66", finding.Deadline, "urgent"),
            (assigned.SourceType, assigned.SourceId, assigned.DocumentId, assigned.UnitCode, assigned.AssignerUnitCode, assigned.DueOn, assigned.Priority));

        // Out of scope for another district: the task and its document are not theirs.
        using var buonHo = await fixture.ClientForAsync("buonho.officer");
        Assert.Equal(0, (await RemediationFixture.TasksOfAsync(buonHo, finding.FindingId)).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("high", "high")]
    [InlineData("medium", "normal")]
    [InlineData("low", "low")]
    public async Task Severity_sets_the_priority(string severity, string priority)
    {
        using var province = await fixture.ClientForAsync("province.officer");
        var finding = fixture.Raised(severity: severity);
        await fixture.PublishAsync(finding);
        Assert.Equal(priority, (await RemediationFixture.TaskOfAsync(province, finding.FindingId)).GetProperty("priority").GetString());
    }

    [Fact]
    public async Task The_same_message_delivered_twice_and_a_re_published_event_still_open_one_task()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();

        // Twice under the same message id (a redelivery), then once more as a new message (a re-publish).
        await fixture.PublishAsync(finding);
        await fixture.PublishAsync(finding);
        var republished = finding with { EventId = Guid.CreateVersion7() };
        await fixture.PublishAsync(republished);

        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.FindingDeliveries.GetValueOrDefault(finding.FindingId)), n => n >= 3,
            because: "the consumer receives all three copies");
        var task = await RemediationFixture.TaskOfAsync(bmt, finding.FindingId);
        var taskId = task.GetProperty("id").GetGuid();
        Assert.Equal(1, (await RemediationFixture.TasksOfAsync(bmt, finding.FindingId)).GetProperty("total").GetInt32());
        Assert.Single((await RemediationFixture.DetailAsync(bmt, taskId)).GetProperty("history").EnumerateArray());
        // The inbox recorded both message ids once each; the task's own unique source stopped the re-publish.
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE consumer LIKE '%FindingRaisedConsumer' AND message_id = ANY(@ids)",
            ("ids", new[] { finding.EventId, republished.EventId })));

        // A sentinel published after the copies arrives after them; by then any second TaskAssigned would have too.
        var sentinel = fixture.Raised();
        await fixture.PublishAsync(sentinel);
        var sentinelTask = (await RemediationFixture.TaskOfAsync(bmt, sentinel.FindingId)).GetProperty("id").GetGuid();
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskAssigned>(sentinelTask)), e => e.Count > 0);
        Assert.Single(fixture.Seen<TaskAssigned>(taskId));
    }

    [Fact]
    public async Task Findings_of_one_inspection_share_one_conclusion_document_even_when_handled_concurrently()
    {
        using var province = await fixture.ClientForAsync("province.officer");
        var inspection = Guid.CreateVersion7();
        var findings = new[]
        {
            fixture.Raised(inspection, title: "Chưa cài phần mềm diệt virus"),
            fixture.Raised(inspection, unit: "24136", severity: "high", title: "Mật khẩu quản trị mặc định"),
            fixture.Raised(inspection, severity: "medium", title: "Chưa có nhật ký truy cập"),
        };
        var other = fixture.Raised();

        await Task.WhenAll(findings.Append(other).Select(f => fixture.PublishAsync(f)));

        var tasks = new List<JsonElement>();
        foreach (var finding in findings)
        {
            tasks.Add(await RemediationFixture.TaskOfAsync(province, finding.FindingId));
        }

        var documents = tasks.Select(t => t.GetProperty("documentId").GetGuid()).Distinct().ToList();
        var document = Assert.Single(documents);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM documents WHERE inspection_id = @i", ("i", inspection)));
        var list = await province.GetFromJsonAsync<JsonElement>($"/api/directives/tasks?documentId={document}", TestContext.Current.CancellationToken);
        Assert.Equal(3, list.GetProperty("total").GetInt32());

        var otherDocument = (await RemediationFixture.TaskOfAsync(province, other.FindingId)).GetProperty("documentId").GetGuid();
        Assert.NotEqual(document, otherDocument);
    }

    [Fact]
    public async Task Report_done_publishes_the_source_and_only_verification_closes_the_task()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        using var province = await fixture.ClientForAsync("province.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await RemediationFixture.TaskOfAsync(bmt, finding.FindingId)).GetProperty("id").GetGuid();

        await PostAsync(bmt, $"/api/directives/tasks/{taskId}/start", new { }, HttpStatusCode.OK);
        await PostAsync(province, $"/api/directives/tasks/{taskId}/remind", new { note = "Đề nghị khẩn trương khắc phục" }, HttpStatusCode.OK);
        var reported = await PostAsync(bmt, $"/api/directives/tasks/{taskId}/reports",
            new { note = "Đã cập nhật bản vá", percent = 100, done = true }, HttpStatusCode.OK);
        Assert.Equal("reported_done", reported.GetProperty("status").GetString());

        var report = Assert.Single(await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Seen<TaskReported>(taskId)), e => e.Count > 0, because: "TaskReported is published"));
        Assert.True(report.Done);
        Assert.Equal(RemediationTasks.SourceType, report.SourceType);
        Assert.Equal(finding.FindingId.ToString("D"), report.SourceId);

        // The assigning side is offered neither accept nor return, and both endpoints refuse with the reason.
        Assert.Empty((await RemediationFixture.DetailAsync(province, taskId)).GetProperty("allowedActions").EnumerateArray());
        foreach (var (client, path, body) in new (HttpClient, string, object)[]
        {
            (province, "accept", new { note = "Đạt" }),
            (province, "return", new { reason = "Chưa đạt" }),
            (bmt, "accept", new { note = "Tự đóng" }),
        })
        {
            var refused = await PostAsync(client, $"/api/directives/tasks/{taskId}/{path}", body, HttpStatusCode.Conflict);
            Assert.Contains("Nhiệm vụ khắc phục chỉ được đóng khi tổ kiểm tra xác minh", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("reported_done", (await RemediationFixture.DetailAsync(bmt, taskId)).GetProperty("status").GetString());

        await fixture.PublishAsync(RemediationFixture.Verified(finding.FindingId));
        var accepted = await RemediationFixture.StatusBecomesAsync(bmt, taskId, "accepted");
        var verifiedEntry = accepted.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("accepted", verifiedEntry.GetProperty("kind").GetString());
        Assert.Equal("Đã xác minh khắc phục: Đã vá, kiểm tra lại đạt", verifiedEntry.GetProperty("note").GetString());
        Assert.Equal("province.inspector", verifiedEntry.GetProperty("actor").GetString());
        var acceptedEvent = Assert.Single(await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Seen<TaskAccepted>(taskId)), e => e.Count > 0, because: "TaskAccepted is published"));
        Assert.True(acceptedEvent.OnTime);
        Assert.Equal(finding.FindingId.ToString("D"), acceptedEvent.SourceId);
    }

    [Fact]
    public async Task Reopened_finding_sends_the_task_back_to_in_progress_with_the_reason_and_verification_closes_it_from_any_open_state()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await RemediationFixture.TaskOfAsync(bmt, finding.FindingId)).GetProperty("id").GetGuid();

        // Verified while still only assigned: closed all the same.
        await fixture.PublishAsync(RemediationFixture.Verified(finding.FindingId, note: null));
        var closed = await RemediationFixture.StatusBecomesAsync(bmt, taskId, "accepted");
        Assert.Equal("Đã xác minh khắc phục", closed.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());

        // Reopened after verification: back to in_progress with the reason, TaskReturned published.
        await fixture.PublishAsync(RemediationFixture.Reopened(finding.FindingId, "Tái kiểm tra phát hiện lại lỗ hổng"));
        var reopened = await RemediationFixture.StatusBecomesAsync(bmt, taskId, "in_progress");
        var entry = reopened.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("returned", entry.GetProperty("kind").GetString());
        Assert.Equal("Tổ kiểm tra mở lại phát hiện: Tái kiểm tra phát hiện lại lỗ hổng", entry.GetProperty("note").GetString());
        var returned = Assert.Single(await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Seen<TaskReturned>(taskId)), e => e.Count > 0, because: "TaskReturned is published"));
        Assert.Equal("Tổ kiểm tra mở lại phát hiện: Tái kiểm tra phát hiện lại lỗ hổng", returned.Reason);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE id = @id AND accepted_at IS NOT NULL", ("id", taskId)));

        // Reopened while in progress: the reason goes into the history, the state stays, nothing is published.
        var historyBefore = reopened.GetProperty("history").GetArrayLength();
        await fixture.PublishAsync(RemediationFixture.Reopened(finding.FindingId, "Bổ sung: chưa đổi mật khẩu"));
        var stillOpen = await Eventually.ReturnsAsync(() => RemediationFixture.DetailAsync(bmt, taskId),
            d => d.GetProperty("history").GetArrayLength() > historyBefore, because: "the second reopening is recorded");
        Assert.Equal("in_progress", stillOpen.GetProperty("status").GetString());
        Assert.Equal("Tổ kiểm tra mở lại phát hiện: Bổ sung: chưa đổi mật khẩu", stillOpen.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());

        // The unit reports again; the team verifies; the task closes once more. Exactly one TaskReturned in all.
        await PostAsync(bmt, $"/api/directives/tasks/{taskId}/reports", new { note = "Đã đổi mật khẩu, vá lỗ hổng", percent = 100, done = true }, HttpStatusCode.OK);
        await fixture.PublishAsync(RemediationFixture.Verified(finding.FindingId));
        await RemediationFixture.StatusBecomesAsync(bmt, taskId, "accepted");
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskAccepted>(taskId)), e => e.Count == 2, because: "the second acceptance is published");
        Assert.Single(fixture.Seen<TaskReturned>(taskId));
    }

    [Fact]
    public async Task A_re_published_verification_of_an_accepted_task_changes_nothing()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await RemediationFixture.TaskOfAsync(bmt, finding.FindingId)).GetProperty("id").GetGuid();
        var verified = RemediationFixture.Verified(finding.FindingId);

        await fixture.PublishAsync(verified);
        await fixture.PublishAsync(verified);
        await fixture.PublishAsync(verified with { EventId = Guid.CreateVersion7() });
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.FindingDeliveries.GetValueOrDefault(finding.FindingId)), n => n >= 4,
            because: "the raise and the three verifications arrive");

        var detail = await RemediationFixture.StatusBecomesAsync(bmt, taskId, "accepted");
        Assert.Equal(2, detail.GetProperty("history").GetArrayLength()); // assigned, accepted
        // The acceptance is relayed after its commit: wait for it, then make sure it was the only one.
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskAccepted>(taskId)), e => e.Count >= 1, because: "the acceptance is published");
        Assert.Single(fixture.Seen<TaskAccepted>(taskId));
    }
}

/// <summary>RabbitMQ stopped while the unit reports its remediation: nothing is lost, nothing doubled.</summary>
[Collection(typeof(BrokerOutageCollection))]
public sealed class RemediationBrokerOutageTests(RemediationFixture fixture) : IClassFixture<RemediationFixture>
{
    [Fact]
    public async Task Report_made_while_RabbitMQ_is_down_is_published_after_it_comes_back_and_verification_then_closes_the_task()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await RemediationFixture.TaskOfAsync(bmt, finding.FindingId)).GetProperty("id").GetGuid();
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskAssigned>(taskId)), e => e.Count > 0);

        await TestEnvironment.StopBrokerAsync();
        try
        {
            // The API works without the broker: the change commits, its event waits in the outbox.
            using var response = await bmt.PostAsJsonAsync($"/api/directives/tasks/{taskId}/reports",
                new { note = "Đã khắc phục trong lúc mất kết nối máy chủ tin nhắn", percent = 100, done = true }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0"), n => n > 0,
                because: "the relay tries and keeps the event");
            Assert.Empty(fixture.Seen<TaskReported>(taskId));
        }
        finally
        {
            await TestEnvironment.StartBrokerAsync();
        }

        var reported = Assert.Single(await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskReported>(taskId)), e => e.Count > 0,
            TimeSpan.FromSeconds(90), "the report made during the outage is published"));
        Assert.Equal(finding.FindingId.ToString("D"), reported.SourceId);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages"));

        // The service's consumers are back too: the verification reaches it and closes the task, once.
        // The observer received the report, so the bus is connected again.
        await fixture.PublishAsync(RemediationFixture.Verified(finding.FindingId));
        await RemediationFixture.StatusBecomesAsync(bmt, taskId, "accepted");
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskAccepted>(taskId)), e => e.Count > 0, TimeSpan.FromSeconds(60));
        Assert.Single(fixture.Seen<TaskAssigned>(taskId));
        Assert.Single(fixture.Seen<TaskReported>(taskId));
        Assert.Single(fixture.Seen<TaskAccepted>(taskId));
        Assert.Equal(1, (await RemediationFixture.TasksOfAsync(bmt, finding.FindingId)).GetProperty("total").GetInt32());
    }
}
