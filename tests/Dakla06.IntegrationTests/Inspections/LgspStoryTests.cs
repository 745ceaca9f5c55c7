using System.Text.Json;
using Dakla06.Contracts.Inspections;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>
/// The province's data-integration platform (LGSP) in 2022, over HTTP: registered, failed its May inspection on
/// critical items, findings raised (automatic and manual), remediation reported by the units through the bus,
/// passed the September re-inspection, still not cleared until the inspectors verified every finding.
/// </summary>
public sealed class LgspStoryTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    private static readonly DateOnly May = new(2022, 5, 15);
    private static readonly DateOnly September = new(2022, 9, 20);

    [Fact]
    public async Task Failed_inspection_findings_remediation_reinspection_and_verification_clear_the_system_with_every_change_recorded()
    {
        using var inspector = await fixture.ClientForAsync("province.inspector");
        var systemId = await InspectionsFixture.RegisterSystemAsync(inspector, "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Đắk Lắk (LGSP)", "66");

        var registered = await SystemAsync(inspector, systemId);
        Assert.False(registered.GetProperty("cleared").GetBoolean());
        Assert.Equal("Chưa có đợt kiểm tra hoàn thành", registered.GetProperty("readinessReason").GetString());
        Assert.Single(registered.GetProperty("readinessHistory").EnumerateArray());

        // May: items 3 and 7 (critical) and 2 (not critical) fail.
        var first = await InspectionsFixture.RunInspectionAsync(inspector, "system", systemId, "PA05", May, failed: [2, 3, 7],
            conclusion: "Hệ thống chưa đủ điều kiện kết nối; yêu cầu khắc phục các tồn tại.");
        Assert.Equal("completed", first.GetProperty("status").GetString());
        var automatic = first.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, automatic.Count);
        Assert.All(automatic, f =>
        {
            Assert.Equal("critical", f.GetProperty("severity").GetString());
            Assert.Equal("66", f.GetProperty("responsibleUnitCode").GetString());
            Assert.StartsWith("Không đạt: ", f.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal(InspectionsFixture.Iso(fixture.Today.AddDays(7)), f.GetProperty("deadline").GetString());
        });
        var score = first.GetProperty("score").GetDecimal();
        Assert.InRange(score, 1m, 99m);

        var inspectionId = first.GetProperty("id").GetGuid();
        var manual = await InspectionsFixture.PostAsync(inspector, $"/api/inspections/inspections/{inspectionId}/findings", new
        {
            title = "Tài khoản quản trị dùng chung, chưa xác thực hai yếu tố",
            description = "Tài khoản admin của LGSP dùng chung giữa 3 cán bộ vận hành; truy cập từ xa chỉ bằng mật khẩu.",
            severity = "high",
            responsibleUnitCode = "643",
        }, 201);
        Assert.Equal(InspectionsFixture.Iso(fixture.Today.AddDays(30)), manual.GetProperty("deadline").GetString());
        Assert.False(manual.GetProperty("automatic").GetBoolean());
        var findingIds = automatic.Select(f => f.GetProperty("id").GetGuid()).Append(manual.GetProperty("id").GetGuid()).ToList();

        // Every finding was announced for directive tracking, inspected on the inspection's date.
        var raised = await fixture.AwaitEventsAsync<FindingRaised>(e => e.InspectionId == inspectionId, 3);
        Assert.Equal(3, raised.Count);
        Assert.All(raised, e => Assert.Equal(May, e.InspectedOn));
        Assert.Equal(findingIds.Order(), raised.Select(e => e.FindingId).Order());

        var afterMay = await SystemAsync(inspector, systemId);
        Assert.False(afterMay.GetProperty("cleared").GetBoolean());
        Assert.Equal("Đợt kiểm tra ngày 15/05/2022 có hạng mục trọng yếu không đạt", afterMay.GetProperty("readinessReason").GetString());

        // The units report their remediation tasks done (directive tracking publishes TaskReported).
        foreach (var id in findingIds)
        {
            await fixture.PublishTaskReportedAsync(id, "Đã khắc phục theo kết luận kiểm tra");
        }

        foreach (var id in findingIds)
        {
            var reported = await Eventually.ReturnsAsync(() => FindingAsync(inspector, id), f => f.GetProperty("status").GetString() == "remediation_reported",
                because: "the finding awaits re-verification");
            var entry = reported.GetProperty("history").EnumerateArray().Last();
            Assert.Equal("remediation_reported", entry.GetProperty("kind").GetString());
            Assert.Equal("Đã khắc phục theo kết luận kiểm tra", entry.GetProperty("note").GetString());
            Assert.Equal("unit.officer", entry.GetProperty("actor").GetString());
        }

        // September: the re-inspection passes every item, but the findings are not verified yet.
        var second = await InspectionsFixture.RunInspectionAsync(inspector, "system", systemId, "PA05", September, failed: [],
            conclusion: "Các tồn tại đã được khắc phục.");
        Assert.Empty(second.GetProperty("findings").EnumerateArray());
        Assert.Equal(100m, second.GetProperty("score").GetDecimal());
        var afterSeptember = await SystemAsync(inspector, systemId);
        Assert.False(afterSeptember.GetProperty("cleared").GetBoolean());
        Assert.Equal("Còn 3 phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", afterSeptember.GetProperty("readinessReason").GetString());

        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{findingIds[0]}/verify", new { note = "Kiểm tra lại đạt" });
        var oneVerified = await SystemAsync(inspector, systemId);
        Assert.False(oneVerified.GetProperty("cleared").GetBoolean());
        Assert.Equal("Còn 2 phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", oneVerified.GetProperty("readinessReason").GetString());

        await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{findingIds[1]}/verify", new { });
        var last = await InspectionsFixture.PostAsync(inspector, $"/api/inspections/findings/{findingIds[2]}/verify", new { note = "Đã cấp tài khoản riêng, bật xác thực hai yếu tố" });
        Assert.Equal("verified", last.GetProperty("status").GetString());
        Assert.Equal(["reopen"], last.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        var cleared = await SystemAsync(inspector, systemId);
        Assert.True(cleared.GetProperty("cleared").GetBoolean());
        Assert.Equal("Đủ điều kiện kết nối", cleared.GetProperty("readinessReason").GetString());

        // The whole story is in the readiness history.
        var history = cleared.GetProperty("readinessHistory").EnumerateArray()
            .Select(h => (h.GetProperty("cleared").GetBoolean(), h.GetProperty("kind").GetString(), h.GetProperty("effectiveOn").GetString()))
            .ToList();
        Assert.Equal(
        [
            (false, "no-inspection", InspectionsFixture.Iso(fixture.Today)),
            (false, "failed-critical-item", "2022-05-15"),
            (false, "unresolved-findings", "2022-09-20"),
            (true, "cleared", InspectionsFixture.Iso(fixture.Today)),
        ], history);
        Assert.Equal(2, cleared.GetProperty("inspections").GetArrayLength());

        // Clearance changed once (not cleared at registration → cleared), announced once.
        var announced = await fixture.AwaitEventsAsync<ConnectionClearanceChanged>(e => e.SystemId == systemId);
        var clearance = Assert.Single(announced);
        Assert.True(clearance.Cleared);
        Assert.Equal("66", clearance.UnitCode);
        await fixture.AwaitEventsAsync<FindingVerified>(e => findingIds.Contains(e.FindingId), 3);
    }

    private static Task<JsonElement> SystemAsync(HttpClient client, Guid id) => InspectionsFixture.GetAsync(client, $"/api/inspections/systems/{id}");

    private static Task<JsonElement> FindingAsync(HttpClient client, Guid id) => InspectionsFixture.GetAsync(client, $"/api/inspections/findings/{id}");
}
