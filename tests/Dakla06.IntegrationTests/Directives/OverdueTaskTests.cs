using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dakla06.IntegrationTests.Directives;

public sealed class OverdueTaskTests(TasksFixture fixture) : IClassFixture<TasksFixture>
{
    private Task<long> OverdueEventsAsync(Guid id) =>
        fixture.ScalarAsync("SELECT count(*) FROM task_events WHERE task_id = @id AND kind = 'overdue'", ("id", id));

    [Fact]
    public async Task Overdue_tasks_are_announced_once_even_by_two_replicas_not_when_done_and_not_again_after_a_return()
    {
        using var province = await fixture.ClientForAsync("province.officer");
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        using var tanLap = await fixture.ClientForAsync("tanlap.officer");
        using var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var document = await DirectivesFixture.CreateDocumentAsync(province, "official-letter", "1234/UBND-NC", "66", "Đôn đốc triển khai");
        var today = fixture.Today;

        var late = await TasksFixture.AssignAsync(province, document, TasksFixture.Task("Quá hạn", today.AddDays(-1), units: ["643", "644", "645"]));
        var dueToday = (await TasksFixture.AssignAsync(province, document, TasksFixture.Task("Hạn hôm nay", today, units: ["646"]))).Single();
        var dueTomorrow = (await TasksFixture.AssignAsync(province, document, TasksFixture.Task("Hạn ngày mai", today.AddDays(1), units: ["647"]))).Single();
        var reportedDone = (await TasksFixture.AssignAsync(province, document, TasksFixture.Task("Đã báo cáo", today.AddDays(-2), units: ["24136"]))).Single();
        var willBeReturned = (await TasksFixture.AssignAsync(province, document, TasksFixture.Task("Sẽ bị trả lại", today.AddDays(-3), units: ["24118"]))).Single();
        using (var done = await tanLoi.PostAsJsonAsync($"/api/directives/tasks/{reportedDone}/reports", new { note = "Xong", percent = 100, done = true }))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

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

        var overdueList = await province.GetFromJsonAsync<JsonElement>($"/api/directives/tasks?documentId={document}&overdue=true", TestContext.Current.CancellationToken);
        Assert.Equal(4, overdueList.GetProperty("total").GetInt32());
        Assert.All(overdueList.GetProperty("items").EnumerateArray(), t => Assert.True(t.GetProperty("overdue").GetBoolean()));
        var all = await province.GetFromJsonAsync<JsonElement>($"/api/directives/tasks?documentId={document}", TestContext.Current.CancellationToken);
        Assert.Equal([true, true, true, true, false, false, false],
            all.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("overdue").GetBoolean()));

        // Reported done, then returned past its deadline: open and overdue again, but already announced.
        using (var report = await tanLap.PostAsJsonAsync($"/api/directives/tasks/{willBeReturned}/reports", new { note = "Xong", percent = 100, done = true }))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }

        using (var back = await province.PostAsJsonAsync($"/api/directives/tasks/{willBeReturned}/return", new { reason = "Chưa đạt" }))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

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
