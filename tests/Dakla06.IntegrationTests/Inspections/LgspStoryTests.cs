using Dakla06.Contracts.Http.Inspections;
using Dakla06.Contracts.Inspections;
using Dakla06.IntegrationTests.Support;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;

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
        var cancel = TestContext.Current.CancellationToken;
        var inspector = await fixture.ClientForAsync("province.inspector");
        var systemId = await RegisterSystemAsync(inspector, "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Đắk Lắk (LGSP)", "66");

        var registered = await SystemAsync(inspector, systemId);
        Assert.False(registered.Cleared);
        Assert.Equal("Chưa có đợt kiểm tra hoàn thành", registered.ReadinessReason);
        Assert.Single(registered.ReadinessHistory);

        // May: items 3 and 7 (critical) and 2 (not critical) fail.
        var first = await RunInspectionAsync(inspector, "system", systemId, "PA05", May, failed: [2, 3, 7],
            conclusion: "Hệ thống chưa đủ điều kiện kết nối; yêu cầu khắc phục các tồn tại.");
        Assert.Equal("completed", first.Status);
        var automatic = first.Findings;
        Assert.Equal(2, automatic.Count);
        Assert.All(automatic, f =>
        {
            Assert.Equal("critical", f.Severity);
            Assert.Equal("66", f.ResponsibleUnitCode);
            Assert.StartsWith("Không đạt: ", f.Title, StringComparison.Ordinal);
            Assert.Equal(fixture.Today.AddDays(7), f.Deadline);
        });
        Assert.InRange(first.Score!.Value, 1m, 99m);

        var inspectionId = first.Id;
        var manual = await inspector.RaiseFindingAsync(inspectionId, new RaiseFindingRequest(
            "Tài khoản quản trị dùng chung, chưa xác thực hai yếu tố",
            "Tài khoản admin của LGSP dùng chung giữa 3 cán bộ vận hành; truy cập từ xa chỉ bằng mật khẩu.",
            "high",
            "643",
            null), cancellationToken: cancel);
        Assert.Equal(fixture.Today.AddDays(30), manual.Deadline);
        Assert.False(manual.Automatic);
        var findingIds = automatic.Select(f => f.Id).Append(manual.Id).ToList();

        // Every finding was announced for directive tracking, inspected on the inspection's date.
        var raised = await fixture.AwaitEventsAsync<FindingRaised>(e => e.InspectionId == inspectionId, 3);
        Assert.Equal(3, raised.Count);
        Assert.All(raised, e => Assert.Equal(May, e.InspectedOn));
        Assert.Equal(findingIds.Order(), raised.Select(e => e.FindingId).Order());

        var afterMay = await SystemAsync(inspector, systemId);
        Assert.False(afterMay.Cleared);
        Assert.Equal("Đợt kiểm tra ngày 15/05/2022 có hạng mục trọng yếu không đạt", afterMay.ReadinessReason);

        // The units report their remediation tasks done (directive tracking publishes TaskReported).
        foreach (var id in findingIds)
        {
            await fixture.PublishTaskReportedAsync(id, "Đã khắc phục theo kết luận kiểm tra");
        }

        foreach (var id in findingIds)
        {
            var reported = await Eventually.ReturnsAsync(() => FindingAsync(inspector, id), f => f.Status == "remediation_reported",
                because: "the finding awaits re-verification");
            var entry = reported.History[^1];
            Assert.Equal("remediation_reported", entry.Kind);
            Assert.Equal("Đã khắc phục theo kết luận kiểm tra", entry.Note);
            Assert.Equal("unit.officer", entry.Actor);
        }

        // September: the re-inspection passes every item, but the findings are not verified yet.
        var second = await RunInspectionAsync(inspector, "system", systemId, "PA05", September, failed: [],
            conclusion: "Các tồn tại đã được khắc phục.");
        Assert.Empty(second.Findings);
        Assert.Equal(100m, second.Score);
        var afterSeptember = await SystemAsync(inspector, systemId);
        Assert.False(afterSeptember.Cleared);
        Assert.Equal("Còn 3 phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", afterSeptember.ReadinessReason);

        await inspector.VerifyFindingAsync(findingIds[0], new VerifyFindingRequest("Kiểm tra lại đạt"), cancel);
        var oneVerified = await SystemAsync(inspector, systemId);
        Assert.False(oneVerified.Cleared);
        Assert.Equal("Còn 2 phát hiện mức cao/nghiêm trọng chưa được xác minh khắc phục", oneVerified.ReadinessReason);

        await inspector.VerifyFindingAsync(findingIds[1], new VerifyFindingRequest(null), cancel);
        var last = await inspector.VerifyFindingAsync(findingIds[2], new VerifyFindingRequest("Đã cấp tài khoản riêng, bật xác thực hai yếu tố"), cancel);
        Assert.Equal("verified", last.Status);
        Assert.Equal(["reopen"], last.AllowedActions);

        var cleared = await SystemAsync(inspector, systemId);
        Assert.True(cleared.Cleared);
        Assert.Equal("Đủ điều kiện kết nối", cleared.ReadinessReason);

        // The whole story is in the readiness history.
        Assert.Equal(
        [
            (false, "no-inspection", fixture.Today),
            (false, "failed-critical-item", May),
            (false, "unresolved-findings", September),
            (true, "cleared", fixture.Today),
        ], cleared.ReadinessHistory.Select(h => (h.Cleared, h.Kind, h.EffectiveOn)));
        Assert.Equal(2, cleared.Inspections.Count);

        // Clearance changed once (not cleared at registration → cleared), announced once.
        var announced = await fixture.AwaitEventsAsync<ConnectionClearanceChanged>(e => e.SystemId == systemId);
        var clearance = Assert.Single(announced);
        Assert.True(clearance.Cleared);
        Assert.Equal("66", clearance.UnitCode);
        await fixture.AwaitEventsAsync<FindingVerified>(e => findingIds.Contains(e.FindingId), 3);
    }

    private static async Task<SystemDetailDto> SystemAsync(InspectionsClient client, Guid id) =>
        await client.GetSystemAsync(id, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"System {id} not found.");

    private static async Task<FindingDto> FindingAsync(InspectionsClient client, Guid id) =>
        await client.GetFindingAsync(id, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"Finding {id} not found.");
}
