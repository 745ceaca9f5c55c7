using Dakla06.Contracts.Http.Directives;
using static Dakla06.IntegrationTests.Directives.DirectivesFixture;

namespace Dakla06.IntegrationTests.Directives;

public sealed class OverdueTaskTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<long> OverdueEventsAsync(Guid id) =>
        fixture.ScalarAsync("SELECT count(*) FROM task_events WHERE task_id = @id AND kind = 'overdue'", ("id", id));

    [Fact]
    public async Task Overdue_tasks_are_announced_once_even_by_two_replicas_not_when_done_and_not_again_after_a_return()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var tanLap = await fixture.ClientForAsync("tanlap.officer");
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var document = await CreateDocumentAsync(province, "official-letter", "1234/UBND-NC", "66", "Đôn đốc triển khai");
        var today = fixture.Today;
        var done = new ReportTaskRequest("Xong", 100, null, true);

        var late = await AssignAsync(province, document, NewTask("Quá hạn", today.AddDays(-1), units: ["643", "644", "645"]));
        var dueToday = (await AssignAsync(province, document, NewTask("Hạn hôm nay", today, units: ["646"]))).Single();
        var dueTomorrow = (await AssignAsync(province, document, NewTask("Hạn ngày mai", today.AddDays(1), units: ["647"]))).Single();
        var reportedDone = (await AssignAsync(province, document, NewTask("Đã báo cáo", today.AddDays(-2), units: ["24136"]))).Single();
        var willBeReturned = (await AssignAsync(province, document, NewTask("Sẽ bị trả lại", today.AddDays(-3), units: ["24118"]))).Single();
        await tanLoi.ReportTaskAsync(reportedDone, done, Cancel);

        // Two replicas scan the same database at the same time: each overdue task is claimed by exactly one.
        var counts = await Task.WhenAll(fixture.CreateScanner().ScanOnceAsync(), fixture.CreateScanner().ScanOnceAsync());
        Assert.Equal(4, counts.Sum());
        foreach (var id in late.Append(willBeReturned))
        {
            Assert.Equal(1, await OverdueEventsAsync(id));
        }

        Assert.Equal(0, await OverdueEventsAsync(reportedDone));
        Assert.Equal(0, await OverdueEventsAsync(dueToday));
        Assert.Equal(4, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE document_id = @d AND overdue_notified_at IS NOT NULL", ("d", document)));

        var overdueList = await province.ListTasksAsync(new TaskQuery(DocumentId: document, Overdue: true), 1, 20, Cancel);
        Assert.Equal(4, overdueList.Total);
        Assert.All(overdueList.Items, t => Assert.True(t.Overdue));
        var all = await province.ListTasksAsync(new TaskQuery(DocumentId: document), 1, 20, Cancel);
        Assert.Equal([true, true, true, true, false, false, false], all.Items.Select(t => t.Overdue));

        // Reported done, then returned past its deadline: open and overdue again, but already announced.
        await tanLap.ReportTaskAsync(willBeReturned, done, Cancel);
        await province.ReturnTaskAsync(willBeReturned, new ReturnTaskRequest("Chưa đạt"), Cancel);

        Assert.Equal(0, await fixture.CreateScanner().ScanOnceAsync());
        Assert.Equal(1, await OverdueEventsAsync(willBeReturned));

        // Two days later (Vietnam date) the tasks due today and tomorrow are overdue and announced, once.
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await fixture.CreateScanner().ScanOnceAsync());
        Assert.Equal(0, await fixture.CreateScanner().ScanOnceAsync());
        Assert.Equal(1, await OverdueEventsAsync(dueToday));
        Assert.Equal(1, await OverdueEventsAsync(dueTomorrow));
        Assert.Equal(0, await OverdueEventsAsync(reportedDone));
    }
}
