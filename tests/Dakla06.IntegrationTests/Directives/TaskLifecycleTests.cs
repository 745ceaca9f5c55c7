using System.Net;
using System.Net.Http.Json;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using static Dakla06.IntegrationTests.Directives.DirectivesFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

public sealed class TaskLifecycleTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<Guid> TaskAssignedToAsync(DirectivesClient client, Guid documentId) =>
        Assert.Single((await client.ListTasksAsync(new TaskQuery(Mine: "assigned", DocumentId: documentId), 1, 20, Cancel)).Items).Id;

    [Fact]
    public async Task Fan_out_to_all_communes_of_a_district_creates_one_task_per_commune_and_a_repeat_with_the_same_key_returns_them()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var document = await CreateDocumentAsync(province, "plan", "10/KH-UBND", "66", "Kế hoạch thành lập Tổ công tác");
        var task = NewTask("Thành lập Tổ công tác cấp xã", fixture.Today.AddDays(30), allCommunesOf: "643");

        // Raw HTTP once for the status and the Location header, which the typed client does not expose.
        using var http = await fixture.HttpClientForAsync("province.officer");
        using var request = new HttpRequestMessage(HttpMethod.Post, DirectivesRoutes.Path(DirectivesRoutes.DocumentTasks, document)) { Content = JsonContent.Create(task) };
        request.Headers.Add(ServiceApiClient.IdempotencyKeyHeader, "fan-out-643");
        using var response = await http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{DirectivesRoutes.Path(DirectivesRoutes.Tasks)}?documentId={document}", response.Headers.Location?.OriginalString);
        var first = await response.Content.ReadFromJsonAsync<CreateTasksResponse>(Cancel);
        Assert.NotNull(first);
        Assert.Equal(21, first.Count);
        Assert.Equal(21, first.TaskIds.Count);

        var again = await province.CreateTasksAsync(document, task, "fan-out-643", Cancel);
        Assert.Equal(first.TaskIds, again.TaskIds);
        Assert.Equal(21, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE document_id = @d", ("d", document)));
        Assert.Equal(21, await fixture.ScalarAsync("SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.document_id = @d AND e.kind = 'assigned'", ("d", document)));

        var list = await province.ListTasksAsync(new TaskQuery(DocumentId: document), 1, 50, Cancel);
        Assert.Equal(21, list.Total);
    }

    [Fact]
    public async Task Fan_out_rules_give_400_for_the_target_403_outside_scope_and_404_for_an_invisible_document()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var buonHo = await fixture.ClientForAsync("buonho.officer");
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var leader = await fixture.ClientForAsync("province.leader");
        var bmtDocument = await CreateDocumentAsync(bmt, "plan", "11/KH-UBND", "643", "Kế hoạch của thành phố");
        var buonHoDocument = await CreateDocumentAsync(buonHo, "plan", "12/KH-UBND", "644", "Kế hoạch của thị xã");
        var due = fixture.Today.AddDays(5);

        var twoTargets = await FailsAsync(ApiFailure.Invalid, () => AssignAsync(bmt, bmtDocument, NewTask("Hai cách giao", due, units: ["24136"], allCommunesInScope: true)));
        Assert.Contains("target", Fields(twoTargets));

        var noTitle = await FailsAsync(ApiFailure.Invalid, () => AssignAsync(bmt, bmtDocument, new CreateTasksRequest("", null, null, due, "urgent", ["24136"])));
        Assert.Contains("title", Fields(noTitle));

        var otherDistrict = await FailsAsync(ApiFailure.Forbidden, () => AssignAsync(bmt, bmtDocument, NewTask("Ngoài phạm vi", due, units: ["24136", "24305"])));
        Assert.Contains("24305", otherDistrict.Detail, StringComparison.Ordinal);
        await FailsAsync(ApiFailure.Forbidden, () => AssignAsync(bmt, bmtDocument, NewTask("Mọi huyện", due, allDistricts: true)));
        await FailsAsync(ApiFailure.Forbidden, () => AssignAsync(tanLoi, bmtDocument, NewTask("Xã giao cho mình", due, allCommunesInScope: true)));
        await FailsAsync(ApiFailure.NotFound, () => AssignAsync(bmt, buonHoDocument, NewTask("Văn bản không thấy", due, units: ["24136"])));
        await FailsAsync(ApiFailure.Forbidden, () => AssignAsync(leader, bmtDocument, NewTask("Không có vai trò", due, units: ["24136"])));

        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE document_id = ANY(@d)", ("d", new[] { bmtDocument, buonHoDocument })));
    }

    [Fact]
    public async Task Whole_life_cycle_through_HTTP_with_wrong_side_403s_and_invalid_transition_409s()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var leader = await fixture.ClientForAsync("province.leader");
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var tanLap = await fixture.ClientForAsync("tanlap.officer");
        var document = await CreateDocumentAsync(province, "decision", "20/QĐ-UBND", "66", "Quyết định giao chỉ tiêu");
        await AssignAsync(province, document, NewTask("Làm sạch dữ liệu dân cư", fixture.Today.AddDays(10), units: ["24136", "24118"]));
        var id = await TaskAssignedToAsync(tanLoi, document);

        var detail = await DetailAsync(tanLoi, id);
        Assert.Equal([TaskActions.Start, TaskActions.Report], detail.AllowedActions);
        Assert.Equal("document", detail.Source.Type);
        Assert.Equal("20/QĐ-UBND", detail.Source.Number);
        Assert.Equal([TaskActions.Remind], (await DetailAsync(province, id)).AllowedActions);
        Assert.Empty((await DetailAsync(leader, id)).AllowedActions);

        await FailsAsync(ApiFailure.Forbidden, () => province.StartTaskAsync(id, Cancel));                         // the assigner does not start
        await FailsAsync(ApiFailure.Forbidden, () => bmt.StartTaskAsync(id, Cancel));                              // nor the district above the assignee
        await FailsAsync(ApiFailure.Forbidden, () => tanLoi.AcceptTaskAsync(id, new AcceptTaskRequest(null), Cancel)); // the assignee does not accept itself
        await FailsAsync(ApiFailure.Forbidden, () => bmt.AcceptTaskAsync(id, new AcceptTaskRequest(null), Cancel));    // a district is below the assigning province
        await FailsAsync(ApiFailure.NotFound, () => tanLap.StartTaskAsync(id, Cancel));                            // another commune does not see it
        await FailsAsync(ApiFailure.Forbidden, () => leader.RemindTaskAsync(id, new RemindTaskRequest("x"), Cancel)); // no directive-officer role

        var started = await tanLoi.StartTaskAsync(id, Cancel);
        Assert.Equal("in_progress", started.Status);
        var conflict = await FailsAsync(ApiFailure.Conflict, () => tanLoi.StartTaskAsync(id, Cancel));
        Assert.Contains("Đang thực hiện", conflict.Detail, StringComparison.Ordinal);

        var reminded = await province.RemindTaskAsync(id, new RemindTaskRequest("Đề nghị khẩn trương hoàn thành"), Cancel);
        Assert.Equal("Đề nghị khẩn trương hoàn thành", Assert.Single(reminded.Reminders).Note);

        var halfway = await tanLoi.ReportTaskAsync(id, new ReportTaskRequest("Đã rà soát 50% hộ", 50, null, false), Cancel);
        Assert.Equal("in_progress", halfway.Status);
        Assert.Equal(50, halfway.LatestPercent);
        await FailsAsync(ApiFailure.Conflict, () => province.AcceptTaskAsync(id, new AcceptTaskRequest(null), Cancel));
        await FailsAsync(ApiFailure.Invalid, () => tanLoi.ReportTaskAsync(id, new ReportTaskRequest("", 120, null, null), Cancel));

        var done = await tanLoi.ReportTaskAsync(id, new ReportTaskRequest("Hoàn thành", 100, "1.250/1.250 hộ", true), Cancel);
        Assert.Equal("reported_done", done.Status);
        await FailsAsync(ApiFailure.Conflict, () => tanLoi.ReportTaskAsync(id, new ReportTaskRequest("Bổ sung", 100, null, true), Cancel));
        await FailsAsync(ApiFailure.Conflict, () => province.RemindTaskAsync(id, new RemindTaskRequest("Đôn đốc"), Cancel));

        var noReason = await FailsAsync(ApiFailure.Invalid, () => province.ReturnTaskAsync(id, new ReturnTaskRequest(" "), Cancel));
        Assert.Contains("reason", Fields(noReason));
        var returned = await province.ReturnTaskAsync(id, new ReturnTaskRequest("Thiếu số liệu hộ tạm trú"), Cancel);
        Assert.Equal("in_progress", returned.Status);

        await tanLoi.ReportTaskAsync(id, new ReportTaskRequest("Đã bổ sung", 100, "1.250/1.250 hộ", true), Cancel);
        var accepted = await province.AcceptTaskAsync(id, new AcceptTaskRequest("Đạt yêu cầu"), Cancel);
        Assert.Equal("accepted", accepted.Status);
        Assert.Empty(accepted.AllowedActions);
        await FailsAsync(ApiFailure.Conflict, () => province.ReturnTaskAsync(id, new ReturnTaskRequest("Muộn"), Cancel));

        Assert.Equal(["assigned", "started", "reminded", "reported", "reported", "returned", "reported", "accepted"], accepted.History.Select(h => h.Kind));
        Assert.Equal([50, 100, 100], accepted.Reports.Select(r => r.Percent));
        Assert.Equal("1.250/1.250 hộ", accepted.Reports[^1].Result);
        Assert.Equal("tanloi.officer", accepted.Reports[^1].By);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE id = @id AND accepted_at IS NOT NULL", ("id", id)));
    }

    [Fact]
    public async Task A_province_may_accept_what_one_of_its_districts_assigned()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var tanLap = await fixture.ClientForAsync("tanlap.officer");
        var document = await CreateDocumentAsync(bmt, "plan", "30/KH-UBND", "643", "Kế hoạch thu nhận CCCD");
        await AssignAsync(bmt, document, NewTask("Thu nhận lưu động", fixture.Today.AddDays(3), units: ["24118"]));
        var id = await TaskAssignedToAsync(tanLap, document);

        await tanLap.ReportTaskAsync(id, new ReportTaskRequest("Xong", 100, null, true), Cancel);
        var accepted = await province.AcceptTaskAsync(id, new AcceptTaskRequest(null), Cancel);
        Assert.Equal("accepted", accepted.Status);
    }
}
