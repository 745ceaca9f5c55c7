using Dakla06.Contracts.Directives;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using Dakla06.Contracts.Inspections;
using Dakla06.IntegrationTests.Messaging;
using Dakla06.IntegrationTests.Support;
using static Dakla06.IntegrationTests.Directives.DirectivesFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>Findings of the inspection service, published on the bus, become remediation tasks closed by verification.</summary>
public sealed class RemediationTaskTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Raised_finding_opens_one_task_for_the_responsible_unit_due_at_the_deadline_under_the_inspection_conclusion()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised(deadline: fixture.Today.AddDays(7));

        await fixture.PublishAsync(finding);

        var task = await TaskOfAsync(bmt, finding.FindingId);
        Assert.Equal("Khắc phục: Máy chủ chưa vá lỗ hổng", task.Title);
        Assert.Equal(finding.Deadline, task.DueOn);
        Assert.Equal("643", task.AssigneeUnitCode);
        Assert.Equal("66", task.AssignerUnitCode);
        Assert.Equal("urgent", task.Priority);
        Assert.Equal("assigned", task.Status);
        Assert.Equal(RemediationTasks.SourceType, task.SourceType);
        Assert.Equal(finding.FindingId.ToString("D"), task.SourceId);

        var detail = await DetailAsync(bmt, task.Id);
        var documentId = Assert.NotNull(detail.DocumentId);
        Assert.Equal("inspection-finding", detail.Source.Type);
        Assert.Equal(finding.FindingId.ToString("D"), detail.Source.Id);
        Assert.Equal(documentId, detail.Source.DocumentId);
        Assert.StartsWith("Kết luận kiểm tra an ninh, an toàn: Nền tảng tích hợp", detail.Source.Subject, StringComparison.Ordinal);
        Assert.Contains("15/05/2022", detail.Source.Subject, StringComparison.Ordinal);
        Assert.Contains("Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)", detail.Description, StringComparison.Ordinal);
        Assert.Equal("assigned", Assert.Single(detail.History).Kind);
        Assert.Equal([TaskActions.Start, TaskActions.Report], detail.AllowedActions);

        // The conclusion is a document of the inspecting unit, readable like any document, written by the system.
        var document = await bmt.GetDocumentAsync(documentId, Cancel);
        Assert.NotNull(document);
        Assert.Equal("inspection-conclusion", document.Type);
        Assert.Equal("Kết luận kiểm tra", document.TypeName);
        Assert.Equal("66", document.IssuingUnitCode);
        Assert.Equal(new DateOnly(2022, 5, 15), document.IssuedOn);
        Assert.Equal("system:inspections", document.CreatedBy);
        Assert.Equal(detail.Source.Number, document.Number);
        var byType = await bmt.ListDocumentsAsync(new DocumentQuery(Type: "inspection-conclusion"), 1, 100, Cancel);
        Assert.Contains(byType.Items, d => d.Id == documentId);

        var assigned = Assert.Single(await fixture.AwaitEventsAsync<TaskAssigned>(e => e.TaskId == task.Id));
        Assert.Equal((RemediationTasks.SourceType, finding.FindingId.ToString("D"), documentId, "643", "66", finding.Deadline, "urgent"),
            (assigned.SourceType, assigned.SourceId, assigned.DocumentId, assigned.UnitCode, assigned.AssignerUnitCode, assigned.DueOn, assigned.Priority));

        // Out of scope for another district: the task is not theirs (the province's conclusion document is readable below it).
        var buonHo = await fixture.ClientForAsync("buonho.officer");
        Assert.Equal(0, (await TasksOfAsync(buonHo, finding.FindingId)).Total);
    }

    [Theory]
    [InlineData("high", "high")]
    [InlineData("medium", "normal")]
    [InlineData("low", "low")]
    public async Task Severity_sets_the_priority(string severity, string priority)
    {
        var province = await fixture.ClientForAsync("province.officer");
        var finding = fixture.Raised(severity: severity);
        await fixture.PublishAsync(finding);
        Assert.Equal(priority, (await TaskOfAsync(province, finding.FindingId)).Priority);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_and_a_re_published_event_still_open_one_task()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();

        // Twice under the same message id (a redelivery), then once more as a new message (a re-publish).
        await fixture.PublishAsync(finding);
        await fixture.PublishAsync(finding);
        var republished = finding with { EventId = Guid.CreateVersion7() };
        await fixture.PublishAsync(republished);

        // All three copies were consumed to the end (committed or not), so their effects are all in by now.
        await fixture.AwaitConsumedAsync<FindingRaised>(e => e.FindingId == finding.FindingId, count: 3);
        var task = await TaskOfAsync(bmt, finding.FindingId);
        Assert.Equal(1, (await TasksOfAsync(bmt, finding.FindingId)).Total);
        Assert.Single((await DetailAsync(bmt, task.Id)).History);
        // The inbox recorded both message ids once each; the task's own unique source stopped the re-publish.
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE consumer LIKE '%FindingRaisedConsumer' AND message_id = ANY(@ids)",
            ("ids", new[] { finding.EventId, republished.EventId })));

        // A sentinel published after the copies arrives after them; by then any second TaskAssigned would have too.
        var sentinel = fixture.Raised();
        await fixture.PublishAsync(sentinel);
        var sentinelTask = (await TaskOfAsync(bmt, sentinel.FindingId)).Id;
        await fixture.AwaitEventsAsync<TaskAssigned>(e => e.TaskId == sentinelTask);
        Assert.Single(fixture.Seen<TaskAssigned>(e => e.TaskId == task.Id));
    }

    [Fact]
    public async Task Findings_of_one_inspection_share_one_conclusion_document_even_when_handled_concurrently()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var inspection = Guid.CreateVersion7();
        var findings = new[]
        {
            fixture.Raised(inspection, title: "Chưa cài phần mềm diệt virus"),
            fixture.Raised(inspection, unit: "24136", severity: "high", title: "Mật khẩu quản trị mặc định"),
            fixture.Raised(inspection, severity: "medium", title: "Chưa có nhật ký truy cập"),
        };
        var other = fixture.Raised();

        await Task.WhenAll(findings.Append(other).Select(f => fixture.PublishAsync(f)));

        var tasks = new List<TaskSummaryDto>();
        foreach (var finding in findings)
        {
            tasks.Add(await TaskOfAsync(province, finding.FindingId));
        }

        var document = Assert.Single(tasks.Select(t => t.DocumentId).Distinct());
        Assert.NotNull(document);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM documents WHERE inspection_id = @i", ("i", inspection)));
        Assert.Equal(3, (await province.ListTasksAsync(new TaskQuery(DocumentId: document), 1, 20, Cancel)).Total);

        var otherDocument = (await TaskOfAsync(province, other.FindingId)).DocumentId;
        Assert.NotEqual(document, otherDocument);
    }

    [Fact]
    public async Task Report_done_publishes_the_source_and_only_verification_closes_the_task()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var province = await fixture.ClientForAsync("province.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await TaskOfAsync(bmt, finding.FindingId)).Id;

        await bmt.StartTaskAsync(taskId, Cancel);
        await province.RemindTaskAsync(taskId, new RemindTaskRequest("Đề nghị khẩn trương khắc phục"), Cancel);
        var reported = await bmt.ReportTaskAsync(taskId, new ReportTaskRequest("Đã cập nhật bản vá", 100, null, true), Cancel);
        Assert.Equal("reported_done", reported.Status);

        var report = Assert.Single(await fixture.AwaitEventsAsync<TaskReported>(e => e.TaskId == taskId));
        Assert.True(report.Done);
        Assert.Equal(RemediationTasks.SourceType, report.SourceType);
        Assert.Equal(finding.FindingId.ToString("D"), report.SourceId);

        // The assigning side is offered neither accept nor return, and both endpoints refuse with the reason.
        Assert.Empty((await DetailAsync(province, taskId)).AllowedActions);
        foreach (var close in new Func<Task>[]
        {
            () => province.AcceptTaskAsync(taskId, new AcceptTaskRequest("Đạt"), Cancel),
            () => province.ReturnTaskAsync(taskId, new ReturnTaskRequest("Chưa đạt"), Cancel),
            () => bmt.AcceptTaskAsync(taskId, new AcceptTaskRequest("Tự đóng"), Cancel),
        })
        {
            var refused = await FailsAsync(ApiFailure.Conflict, close);
            Assert.Contains("Nhiệm vụ khắc phục chỉ được đóng khi tổ kiểm tra xác minh", refused.Detail, StringComparison.Ordinal);
        }

        Assert.Equal("reported_done", (await DetailAsync(bmt, taskId)).Status);

        await fixture.PublishAsync(Verified(finding.FindingId));
        var accepted = await StatusBecomesAsync(bmt, taskId, "accepted");
        var verifiedEntry = accepted.History[^1];
        Assert.Equal("accepted", verifiedEntry.Kind);
        Assert.Equal("Đã xác minh khắc phục: Đã vá, kiểm tra lại đạt", verifiedEntry.Note);
        Assert.Equal("province.inspector", verifiedEntry.Actor);
        var acceptedEvent = Assert.Single(await fixture.AwaitEventsAsync<TaskAccepted>(e => e.TaskId == taskId));
        Assert.True(acceptedEvent.OnTime);
        Assert.Equal(finding.FindingId.ToString("D"), acceptedEvent.SourceId);
    }

    [Fact]
    public async Task Reopened_finding_sends_the_task_back_to_in_progress_with_the_reason_and_verification_closes_it_from_any_open_state()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await TaskOfAsync(bmt, finding.FindingId)).Id;

        // Verified while still only assigned: closed all the same.
        await fixture.PublishAsync(Verified(finding.FindingId, note: null));
        var closed = await StatusBecomesAsync(bmt, taskId, "accepted");
        Assert.Equal("Đã xác minh khắc phục", closed.History[^1].Note);

        // Reopened after verification: back to in_progress with the reason, TaskReturned published.
        await fixture.PublishAsync(Reopened(finding.FindingId, "Tái kiểm tra phát hiện lại lỗ hổng"));
        var reopened = await StatusBecomesAsync(bmt, taskId, "in_progress");
        var entry = reopened.History[^1];
        Assert.Equal("returned", entry.Kind);
        Assert.Equal("Tổ kiểm tra mở lại phát hiện: Tái kiểm tra phát hiện lại lỗ hổng", entry.Note);
        var returned = Assert.Single(await fixture.AwaitEventsAsync<TaskReturned>(e => e.TaskId == taskId));
        Assert.Equal("Tổ kiểm tra mở lại phát hiện: Tái kiểm tra phát hiện lại lỗ hổng", returned.Reason);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE id = @id AND accepted_at IS NOT NULL", ("id", taskId)));

        // Reopened while in progress: the reason goes into the history, the state stays, nothing is published.
        var historyBefore = reopened.History.Count;
        await fixture.PublishAsync(Reopened(finding.FindingId, "Bổ sung: chưa đổi mật khẩu"));
        var stillOpen = await Eventually.ReturnsAsync(() => DetailAsync(bmt, taskId), d => d.History.Count > historyBefore,
            because: "the second reopening is recorded");
        Assert.Equal("in_progress", stillOpen.Status);
        Assert.Equal("Tổ kiểm tra mở lại phát hiện: Bổ sung: chưa đổi mật khẩu", stillOpen.History[^1].Note);

        // The unit reports again; the team verifies; the task closes once more. Exactly one TaskReturned in all.
        await bmt.ReportTaskAsync(taskId, new ReportTaskRequest("Đã đổi mật khẩu, vá lỗ hổng", 100, null, true), Cancel);
        await fixture.PublishAsync(Verified(finding.FindingId));
        await StatusBecomesAsync(bmt, taskId, "accepted");
        await fixture.AwaitEventsAsync<TaskAccepted>(e => e.TaskId == taskId, 2);
        Assert.Single(fixture.Seen<TaskReturned>(e => e.TaskId == taskId));
    }

    [Fact]
    public async Task A_re_published_verification_of_an_accepted_task_changes_nothing()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await TaskOfAsync(bmt, finding.FindingId)).Id;
        var verified = Verified(finding.FindingId);

        await fixture.PublishAsync(verified);
        await fixture.PublishAsync(verified);
        await fixture.PublishAsync(verified with { EventId = Guid.CreateVersion7() });
        await fixture.AwaitConsumedAsync<FindingVerified>(e => e.FindingId == finding.FindingId, count: 3);

        var detail = await StatusBecomesAsync(bmt, taskId, "accepted");
        Assert.Equal(2, detail.History.Count); // assigned, accepted
        // The acceptance is relayed after its commit: wait for it, then make sure it was the only one.
        await fixture.AwaitEventsAsync<TaskAccepted>(e => e.TaskId == taskId);
        Assert.Single(fixture.Seen<TaskAccepted>(e => e.TaskId == taskId));
    }
}

/// <summary>RabbitMQ stopped while the unit reports its remediation: nothing is lost, nothing doubled.</summary>
[Collection(typeof(BrokerOutageCollection))]
public sealed class RemediationBrokerOutageTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public async Task Report_made_while_RabbitMQ_is_down_is_published_after_it_comes_back_and_verification_then_closes_the_task()
    {
        var cancel = TestContext.Current.CancellationToken;
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var finding = fixture.Raised();
        await fixture.PublishAsync(finding);
        var taskId = (await TaskOfAsync(bmt, finding.FindingId)).Id;
        await fixture.AwaitEventsAsync<TaskAssigned>(e => e.TaskId == taskId);

        await TestEnvironment.StopBrokerAsync();
        try
        {
            // The API works without the broker: the change commits, its event waits in the outbox.
            await bmt.ReportTaskAsync(taskId, new ReportTaskRequest("Đã khắc phục trong lúc mất kết nối máy chủ tin nhắn", 100, null, true), cancel);
            await Eventually.ReturnsAsync(() => fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0"), n => n > 0,
                because: "the relay tries and keeps the event");
            Assert.Empty(fixture.Seen<TaskReported>(e => e.TaskId == taskId));
        }
        finally
        {
            await TestEnvironment.StartBrokerAsync();
        }

        var reported = Assert.Single(await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskReported>(e => e.TaskId == taskId)), e => e.Count > 0,
            TimeSpan.FromSeconds(90), "the report made during the outage is published"));
        Assert.Equal(finding.FindingId.ToString("D"), reported.SourceId);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages"));

        // The service's consumers are back too: the verification reaches it and closes the task, once.
        // The observer received the report, so the bus is connected again.
        await fixture.PublishAsync(Verified(finding.FindingId));
        await StatusBecomesAsync(bmt, taskId, "accepted");
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Seen<TaskAccepted>(e => e.TaskId == taskId)), e => e.Count > 0, TimeSpan.FromSeconds(60));
        Assert.Single(fixture.Seen<TaskAssigned>(e => e.TaskId == taskId));
        Assert.Single(fixture.Seen<TaskReported>(e => e.TaskId == taskId));
        Assert.Single(fixture.Seen<TaskAccepted>(e => e.TaskId == taskId));
        Assert.Equal(1, (await TasksOfAsync(bmt, finding.FindingId)).Total);
    }
}
