using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Inspections;
using Dakla06.Inspections.Data;
using Microsoft.Extensions.DependencyInjection;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>Bad input answers 400 naming each field, refused transitions 409 in Vietnamese, unknown ids 404; reference data.</summary>
public sealed class InspectionApiTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task Teams_and_checklists_are_listed_with_their_members_and_items()
    {
        var cancel = TestContext.Current.CancellationToken;
        var anLac = await fixture.ClientForAsync("anlac.officer");
        var bmt = await fixture.ClientForAsync("bmt.officer");

        var checklists = await anLac.ListChecklistsAsync(cancel);
        Assert.Equal(["endpoint-connection", "system-connection"], checklists.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.All(checklists, c =>
        {
            Assert.Equal(1, c.Version);
            Assert.Contains(c.Items, i => i.Critical);
        });
        Assert.Equal("device", checklists.Single(c => c.Code == "endpoint-connection").TargetType);

        // Loading the shipped checklists again (a restart, two replicas at once) changes nothing.
        var items = await fixture.ScalarAsync("SELECT count(*) FROM checklist_items");
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            ActivatorUtilities.CreateInstance<ChecklistLoader>(fixture.Api.Services).StartAsync(cancel)));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM checklists"));
        Assert.Equal(items, await fixture.ScalarAsync("SELECT count(*) FROM checklist_items"));

        // A ward sees the province's teams (above it), not another district's; the city sees its own team too.
        var wardTeams = (await anLac.ListTeamsAsync(cancel)).Select(t => t.Code).ToList();
        Assert.Equal(["PA05", "PA06", "PC06", "PH10", "PV01"], wardTeams.Order(StringComparer.Ordinal));
        var cityTeams = await bmt.ListTeamsAsync(cancel);
        var cityTeam = Assert.Single(cityTeams, t => t.Code == "CAH-643");
        Assert.Equal("Công an thành phố Buôn Ma Thuột", cityTeam.Name);
        Assert.Equal(["bmt.inspector"], cityTeam.Members);
        Assert.Equal("Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", cityTeams.Single(t => t.Code == "PA05").Name);
    }

    [Fact]
    public async Task Registering_systems_names_each_bad_field_and_refuses_a_duplicate()
    {
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("bmt.inspector");

        var empty = await FailsAsync(ApiFailure.Invalid, () => inspector.CreateSystemAsync(new CreateSystemRequest(null, null, null, null), cancel));
        Assert.Equal(["kind", "name", "ownerUnitCode", "securityLevel"], Fields(empty));

        Assert.Equal(["ownerUnitCode", "securityLevel"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => inspector.CreateSystemAsync(new CreateSystemRequest("LGSP", "99999", "integration-platform", 6), cancel))));

        // A unit that exists but lies outside the inspector's scope is a write outside the scope: 403, not bad input.
        foreach (var outside in new[] { "66", "644" })
        {
            await FailsAsync(ApiFailure.Forbidden, () => inspector.CreateSystemAsync(new CreateSystemRequest("LGSP", outside, "integration-platform", 3), cancel));
        }

        // Raw HTTP: a security level that is not a number is a body the contract cannot express.
        var http = await fixture.HttpClientForAsync("bmt.inspector");
        using var malformed = await http.PostAsync(InspectionsRoutes.Path(InspectionsRoutes.Systems),
            new StringContent("""{"name":"X","ownerUnitCode":"643","kind":"other","securityLevel":"ba"}""", Encoding.UTF8, "application/json"),
            cancel);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(["securityLevel"], JsonDocument.Parse(await malformed.Content.ReadAsStringAsync(cancel)).RootElement
            .GetProperty("errors").EnumerateObject().Select(e => e.Name));

        await RegisterSystemAsync(inspector, "Phần mềm quản lý cư trú phường", "24136", "application", 2);
        var duplicate = await FailsAsync(ApiFailure.Conflict, () => inspector.CreateSystemAsync(
            new CreateSystemRequest("PHẦN MỀM QUẢN LÝ CƯ TRÚ PHƯỜNG", "24136", "other", 1), cancel));
        Assert.Contains("Phường Tân Lợi", duplicate.Detail, StringComparison.Ordinal);

        Func<Task>[] lists =
        [
            () => inspector.ListSystemsAsync(new SystemQuery(Unit: "99999"), 1, 20, cancel),
            () => inspector.ListSystemsAsync(new SystemQuery(), 0, 20, cancel),
            () => inspector.ListInspectionsAsync(new InspectionQuery(Status: "done"), 1, 20, cancel),
            () => inspector.ListInspectionsAsync(new InspectionQuery(TargetType: "server"), 1, 20, cancel),
            () => inspector.ListFindingsAsync(new FindingQuery(Status: "closed"), 1, 20, cancel),
            () => inspector.ListFindingsAsync(new FindingQuery(Severity: "urgent"), 1, 20, cancel),
            () => inspector.ListFindingsAsync(new FindingQuery(Unit: "x"), 1, 20, cancel),
        ];
        string[][] expected = [["unit"], ["page"], ["status"], ["targetType"], ["status"], ["severity"], ["unit"]];
        for (var i = 0; i < lists.Length; i++)
        {
            Assert.Equal(expected[i], Fields(await FailsAsync(ApiFailure.Invalid, lists[i])));
        }
    }

    [Fact]
    public async Task Planning_and_running_an_inspection_names_bad_fields_and_refuses_steps_out_of_order()
    {
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("bmt.inspector");
        var systemId = await RegisterSystemAsync(inspector, "Hệ thống camera an ninh thành phố", "643", "other", 2);

        Assert.Equal(["checklistCode", "plannedOn", "targetId", "targetType", "teamCode"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => inspector.CreateInspectionAsync(new CreateInspectionRequest(null, null, null, null, null), cancellationToken: cancel))));
        // The province's team is not the city inspector's, the endpoint checklist is for devices, the target is unknown.
        Assert.Equal(["checklistCode", "teamCode"], Fields(await FailsAsync(ApiFailure.Invalid, () => inspector.CreateInspectionAsync(
            new CreateInspectionRequest("system", systemId, "PA05", fixture.Today, "endpoint-connection"), cancellationToken: cancel))));
        Assert.Equal(["targetId"], Fields(await FailsAsync(ApiFailure.Invalid, () => inspector.CreateInspectionAsync(
            new CreateInspectionRequest("system", Guid.NewGuid(), "CAH-643", fixture.Today, "system-connection"), cancellationToken: cancel))));

        var id = await PlanInspectionAsync(inspector, "system", systemId, "CAH-643", fixture.Today.AddDays(3));
        var planned = await inspector.GetInspectionAsync(id, cancel);
        Assert.NotNull(planned);
        Assert.Equal("planned", planned.Status);
        Assert.Equal("643", planned.InspectingUnitCode);
        Assert.Null(planned.Score);

        await FailsAsync(ApiFailure.Conflict, () => inspector.SaveResultsAsync(id, new SaveResultsRequest([new ItemResultRequest(1, "pass", null)]), cancel));
        await FailsAsync(ApiFailure.Conflict, () => inspector.CompleteInspectionAsync(id, new CompleteInspectionRequest("Xong", null), cancel));
        await FailsAsync(ApiFailure.Conflict, () => inspector.RaiseFindingAsync(id, new RaiseFindingRequest("T", "D", "low", "643", null), cancellationToken: cancel));
        Assert.Equal(["startedOn"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => inspector.StartInspectionAsync(id, new StartInspectionRequest(fixture.Today.AddDays(1)), cancel))));

        await inspector.StartInspectionAsync(id, new StartInspectionRequest(null), cancel);
        var again = await FailsAsync(ApiFailure.Conflict, () => inspector.StartInspectionAsync(id, new StartInspectionRequest(null), cancel));
        Assert.Contains("Đang kiểm tra", again.Detail, StringComparison.Ordinal);

        var bad = await FailsAsync(ApiFailure.Invalid, () => inspector.SaveResultsAsync(id, new SaveResultsRequest(
            [new ItemResultRequest(99, "pass", null), new ItemResultRequest(1, "ok", null), new ItemResultRequest(null, "fail", null), new ItemResultRequest(1, "fail", null)]), cancel));
        Assert.Equal(["results[1].result", "results[2].itemNo", "results[3].itemNo"], Fields(bad));
        Assert.Equal(["results[0].itemNo"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => inspector.SaveResultsAsync(id, new SaveResultsRequest([new ItemResultRequest(99, "pass", null)]), cancel))));
        Assert.Equal(["results"], Fields(await FailsAsync(ApiFailure.Invalid, () => inspector.SaveResultsAsync(id, new SaveResultsRequest([]), cancel))));

        await inspector.SaveResultsAsync(id, new SaveResultsRequest([new ItemResultRequest(1, "pass", null), new ItemResultRequest(2, "not_applicable", "Không áp dụng")]), cancel);
        var incomplete = await FailsAsync(ApiFailure.Invalid, () => inspector.CompleteInspectionAsync(id, new CompleteInspectionRequest(null, null), cancel));
        Assert.Equal(["conclusion"], Fields(incomplete));
        var missing = await FailsAsync(ApiFailure.Invalid, () => inspector.CompleteInspectionAsync(id, new CompleteInspectionRequest("Đạt", null), cancel));
        Assert.Equal(["results"], Fields(missing));
        Assert.Contains("3, 4, 5", missing.FieldErrors["results"][0], StringComparison.Ordinal);

        // A finding needs every field; its deadline cannot be in the past; its unit must exist (400) and be in the inspector's scope (403).
        Assert.Equal(["description", "responsibleUnitCode", "severity", "title"], Fields(await FailsAsync(ApiFailure.Invalid,
            () => inspector.RaiseFindingAsync(id, new RaiseFindingRequest(null, null, null, null, null), cancellationToken: cancel))));
        Assert.Equal(["deadline", "responsibleUnitCode"], Fields(await FailsAsync(ApiFailure.Invalid, () => inspector.RaiseFindingAsync(id,
            new RaiseFindingRequest("T", "D", "low", "99999", fixture.Today.AddDays(-1)), cancellationToken: cancel))));
        await FailsAsync(ApiFailure.Forbidden, () => inspector.RaiseFindingAsync(id,
            new RaiseFindingRequest("T", "D", "low", "644", null), cancellationToken: cancel));
        var explicitDeadline = await inspector.RaiseFindingAsync(id, new RaiseFindingRequest(
            "Camera dùng mật khẩu mặc định", "12 camera giữ mật khẩu admin/admin", "low", "24118", fixture.Today.AddDays(5)), cancellationToken: cancel);
        Assert.Equal(fixture.Today.AddDays(5), explicitDeadline.Deadline);
        var finding = explicitDeadline.Id;

        // Finding transitions out of order.
        Assert.Equal(["reason"], Fields(await FailsAsync(ApiFailure.Invalid, () => inspector.ReopenFindingAsync(finding, new ReopenFindingRequest("  "), cancel))));
        var reopenOpen = await FailsAsync(ApiFailure.Conflict, () => inspector.ReopenFindingAsync(finding, new ReopenFindingRequest("Chưa khắc phục"), cancel));
        Assert.Contains("Chưa khắc phục", reopenOpen.Detail, StringComparison.Ordinal);
        await inspector.VerifyFindingAsync(finding, new VerifyFindingRequest(null), cancel);
        await FailsAsync(ApiFailure.Conflict, () => inspector.VerifyFindingAsync(finding, new VerifyFindingRequest(null), cancel));
        var reopened = await inspector.ReopenFindingAsync(finding, new ReopenFindingRequest("Kiểm tra lại vẫn dùng mật khẩu mặc định"), cancel);
        Assert.Equal("reopened", reopened.Status);
        Assert.Equal(["raised", "verified", "reopened"], reopened.History.Select(h => h.Kind));

        await inspector.SaveResultsAsync(id, new SaveResultsRequest([.. Enumerable.Range(1, 15).Select(n => new ItemResultRequest(n, "pass", null))]), cancel);
        var completed = await inspector.CompleteInspectionAsync(id, new CompleteInspectionRequest("Đạt yêu cầu", null), cancel);
        Assert.Equal(fixture.Today, completed.CompletedOn);
        await FailsAsync(ApiFailure.Conflict, () => inspector.CompleteInspectionAsync(id, new CompleteInspectionRequest("Lần nữa", null), cancel));

        // Unknown ids.
        Assert.Null(await inspector.GetInspectionAsync(Guid.NewGuid(), cancel));
        Assert.Null(await inspector.GetSystemAsync(Guid.NewGuid(), cancel));
        await FailsAsync(ApiFailure.NotFound, () => inspector.VerifyFindingAsync(Guid.NewGuid(), new VerifyFindingRequest(null), cancel));
        await FailsAsync(ApiFailure.NotFound, () => inspector.StartInspectionAsync(Guid.NewGuid(), new StartInspectionRequest(null), cancel));
    }

    [Fact]
    public async Task A_repeated_Idempotency_Key_returns_the_first_inspection_and_finding_and_raises_once()
    {
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("province.inspector");
        var systemId = await RegisterSystemAsync(inspector, "Hệ thống định danh và xác thực điện tử tỉnh", "66", "application", 3);
        var plan = new CreateInspectionRequest("system", systemId, "PC06", fixture.Today, "system-connection");

        var first = (await inspector.CreateInspectionAsync(plan, "plan-idp-2026", cancel)).Id;
        // Raw HTTP: the typed client hides 201 vs 200; a repeat answers as the first did, 201 with the first inspection.
        var http = await fixture.HttpClientForAsync("province.inspector");
        using var repeat = new HttpRequestMessage(HttpMethod.Post, InspectionsRoutes.Path(InspectionsRoutes.Inspections)) { Content = JsonContent.Create(plan) };
        repeat.Headers.Add(ServiceApiClient.IdempotencyKeyHeader, "plan-idp-2026");
        using var again = await http.SendAsync(repeat, cancel);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first, (await again.Content.ReadFromJsonAsync<InspectionDto>(cancel))!.Id);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM inspections WHERE target_id = @id", ("id", systemId)));

        await inspector.StartInspectionAsync(first, new StartInspectionRequest(null), cancel);
        var body = new RaiseFindingRequest("Chưa có phương án ứng cứu sự cố", "Không có kịch bản ứng cứu, chưa diễn tập.", "medium", "66", null);
        var finding = (await inspector.RaiseFindingAsync(first, body, "finding-1", cancel)).Id;
        var repeated = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => inspector.RaiseFindingAsync(first, body, "finding-1", cancel)));
        Assert.All(repeated, f => Assert.Equal(finding, f.Id));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM findings WHERE inspection_id = @id", ("id", first)));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM finding_events WHERE finding_id = @id", ("id", finding)));

        // Another key is another finding; a sentinel raised after the repeats is announced after them.
        var sentinel = (await inspector.RaiseFindingAsync(first, body with { Title = "Lần sau" }, "finding-2", cancel)).Id;
        await fixture.AwaitEventsAsync<FindingRaised>(e => e.FindingId == sentinel);
        Assert.Single(fixture.Seen<FindingRaised>(e => e.FindingId == finding));
    }
}
