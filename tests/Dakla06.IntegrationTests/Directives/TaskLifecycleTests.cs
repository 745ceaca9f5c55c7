using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dakla06.IntegrationTests.Directives;

public sealed class TaskLifecycleTests(TasksFixture fixture) : IClassFixture<TasksFixture>
{
    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object? body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<Guid> TaskOfAsync(HttpClient client, Guid documentId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/directives/tasks?mine=assigned&documentId={documentId}");
        return Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Fan_out_to_all_communes_of_a_district_creates_one_task_per_commune_and_a_repeat_with_the_same_key_returns_them()
    {
        using var province = await fixture.ClientForAsync("province.officer");
        var document = await DirectivesFixture.CreateDocumentAsync(province, "plan", "10/KH-UBND", "66", "Kế hoạch thành lập Tổ công tác");

        async Task<(HttpStatusCode Status, string? Location, JsonElement Body)> AssignAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/directives/documents/{document}/tasks")
            {
                Content = JsonContent.Create(TasksFixture.Task("Thành lập Tổ công tác cấp xã", fixture.Today.AddDays(30), allCommunesOf: "643")),
            };
            request.Headers.Add("Idempotency-Key", "fan-out-643");
            using var response = await province.SendAsync(request);
            return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var first = await AssignAsync();
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal($"/api/directives/tasks?documentId={document}", first.Location);
        Assert.Equal(21, first.Body.GetProperty("count").GetInt32());
        Assert.Equal(21, first.Body.GetProperty("taskIds").GetArrayLength());

        var again = await AssignAsync();
        Assert.Equal(first.Body.GetProperty("taskIds").ToString(), again.Body.GetProperty("taskIds").ToString());
        Assert.Equal(21, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE document_id = @d", ("d", document)));
        Assert.Equal(21, await fixture.ScalarAsync("SELECT count(*) FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.document_id = @d AND e.kind = 'assigned'", ("d", document)));

        var list = await province.GetFromJsonAsync<JsonElement>($"/api/directives/tasks?documentId={document}&pageSize=50");
        Assert.Equal(21, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Fan_out_rules_give_400_for_the_target_403_outside_scope_and_404_for_an_invisible_document()
    {
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        using var buonHo = await fixture.ClientForAsync("buonho.officer");
        using var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var bmtDocument = await DirectivesFixture.CreateDocumentAsync(bmt, "plan", "11/KH-UBND", "643", "Kế hoạch của thành phố");
        var buonHoDocument = await DirectivesFixture.CreateDocumentAsync(buonHo, "plan", "12/KH-UBND", "644", "Kế hoạch của thị xã");
        var due = fixture.Today.AddDays(5);

        var twoTargets = await PostAsync(bmt, $"/api/directives/documents/{bmtDocument}/tasks",
            TasksFixture.Task("Hai cách giao", due, units: ["24136"], allCommunesInScope: true), HttpStatusCode.BadRequest);
        Assert.True(twoTargets.GetProperty("errors").TryGetProperty("target", out _));

        var noTitle = await PostAsync(bmt, $"/api/directives/documents/{bmtDocument}/tasks",
            new { title = "", dueOn = TasksFixture.Iso(due), priority = "urgent", units = new[] { "24136" } }, HttpStatusCode.BadRequest);
        Assert.True(noTitle.GetProperty("errors").TryGetProperty("title", out _));

        var otherDistrict = await PostAsync(bmt, $"/api/directives/documents/{bmtDocument}/tasks",
            TasksFixture.Task("Ngoài phạm vi", due, units: ["24136", "24305"]), HttpStatusCode.Forbidden);
        Assert.Contains("24305", otherDistrict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await PostAsync(bmt, $"/api/directives/documents/{bmtDocument}/tasks", TasksFixture.Task("Mọi huyện", due, allDistricts: true), HttpStatusCode.Forbidden);
        await PostAsync(tanLoi, $"/api/directives/documents/{bmtDocument}/tasks", TasksFixture.Task("Xã giao cho mình", due, allCommunesInScope: true), HttpStatusCode.Forbidden);
        await PostAsync(bmt, $"/api/directives/documents/{buonHoDocument}/tasks", TasksFixture.Task("Văn bản không thấy", due, units: ["24136"]), HttpStatusCode.NotFound);
        using var leader = await fixture.ClientForAsync("province.leader");
        await PostAsync(leader, $"/api/directives/documents/{bmtDocument}/tasks", TasksFixture.Task("Không có vai trò", due, units: ["24136"]), HttpStatusCode.Forbidden);

        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE document_id = ANY(@d)", ("d", new[] { bmtDocument, buonHoDocument })));
    }

    [Fact]
    public async Task Whole_life_cycle_through_HTTP_with_wrong_side_403s_and_invalid_transition_409s()
    {
        using var province = await fixture.ClientForAsync("province.officer");
        using var leader = await fixture.ClientForAsync("province.leader");
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        using var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        using var tanLap = await fixture.ClientForAsync("tanlap.officer");
        var document = await DirectivesFixture.CreateDocumentAsync(province, "decision", "20/QĐ-UBND", "66", "Quyết định giao chỉ tiêu");
        await TasksFixture.AssignAsync(province, document, TasksFixture.Task("Làm sạch dữ liệu dân cư", fixture.Today.AddDays(10), units: ["24136", "24118"]));
        var id = await TaskOfAsync(tanLoi, document);
        var task = $"/api/directives/tasks/{id}";

        var detail = await tanLoi.GetFromJsonAsync<JsonElement>(task);
        Assert.Equal(["start", "report"], detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("document", detail.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("20/QĐ-UBND", detail.GetProperty("source").GetProperty("number").GetString());
        Assert.Equal(["remind"], (await province.GetFromJsonAsync<JsonElement>(task)).GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty((await leader.GetFromJsonAsync<JsonElement>(task)).GetProperty("allowedActions").EnumerateArray());

        await PostAsync(province, $"{task}/start", null, HttpStatusCode.Forbidden);       // the assigner does not start
        await PostAsync(bmt, $"{task}/start", null, HttpStatusCode.Forbidden);            // nor the district above the assignee
        await PostAsync(tanLoi, $"{task}/accept", null, HttpStatusCode.Forbidden);        // the assignee does not accept itself
        await PostAsync(bmt, $"{task}/accept", null, HttpStatusCode.Forbidden);           // a district is below the assigning province
        await PostAsync(tanLap, $"{task}/start", null, HttpStatusCode.NotFound);          // another commune does not see it
        await PostAsync(leader, $"{task}/remind", new { note = "x" }, HttpStatusCode.Forbidden); // no directive-officer role

        var started = await PostAsync(tanLoi, $"{task}/start", null, HttpStatusCode.OK);
        Assert.Equal("in_progress", started.GetProperty("status").GetString());
        var conflict = await PostAsync(tanLoi, $"{task}/start", null, HttpStatusCode.Conflict);
        Assert.Contains("Đang thực hiện", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var reminded = await PostAsync(province, $"{task}/remind", new { note = "Đề nghị khẩn trương hoàn thành" }, HttpStatusCode.OK);
        Assert.Equal("Đề nghị khẩn trương hoàn thành", Assert.Single(reminded.GetProperty("reminders").EnumerateArray()).GetProperty("note").GetString());

        var halfway = await PostAsync(tanLoi, $"{task}/reports", new { note = "Đã rà soát 50% hộ", percent = 50, done = false }, HttpStatusCode.OK);
        Assert.Equal("in_progress", halfway.GetProperty("status").GetString());
        Assert.Equal(50, halfway.GetProperty("latestPercent").GetInt32());
        await PostAsync(province, $"{task}/accept", null, HttpStatusCode.Conflict);
        await PostAsync(tanLoi, $"{task}/reports", new { note = "", percent = 120 }, HttpStatusCode.BadRequest);

        var done = await PostAsync(tanLoi, $"{task}/reports", new { note = "Hoàn thành", percent = 100, result = "1.250/1.250 hộ", done = true }, HttpStatusCode.OK);
        Assert.Equal("reported_done", done.GetProperty("status").GetString());
        await PostAsync(tanLoi, $"{task}/reports", new { note = "Bổ sung", percent = 100, done = true }, HttpStatusCode.Conflict);
        await PostAsync(province, $"{task}/remind", new { note = "Đôn đốc" }, HttpStatusCode.Conflict);

        var noReason = await PostAsync(province, $"{task}/return", new { reason = " " }, HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var returned = await PostAsync(province, $"{task}/return", new { reason = "Thiếu số liệu hộ tạm trú" }, HttpStatusCode.OK);
        Assert.Equal("in_progress", returned.GetProperty("status").GetString());

        await PostAsync(tanLoi, $"{task}/reports", new { note = "Đã bổ sung", percent = 100, result = "1.250/1.250 hộ", done = true }, HttpStatusCode.OK);
        var accepted = await PostAsync(province, $"{task}/accept", new { note = "Đạt yêu cầu" }, HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Empty(accepted.GetProperty("allowedActions").EnumerateArray());
        await PostAsync(province, $"{task}/return", new { reason = "Muộn" }, HttpStatusCode.Conflict);

        Assert.Equal(
            ["assigned", "started", "reminded", "reported", "reported", "returned", "reported", "accepted"],
            accepted.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()));
        var reports = accepted.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal([50, 100, 100], reports.Select(r => r.GetProperty("percent").GetInt32()));
        Assert.Equal("1.250/1.250 hộ", reports[^1].GetProperty("result").GetString());
        Assert.Equal("tanloi.officer", reports[^1].GetProperty("by").GetString());
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM tasks WHERE id = @id AND accepted_at IS NOT NULL", ("id", id)));
    }

    [Fact]
    public async Task A_province_may_accept_what_one_of_its_districts_assigned()
    {
        using var province = await fixture.ClientForAsync("province.officer");
        using var bmt = await fixture.ClientForAsync("bmt.officer");
        using var tanLap = await fixture.ClientForAsync("tanlap.officer");
        var document = await DirectivesFixture.CreateDocumentAsync(bmt, "plan", "30/KH-UBND", "643", "Kế hoạch thu nhận CCCD");
        await TasksFixture.AssignAsync(bmt, document, TasksFixture.Task("Thu nhận lưu động", fixture.Today.AddDays(3), units: ["24118"]));
        var id = await TaskOfAsync(tanLap, document);

        await PostAsync(tanLap, $"/api/directives/tasks/{id}/reports", new { note = "Xong", percent = 100, done = true }, HttpStatusCode.OK);
        var accepted = await PostAsync(province, $"/api/directives/tasks/{id}/accept", new { }, HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
    }
}
