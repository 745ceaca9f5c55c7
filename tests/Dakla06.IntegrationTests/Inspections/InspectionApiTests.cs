using System.Net;
using System.Text;
using System.Text.Json;
using Dakla06.Contracts.Inspections;
using Dakla06.Inspections.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>Bad input answers 400 naming each field, refused transitions 409 in Vietnamese, unknown ids 404; reference data.</summary>
public sealed class InspectionApiTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    private static string[] Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Teams_and_checklists_are_listed_with_their_members_and_items()
    {
        using var anLac = await fixture.ClientForAsync("anlac.officer");
        using var bmt = await fixture.ClientForAsync("bmt.officer");

        var checklists = (await InspectionsFixture.GetAsync(anLac, "/api/inspections/checklists")).EnumerateArray().ToList();
        Assert.Equal(["endpoint-connection", "system-connection"], checklists.Select(c => c.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        Assert.All(checklists, c =>
        {
            Assert.Equal(1, c.GetProperty("version").GetInt32());
            Assert.Contains(c.GetProperty("items").EnumerateArray(), i => i.GetProperty("critical").GetBoolean());
        });
        Assert.Equal("device", checklists.Single(c => c.GetProperty("code").GetString() == "endpoint-connection").GetProperty("targetType").GetString());

        // Loading the shipped checklists again (a restart, two replicas at once) changes nothing.
        var items = await fixture.ScalarAsync("SELECT count(*) FROM checklist_items");
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            ActivatorUtilities.CreateInstance<ChecklistLoader>(fixture.Api.Services).StartAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM checklists"));
        Assert.Equal(items, await fixture.ScalarAsync("SELECT count(*) FROM checklist_items"));

        // A ward sees the province's teams (above it), not another district's; the city sees its own team too.
        var wardTeams = (await InspectionsFixture.GetAsync(anLac, "/api/inspections/teams")).EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToList();
        Assert.Equal(["PA05", "PA06", "PC06", "PH10", "PV01"], wardTeams.Order(StringComparer.Ordinal));
        var cityTeams = (await InspectionsFixture.GetAsync(bmt, "/api/inspections/teams")).EnumerateArray().ToList();
        var cityTeam = Assert.Single(cityTeams, t => t.GetProperty("code").GetString() == "CAH-643");
        Assert.Equal("Công an thành phố Buôn Ma Thuột", cityTeam.GetProperty("name").GetString());
        Assert.Equal(["bmt.inspector"], cityTeam.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
            cityTeams.Single(t => t.GetProperty("code").GetString() == "PA05").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Registering_systems_names_each_bad_field_and_refuses_a_duplicate()
    {
        using var inspector = await fixture.ClientForAsync("bmt.inspector");

        var empty = await InspectionsFixture.PostAsync(inspector, "/api/inspections/systems", new { }, 400);
        Assert.Equal(["kind", "name", "ownerUnitCode", "securityLevel"], Fields(empty));

        var outOfScope = await InspectionsFixture.PostAsync(inspector, "/api/inspections/systems", new { name = "LGSP", ownerUnitCode = "66", kind = "integration-platform", securityLevel = 6 }, 400);
        Assert.Equal(["ownerUnitCode", "securityLevel"], Fields(outOfScope));

        using var malformed = await inspector.PostAsync("/api/inspections/systems",
            new StringContent("""{"name":"X","ownerUnitCode":"643","kind":"other","securityLevel":"ba"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(["securityLevel"], Fields(JsonDocument.Parse(await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement));

        await InspectionsFixture.RegisterSystemAsync(inspector, "Phần mềm quản lý cư trú phường", "24136", "application", 2);
        var duplicate = await InspectionsFixture.PostAsync(inspector, "/api/inspections/systems", new { name = "PHẦN MỀM QUẢN LÝ CƯ TRÚ PHƯỜNG", ownerUnitCode = "24136", kind = "other", securityLevel = 1 }, 409);
        Assert.Contains("Phường Tân Lợi", duplicate.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var lists = new[] { "/api/inspections/systems?unit=99999", "/api/inspections/systems?page=0", "/api/inspections/inspections?status=done",
            "/api/inspections/inspections?targetType=server", "/api/inspections/findings?status=closed", "/api/inspections/findings?severity=urgent",
            "/api/inspections/findings?unit=x" };
        string[][] expected = [["unit"], ["page"], ["status"], ["targetType"], ["status"], ["severity"], ["unit"]];
        for (var i = 0; i < lists.Length; i++)
        {
            Assert.Equal(expected[i], Fields(await InspectionsFixture.GetAsync(inspector, lists[i], 400)));
        }
    }

    [Fact]
    public async Task Planning_and_running_an_inspection_names_bad_fields_and_refuses_steps_out_of_order()
    {
        using var inspector = await fixture.ClientForAsync("bmt.inspector");
        var systemId = await InspectionsFixture.RegisterSystemAsync(inspector, "Hệ thống camera an ninh thành phố", "643", "other", 2);

        Assert.Equal(["checklistCode", "plannedOn", "targetId", "targetType", "teamCode"],
            Fields(await InspectionsFixture.PostAsync(inspector, "/api/inspections/inspections", new { }, 400)));
        // The province's team is not the city inspector's, the endpoint checklist is for devices, the target is unknown.
        Assert.Equal(["checklistCode", "teamCode"], Fields(await InspectionsFixture.PostAsync(inspector, "/api/inspections/inspections", new
        {
            targetType = "system", targetId = systemId, teamCode = "PA05", plannedOn = InspectionsFixture.Iso(fixture.Today), checklistCode = "endpoint-connection",
        }, 400)));
        Assert.Equal(["targetId"], Fields(await InspectionsFixture.PostAsync(inspector, "/api/inspections/inspections", new
        {
            targetType = "system", targetId = Guid.NewGuid(), teamCode = "CAH-643", plannedOn = InspectionsFixture.Iso(fixture.Today), checklistCode = "system-connection",
        }, 400)));

        var id = await InspectionsFixture.PlanInspectionAsync(inspector, "system", systemId, "CAH-643", fixture.Today.AddDays(3));
        var url = $"/api/inspections/inspections/{id}";
        var planned = await InspectionsFixture.GetAsync(inspector, url);
        Assert.Equal("planned", planned.GetProperty("status").GetString());
        Assert.Equal("643", planned.GetProperty("inspectingUnitCode").GetString());
        Assert.Equal(JsonValueKind.Null, planned.GetProperty("score").ValueKind);

        await InspectionsFixture.SendAsync(inspector, HttpMethod.Put, $"{url}/results", new { results = new[] { new { itemNo = 1, result = "pass" } } }, 409);
        await InspectionsFixture.PostAsync(inspector, $"{url}/complete", new { conclusion = "Xong" }, 409);
        await InspectionsFixture.PostAsync(inspector, $"{url}/findings", new { title = "T", description = "D", severity = "low", responsibleUnitCode = "643" }, 409);
        Assert.Equal(["startedOn"], Fields(await InspectionsFixture.PostAsync(inspector, $"{url}/start", new { startedOn = InspectionsFixture.Iso(fixture.Today.AddDays(1)) }, 400)));

        await InspectionsFixture.PostAsync(inspector, $"{url}/start", new { });
        var again = await InspectionsFixture.PostAsync(inspector, $"{url}/start", new { }, 409);
        Assert.Contains("Đang kiểm tra", again.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var bad = await InspectionsFixture.SendAsync(inspector, HttpMethod.Put, $"{url}/results", new
        {
            results = new object[] { new { itemNo = 99, result = "pass" }, new { itemNo = 1, result = "ok" }, new { result = "fail" }, new { itemNo = 1, result = "fail" } },
        }, 400);
        Assert.Equal(["results[1].result", "results[2].itemNo", "results[3].itemNo"], Fields(bad));
        Assert.Equal(["results[0].itemNo"], Fields(await InspectionsFixture.SendAsync(inspector, HttpMethod.Put, $"{url}/results", new
        {
            results = new[] { new { itemNo = 99, result = "pass" } },
        }, 400)));
        Assert.Equal(["results"], Fields(await InspectionsFixture.SendAsync(inspector, HttpMethod.Put, $"{url}/results", new { results = Array.Empty<object>() }, 400)));

        await InspectionsFixture.SendAsync(inspector, HttpMethod.Put, $"{url}/results", new
        {
            results = new[] { new { itemNo = 1, result = "pass", note = (string?)null }, new { itemNo = 2, result = "not_applicable", note = (string?)"Không áp dụng" } },
        });
        var incomplete = await InspectionsFixture.PostAsync(inspector, $"{url}/complete", new { }, 400);
        Assert.Equal(["conclusion"], Fields(incomplete));
        var missing = await InspectionsFixture.PostAsync(inspector, $"{url}/complete", new { conclusion = "Đạt" }, 400);
        Assert.Equal(["results"], Fields(missing));
        Assert.Contains("3, 4, 5", missing.GetProperty("errors").GetProperty("results")[0].GetString(), StringComparison.Ordinal);

        // A finding needs every field; its deadline cannot be in the past; its unit must be in the inspector's scope.
        Assert.Equal(["description", "responsibleUnitCode", "severity", "title"],
            Fields(await InspectionsFixture.PostAsync(inspector, $"{url}/findings", new { }, 400)));
        Assert.Equal(["deadline", "responsibleUnitCode"], Fields(await InspectionsFixture.PostAsync(inspector, $"{url}/findings", new
        {
            title = "T", description = "D", severity = "low", responsibleUnitCode = "644", deadline = InspectionsFixture.Iso(fixture.Today.AddDays(-1)),
        }, 400)));
        var explicitDeadline = await InspectionsFixture.PostAsync(inspector, $"{url}/findings", new
        {
            title = "Camera dùng mật khẩu mặc định", description = "12 camera giữ mật khẩu admin/admin", severity = "low", responsibleUnitCode = "24118",
            deadline = InspectionsFixture.Iso(fixture.Today.AddDays(5)),
        }, 201);
        Assert.Equal(InspectionsFixture.Iso(fixture.Today.AddDays(5)), explicitDeadline.GetProperty("deadline").GetString());
        var finding = explicitDeadline.GetProperty("id").GetGuid();

        // Finding transitions out of order.
        Assert.Equal(["reason"], Fields(await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{finding}/reopen", new { reason = "  " }, 400)));
        var reopenOpen = await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{finding}/reopen", new { reason = "Chưa khắc phục" }, 409);
        Assert.Contains("Chưa khắc phục", reopenOpen.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{finding}/verify", new { });
        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{finding}/verify", new { }, 409);
        var reopened = await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{finding}/reopen", new { reason = "Kiểm tra lại vẫn dùng mật khẩu mặc định" });
        Assert.Equal("reopened", reopened.GetProperty("status").GetString());
        Assert.Equal(["raised", "verified", "reopened"], reopened.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()));

        await InspectionsFixture.SendAsync(inspector, HttpMethod.Put, $"{url}/results", new
        {
            results = Enumerable.Range(1, 15).Select(n => new { itemNo = n, result = "pass" }),
        });
        var completed = await InspectionsFixture.PostAsync(inspector, $"{url}/complete", new { conclusion = "Đạt yêu cầu" });
        Assert.Equal(InspectionsFixture.Iso(fixture.Today), completed.GetProperty("completedOn").GetString());
        await InspectionsFixture.PostAsync(inspector, $"{url}/complete", new { conclusion = "Lần nữa" }, 409);

        // Unknown ids.
        await InspectionsFixture.GetAsync(inspector, $"/api/inspections/inspections/{Guid.NewGuid()}", 404);
        await InspectionsFixture.GetAsync(inspector, $"/api/inspections/systems/{Guid.NewGuid()}", 404);
        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{Guid.NewGuid()}/verify", new { }, 404);
        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/inspections/{Guid.NewGuid()}/start", new { }, 404);
    }

    [Fact]
    public async Task A_repeated_Idempotency_Key_returns_the_first_inspection_and_finding_and_raises_once()
    {
        using var inspector = await fixture.ClientForAsync("province.inspector");
        var systemId = await InspectionsFixture.RegisterSystemAsync(inspector, "Hệ thống định danh và xác thực điện tử tỉnh", "66", "application", 3);
        var plan = new { targetType = "system", targetId = systemId, teamCode = "PC06", plannedOn = InspectionsFixture.Iso(fixture.Today), checklistCode = "system-connection" };

        var first = await PostWithKeyAsync(inspector, "/api/inspections/inspections", plan, "plan-idp-2026");
        var again = await PostWithKeyAsync(inspector, "/api/inspections/inspections", plan, "plan-idp-2026");
        Assert.Equal(first, again);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM inspections WHERE target_id = @id", ("id", systemId)));

        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/inspections/{first}/start", new { });
        var body = new { title = "Chưa có phương án ứng cứu sự cố", description = "Không có kịch bản ứng cứu, chưa diễn tập.", severity = "medium", responsibleUnitCode = "66" };
        var finding = await PostWithKeyAsync(inspector, $"/api/inspections/inspections/{first}/findings", body, "finding-1");
        var repeated = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostWithKeyAsync(inspector, $"/api/inspections/inspections/{first}/findings", body, "finding-1")));
        Assert.All(repeated, id => Assert.Equal(finding, id));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM findings WHERE inspection_id = @id", ("id", first)));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM finding_events WHERE finding_id = @id", ("id", finding)));

        // Another key is another finding; a sentinel raised after the repeats is announced after them.
        var sentinel = await PostWithKeyAsync(inspector, $"/api/inspections/inspections/{first}/findings", body with { title = "Lần sau" }, "finding-2");
        await fixture.AwaitEventsAsync<FindingRaised>(e => e.FindingId == sentinel);
        Assert.Single(fixture.Seen<FindingRaised>(e => e.FindingId == finding));
    }

    private static async Task<Guid> PostWithKeyAsync(HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}
