using System.Text.Json;

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
        using var provinceInspector = await fixture.ClientForAsync("province.inspector");
        using var bmtInspector = await fixture.ClientForAsync("bmt.inspector");
        var today = fixture.Today;

        var provinceSystem = await InspectionsFixture.RegisterSystemAsync(provinceInspector, "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", "66", "one-stop-dossier", 3);
        var cityPortal = await InspectionsFixture.RegisterSystemAsync(bmtInspector, "Cổng dịch vụ công thành phố Buôn Ma Thuột", "643", "application", 2);

        var provinceInspection = await InspectionsFixture.PlanInspectionAsync(provinceInspector, "system", provinceSystem, "PA05", today);
        await InspectionsFixture.PostAsync(provinceInspector, $"/api/inspections/inspections/{provinceInspection}/start", new { });
        var forTanLoi = await RaiseAsync(provinceInspector, provinceInspection, "Máy trạm một cửa phường Tân Lợi chưa cài phòng chống mã độc", "24136");
        var forProvince = await RaiseAsync(provinceInspector, provinceInspection, "Máy chủ ứng dụng chưa vá CVE-2022-22965", "66");

        var cityInspection = await InspectionsFixture.PlanInspectionAsync(bmtInspector, "system", cityPortal, "CAH-643", today);
        var started = await InspectionsFixture.PostAsync(bmtInspector, $"/api/inspections/inspections/{cityInspection}/start", new { });
        var forTanLap = await RaiseAsync(bmtInspector, cityInspection, "Tài khoản cán bộ nghỉ việc chưa bị thu hồi", "24118");
        var results = started.GetProperty("items").EnumerateArray().Select(i => new { itemNo = i.GetProperty("no").GetInt32(), result = "pass" }).ToList();
        await InspectionsFixture.SendAsync(bmtInspector, HttpMethod.Put, $"/api/inspections/inspections/{cityInspection}/results", new { results });
        await InspectionsFixture.PostAsync(bmtInspector, $"/api/inspections/inspections/{cityInspection}/complete", new { conclusion = "Đạt; còn một tồn tại về quản lý tài khoản." });

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
            using var client = await fixture.ClientForAsync(user);
            var (findingAccess, inspectionAccess) = expected[user];

            var listed = (await InspectionsFixture.GetAsync(client, "/api/inspections/findings?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
            Assert.True(listed.All(f => !f.TryGetProperty("description", out _)), $"{user}: lists never carry descriptions");
            var listedIds = listed.Select(f => f.GetProperty("id").GetGuid()).ToHashSet();

            for (var i = 0; i < findings.Length; i++)
            {
                var access = findingAccess[i];
                Assert.True(listedIds.Contains(findings[i]) == (access != Hidden), $"{user} lists finding {i}: expected {access}");
                if (access == Hidden)
                {
                    await InspectionsFixture.GetAsync(client, $"/api/inspections/findings/{findings[i]}", 404);
                    continue;
                }

                var finding = await InspectionsFixture.GetAsync(client, $"/api/inspections/findings/{findings[i]}");
                Assert.True(finding.GetProperty("detailsVisible").GetBoolean() == (access == Details), $"{user} finding {i}: expected {access}");
                Assert.True((finding.GetProperty("description").ValueKind == JsonValueKind.String) == (access == Details), $"{user} finding {i} description: expected {access}");
                Assert.NotEmpty(finding.GetProperty("title").GetString()!);
                Assert.NotEmpty(finding.GetProperty("deadline").GetString()!);
                if (access == Summary)
                {
                    Assert.Empty(finding.GetProperty("allowedActions").EnumerateArray());
                }
            }

            for (var i = 0; i < inspections.Length; i++)
            {
                await InspectionsFixture.GetAsync(client, $"/api/inspections/inspections/{inspections[i]}", inspectionAccess[i] ? 200 : 404);
            }
        }

        // The city portal's page: everyone in scope sees the inspection, only inspectors and leaders its conclusion.
        using (var bmtOfficer = await fixture.ClientForAsync("bmt.officer"))
        {
            var seen = Assert.Single((await InspectionsFixture.GetAsync(bmtOfficer, $"/api/inspections/systems/{cityPortal}")).GetProperty("inspections").EnumerateArray());
            Assert.Equal("completed", seen.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("conclusion").ValueKind);
            Assert.False(seen.GetProperty("detailsVisible").GetBoolean());
        }

        var inspectorView = Assert.Single((await InspectionsFixture.GetAsync(bmtInspector, $"/api/inspections/systems/{cityPortal}")).GetProperty("inspections").EnumerateArray());
        Assert.Equal("Đạt; còn một tồn tại về quản lý tài khoản.", inspectorView.GetProperty("conclusion").GetString());
        Assert.True(inspectorView.GetProperty("detailsVisible").GetBoolean());

        // Systems are listed by owner scope: the city's officers do not see the province's system.
        using (var anLac = await fixture.ClientForAsync("anlac.officer"))
        {
            await InspectionsFixture.GetAsync(anLac, $"/api/inspections/systems/{cityPortal}", 404);
            Assert.Equal(0, (await InspectionsFixture.GetAsync(anLac, "/api/inspections/systems")).GetProperty("total").GetInt32());
        }

        // Acting needs the target in scope: the city inspector sees Tân Lợi's finding (his ward) but may not verify it.
        await InspectionsFixture.PostAsync(bmtInspector, $"/api/inspections/findings/{forTanLoi}/verify", new { }, 403);
        // …and the role: an officer of the responsible unit cannot verify its own finding.
        using (var tanLoi = await fixture.ClientForAsync("tanloi.officer"))
        {
            await InspectionsFixture.PostAsync(tanLoi, $"/api/inspections/findings/{forTanLoi}/verify", new { }, 403);
            await InspectionsFixture.PostAsync(tanLoi, "/api/inspections/systems", new { name = "X", ownerUnitCode = "24136", kind = "other", securityLevel = 1 }, 403);
        }
    }

    private static async Task<Guid> RaiseAsync(HttpClient inspector, Guid inspectionId, string title, string responsibleUnitCode) =>
        (await InspectionsFixture.PostAsync(inspector, $"/api/inspections/inspections/{inspectionId}/findings", new
        {
            title,
            description = $"Chi tiết kỹ thuật: {title}",
            severity = "high",
            responsibleUnitCode,
        }, 201)).GetProperty("id").GetGuid();
}
