using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.IntegrationTests.Support;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>
/// Who sees which inspections and findings, with or without the technical description, over the demo users:
/// a province system (owner 66, inspected by PA05) with findings for Tân Lợi (24136) and the province, and a
/// Buôn Ma Thuột system (owner 643, inspected by the city police team) with a finding for Tân Lập (24118).
/// </summary>
public sealed class ConfidentialityTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    private const string Details = "details";
    private const string Summary = "summary";
    private const string Hidden = "hidden";

    private static readonly string[] Users =
        ["province.leader", "province.inspector", "bmt.inspector", "province.officer", "bmt.officer", "tanloi.officer", "anlac.officer"];

    [Fact]
    public async Task Inspection_details_and_finding_descriptions_only_for_inspectors_and_leaders_in_scope()
    {
        var cancel = TestContext.Current.CancellationToken;
        var provinceInspector = await fixture.ClientForAsync("province.inspector");
        var bmtInspector = await fixture.ClientForAsync("bmt.inspector");
        var today = fixture.Today;

        var provinceSystem = await RegisterSystemAsync(provinceInspector, "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", "66", "one-stop-dossier", 3);
        var cityPortal = await RegisterSystemAsync(bmtInspector, "Cổng dịch vụ công thành phố Buôn Ma Thuột", "643", "application", 2);

        var provinceInspection = await PlanInspectionAsync(provinceInspector, "system", provinceSystem, "PA05", today);
        await provinceInspector.StartInspectionAsync(provinceInspection, new StartInspectionRequest(null), cancel);
        var forTanLoi = await RaiseAsync(provinceInspector, provinceInspection, "Máy trạm một cửa phường Tân Lợi chưa cài phòng chống mã độc", "24136");
        var forProvince = await RaiseAsync(provinceInspector, provinceInspection, "Máy chủ ứng dụng chưa vá CVE-2022-22965", "66");

        var cityInspection = await PlanInspectionAsync(bmtInspector, "system", cityPortal, "CAH-643", today);
        var started = await bmtInspector.StartInspectionAsync(cityInspection, new StartInspectionRequest(null), cancel);
        var forTanLap = await RaiseAsync(bmtInspector, cityInspection, "Tài khoản cán bộ nghỉ việc chưa bị thu hồi", "24118");
        await bmtInspector.SaveResultsAsync(cityInspection, ResultsFor(started, failed: []), cancel);
        await bmtInspector.CompleteInspectionAsync(cityInspection, new CompleteInspectionRequest("Đạt; còn một tồn tại về quản lý tài khoản.", null), cancel);

        // user → (finding for Tân Lợi, for the province, for Tân Lập), (province inspection, city inspection) visible
        var expected = new Dictionary<string, (string[] Findings, bool[] Inspections)>
        {
            ["province.leader"] = ([Details, Details, Details], [true, true]),
            ["province.inspector"] = ([Details, Details, Details], [true, true]),
            ["bmt.inspector"] = ([Summary, Hidden, Details], [false, true]),
            ["province.officer"] = ([Summary, Summary, Summary], [false, false]),
            ["bmt.officer"] = ([Summary, Hidden, Summary], [false, false]),
            ["tanloi.officer"] = ([Summary, Hidden, Hidden], [false, false]),
            ["anlac.officer"] = ([Hidden, Hidden, Hidden], [false, false]),
        };
        Guid[] findings = [forTanLoi, forProvince, forTanLap];
        Guid[] inspections = [provinceInspection, cityInspection];

        foreach (var user in Users)
        {
            var client = await fixture.ClientForAsync(user);
            var (findingAccess, inspectionAccess) = expected[user];

            // Raw JSON: the typed summary has no description property, so only the text shows that none was sent.
            var listText = await (await fixture.HttpClientForAsync(user)).GetStringAsync(
                InspectionsRoutes.Path(InspectionsRoutes.Findings) + "?pageSize=200", cancel);
            Assert.False(listText.Contains("\"description\"", StringComparison.Ordinal), $"{user}: lists never carry descriptions");
            var listedIds = (await client.ListFindingsAsync(new FindingQuery(), 1, 200, cancel)).Items.Select(f => f.Id).ToHashSet();

            for (var i = 0; i < findings.Length; i++)
            {
                var access = findingAccess[i];
                Assert.True(listedIds.Contains(findings[i]) == (access != Hidden), $"{user} lists finding {i}: expected {access}");
                var finding = await client.GetFindingAsync(findings[i], cancel);
                if (access == Hidden)
                {
                    Assert.True(finding is null, $"{user} finding {i}: expected 404");
                    continue;
                }

                Assert.NotNull(finding);
                Assert.True(finding.DetailsVisible == (access == Details), $"{user} finding {i}: expected {access}");
                Assert.True((finding.Description is not null) == (access == Details), $"{user} finding {i} description: expected {access}");
                Assert.NotEmpty(finding.Title);
                Assert.NotEqual(default, finding.Deadline);
                if (access == Summary)
                {
                    Assert.Empty(finding.AllowedActions);
                }
            }

            for (var i = 0; i < inspections.Length; i++)
            {
                Assert.True((await client.GetInspectionAsync(inspections[i], cancel) is not null) == inspectionAccess[i], $"{user} inspection {i}: expected {inspectionAccess[i]}");
            }
        }

        // The city portal's page: everyone in scope sees the inspection, only inspectors and leaders its conclusion.
        var bmtOfficer = await fixture.ClientForAsync("bmt.officer");
        var seen = Assert.Single((await bmtOfficer.GetSystemAsync(cityPortal, cancel))!.Inspections);
        Assert.Equal("completed", seen.Status);
        Assert.Null(seen.Conclusion);
        Assert.False(seen.DetailsVisible);

        var inspectorView = Assert.Single((await bmtInspector.GetSystemAsync(cityPortal, cancel))!.Inspections);
        Assert.Equal("Đạt; còn một tồn tại về quản lý tài khoản.", inspectorView.Conclusion);
        Assert.True(inspectorView.DetailsVisible);

        // Systems are listed by owner scope: the city's officers do not see the province's system.
        var anLac = await fixture.ClientForAsync("anlac.officer");
        Assert.Null(await anLac.GetSystemAsync(cityPortal, cancel));
        Assert.Equal(0, (await anLac.ListSystemsAsync(new SystemQuery(), 1, 20, cancel)).Total);

        // Acting needs the target in scope: the city inspector sees Tân Lợi's finding (his ward) but may not verify it.
        await FailsAsync(ApiFailure.Forbidden, () => bmtInspector.VerifyFindingAsync(forTanLoi, new VerifyFindingRequest(null), cancel));
        // …and the role: an officer of the responsible unit cannot verify its own finding.
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        await FailsAsync(ApiFailure.Forbidden, () => tanLoi.VerifyFindingAsync(forTanLoi, new VerifyFindingRequest(null), cancel));
        await FailsAsync(ApiFailure.Forbidden, () => tanLoi.CreateSystemAsync(new CreateSystemRequest("X", "24136", "other", 1), cancel));
    }

    [Fact]
    public async Task A_risk_acceptance_reason_reaches_only_inspectors_and_leaders_in_scope()
    {
        const string Reason = "Chờ kinh phí năm 2027; lỗ hổng khai thác được từ mạng nội bộ";
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("province.inspector");
        var system = await RegisterSystemAsync(inspector, "Hệ thống quản lý hộ tịch tỉnh", "66", "application", 3);
        var inspection = await PlanInspectionAsync(inspector, "system", system, "PA05", fixture.Today);
        await inspector.StartInspectionAsync(inspection, new StartInspectionRequest(null), cancel);
        var finding = await RaiseAsync(inspector, inspection, "Máy trạm hộ tịch phường Tân Lợi dùng hệ điều hành hết hỗ trợ", "24136");
        var accepted = await (await fixture.ClientForAsync("province.leader")).AcceptFindingRiskAsync(
            finding, new AcceptRiskRequest(fixture.Today.AddDays(30), Reason), cancel);
        Assert.Equal(Reason, accepted.RiskReason);
        Assert.Contains(accepted.History, h => h.Kind == "risk_accepted" && h.Note!.Contains(Reason, StringComparison.Ordinal));

        // user → sees the reason (true), sees the finding without it (false)
        var expected = new Dictionary<string, bool>
        {
            ["province.leader"] = true, ["province.inspector"] = true, ["bmt.inspector"] = false,
            ["province.officer"] = false, ["bmt.officer"] = false, ["tanloi.officer"] = false,
        };
        foreach (var (user, seesReason) in expected)
        {
            var http = await fixture.HttpClientForAsync(user);
            var detail = await http.GetStringAsync(InspectionsRoutes.Path(InspectionsRoutes.Finding, finding), cancel);
            Assert.True(JsonStrings.Of(detail).Any(s => s.Contains(Reason, StringComparison.Ordinal)) == seesReason,
                $"{user} reads the reason in the finding: expected {seesReason}");
            var list = await http.GetStringAsync(InspectionsRoutes.Path(InspectionsRoutes.Findings) + "?pageSize=200", cancel);
            Assert.False(JsonStrings.Of(list).Any(s => s.Contains(Reason, StringComparison.Ordinal)), $"{user}: the list carries the reason");

            // The province's system itself is outside the district and ward users' view (404): only its page's text matters.
            using var page = await http.GetAsync(InspectionsRoutes.Path(InspectionsRoutes.System, system), cancel);
            var pageText = await page.Content.ReadAsStringAsync(cancel);
            Assert.False(page.IsSuccessStatusCode && JsonStrings.Of(pageText).Any(s => s.Contains(Reason, StringComparison.Ordinal)),
                $"{user}: the system's page carries the reason");
        }

        // The responsible unit still learns that the risk was accepted and until when, in the history.
        var tanLoi = (await (await fixture.ClientForAsync("tanloi.officer")).GetFindingAsync(finding, cancel))!;
        Assert.Null(tanLoi.RiskReason);
        Assert.Equal("Chấp nhận rủi ro đến hết ngày " + fixture.Today.AddDays(30).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), Assert.Single(tanLoi.History, h => h.Kind == "risk_accepted").Note);

        // No event the service published carries it either (they reach directive tracking and its users).
        Assert.DoesNotContain(fixture.Events, e => JsonStrings.OfValue(e).Any(s => s.Contains(Reason, StringComparison.Ordinal)));
    }

    private static async Task<Guid> RaiseAsync(InspectionsClient inspector, Guid inspectionId, string title, string responsibleUnitCode) =>
        (await inspector.RaiseFindingAsync(inspectionId,
            new RaiseFindingRequest(title, $"Chi tiết kỹ thuật: {title}", "high", responsibleUnitCode, null),
            cancellationToken: TestContext.Current.CancellationToken)).Id;
}
