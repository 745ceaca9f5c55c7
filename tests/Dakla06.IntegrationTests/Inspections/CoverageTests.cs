using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Inspections;
using Dakla06.Inspections.Data;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>Inspection steps the coverage data sets need: findings are raised while the inspection is in progress.</summary>
internal static class CoverageData
{
    /// <summary>Plans and starts an inspection on <paramref name="on"/>, raises the findings, records results and completes it.</summary>
    public static async Task<Guid[]> InspectAsync(
        InspectionsClient inspector, string targetType, Guid targetId, string team, DateOnly on, int[] failed,
        params (string Severity, string Unit, DateOnly? Deadline)[] findings)
    {
        var cancel = TestContext.Current.CancellationToken;
        var id = await PlanInspectionAsync(inspector, targetType, targetId, team, on);
        var started = await inspector.StartInspectionAsync(id, new StartInspectionRequest(on), cancel);
        var raised = new List<Guid>();
        foreach (var (severity, unit, deadline) in findings)
        {
            var finding = await inspector.RaiseFindingAsync(id,
                new RaiseFindingRequest($"Tồn tại mức {severity}", "Mô tả kỹ thuật", severity, unit, deadline), cancellationToken: cancel);
            raised.Add(finding.Id);
        }

        await inspector.SaveResultsAsync(id, ResultsFor(started, failed, failNote: null), cancel);
        await inspector.CompleteInspectionAsync(id, new CompleteInspectionRequest("Kết luận", on), cancel);
        return [.. raised];
    }

    public static async Task<Guid> DeviceAsync(InspectionsClient inspector, string assetTag, string unitCode) =>
        (await inspector.CreateDeviceAsync(new CreateDeviceRequest(assetTag, unitCode, "Thu nhận hồ sơ CCCD", null), TestContext.Current.CancellationToken)).Id;

    /// <summary>[systems, systemsInspected, devices, devicesInspected, openCritical, openHigh, openMedium, openLow, overdue].</summary>
    public static long[] Numbers(CoverageRowDto row) =>
        [row.Systems, row.SystemsInspected, row.Devices, row.DevicesInspected, row.OpenCritical, row.OpenHigh, row.OpenMedium, row.OpenLow, row.Overdue];

    public static CoverageRowDto Row(CoverageDto coverage, string unitCode) => coverage.Rows.Single(r => r.UnitCode == unitCode);
}

/// <summary>
/// A known data set (all dates relative to the fixture's today T):
/// systems — LGSP of the province (66) inspected T-30, all passed; the one-stop system of Buôn Ma Thuột (643) inspected
/// T-10 with critical item 1 failed (an automatic critical finding for 643) and manual findings high at Tân Lợi (24136),
/// medium and low (verified) at Tân Lập (24118); a residence app at Tân Lợi never inspected; a Buôn Hồ (644) system
/// inspected one day before the 12-month window with a low finding whose risk the leader accepted.
/// devices — two at Tân Lợi (one inspected exactly 12 months ago, on the window's first day), one at Tân Lập inspected
/// T-5, one at the city police itself (643) and one at Buôn Hồ, not inspected.
/// </summary>
public sealed class CoverageFixture : InspectionsFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var cancel = TestContext.Current.CancellationToken;
        var province = await ClientForAsync("province.inspector");
        var bmt = await ClientForAsync("bmt.inspector");
        var leader = await ClientForAsync("province.leader");
        var windowStart = CoverageStore.WindowStart(Today);

        var lgsp = await RegisterSystemAsync(province, "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)", "66");
        await CoverageData.InspectAsync(province, "system", lgsp, "PA05", Today.AddDays(-30), []);

        var oneStop = await RegisterSystemAsync(bmt, "Hệ thống một cửa điện tử thành phố", "643", "one-stop-dossier");
        var manual = await CoverageData.InspectAsync(bmt, "system", oneStop, "CAH-643", Today.AddDays(-10), [1],
            ("high", "24136", Today), ("medium", "24118", null), ("low", "24118", null));
        await bmt.VerifyFindingAsync(manual[2], new VerifyFindingRequest("Đã khắc phục"), cancel);

        await RegisterSystemAsync(bmt, "Phần mềm quản lý cư trú phường Tân Lợi", "24136", "application", 2);

        var buonHo = await RegisterSystemAsync(province, "Hệ thống một cửa điện tử thị xã Buôn Hồ", "644", "one-stop-dossier");
        var accepted = await CoverageData.InspectAsync(province, "system", buonHo, "PA05", windowStart.AddDays(-1), [], ("low", "644", null));
        await leader.AcceptFindingRiskAsync(accepted[0], new AcceptRiskRequest(Today.AddDays(90), "Chờ đầu tư thiết bị"), cancel);

        var laptop = await CoverageData.DeviceAsync(bmt, "CA-643-LT-001", "24136");
        await CoverageData.InspectAsync(bmt, "device", laptop, "CAH-643", windowStart, []);
        await CoverageData.DeviceAsync(bmt, "CA-643-LT-002", "24136");
        var desktop = await CoverageData.DeviceAsync(bmt, "CA-643-PC-001", "24118");
        await CoverageData.InspectAsync(bmt, "device", desktop, "CAH-643", Today.AddDays(-5), []);
        await CoverageData.DeviceAsync(bmt, "CA-643-PC-002", "643");
        await CoverageData.DeviceAsync(province, "CA-644-LT-001", "644");
    }
}

public sealed class CoverageTests(CoverageFixture fixture) : IClassFixture<CoverageFixture>
{
    [Fact]
    public async Task Province_coverage_has_every_district_and_a_total_with_exact_numbers()
    {
        var leader = await fixture.ClientForAsync("province.leader");
        var coverage = await leader.GetCoverageAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("66", coverage.UnitCode);
        Assert.Equal("Tỉnh Đắk Lắk", coverage.UnitName);
        Assert.Equal(15, coverage.Rows.Count);

        var city = CoverageData.Row(coverage, "643");
        Assert.Equal("Thành phố Buôn Ma Thuột", city.UnitName);
        Assert.Equal([2, 1, 4, 2, 1, 1, 1, 0, 0], CoverageData.Numbers(city));
        Assert.Equal(50.0, city.CoveragePercent);

        var buonHo = CoverageData.Row(coverage, "644");
        Assert.Equal([1, 0, 1, 0, 0, 0, 0, 0, 0], CoverageData.Numbers(buonHo));
        Assert.Equal(0.0, buonHo.CoveragePercent);

        var quiet = CoverageData.Row(coverage, "645");
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0], CoverageData.Numbers(quiet));
        Assert.Equal(0.0, quiet.CoveragePercent);

        // The province's own LGSP counts in the total only (it belongs to no district).
        var total = coverage.Total;
        Assert.Equal("66", total.UnitCode);
        Assert.Equal([4, 2, 5, 2, 1, 1, 1, 0, 0], CoverageData.Numbers(total));
        Assert.Equal(44.4, total.CoveragePercent);
    }

    [Fact]
    public async Task District_coverage_defaults_to_the_callers_unit_and_lists_every_commune()
    {
        var bmt = await fixture.ClientForAsync("bmt.inspector");
        var coverage = await bmt.GetCoverageAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("643", coverage.UnitCode);
        Assert.Equal(21, coverage.Rows.Count);
        var tanLoi = CoverageData.Row(coverage, "24136");
        Assert.Equal([1, 0, 2, 1, 0, 1, 0, 0, 0], CoverageData.Numbers(tanLoi));
        Assert.Equal(33.3, tanLoi.CoveragePercent);
        var tanLap = CoverageData.Row(coverage, "24118");
        Assert.Equal([0, 0, 1, 1, 0, 0, 1, 0, 0], CoverageData.Numbers(tanLap));
        Assert.Equal(100.0, tanLap.CoveragePercent);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0], CoverageData.Numbers(CoverageData.Row(coverage, "24121")));

        // The city police's own device and the automatic critical finding (responsible: 643) count in the total only.
        Assert.Equal([2, 1, 4, 2, 1, 1, 1, 0, 0], CoverageData.Numbers(coverage.Total));
    }

    [Fact]
    public async Task Units_outside_the_callers_scope_are_404_and_a_commune_has_no_rows()
    {
        var cancel = TestContext.Current.CancellationToken;
        var bmt = await fixture.ClientForAsync("bmt.inspector");
        foreach (var unit in new[] { "66", "644", "24305", "99999" })
        {
            await FailsAsync(ApiFailure.NotFound, () => bmt.GetCoverageAsync(unit, cancel));
        }

        var tanLoi = await bmt.GetCoverageAsync("24136", cancel);
        Assert.Empty(tanLoi.Rows);
        Assert.Equal([1, 0, 2, 1, 0, 1, 0, 0, 0], CoverageData.Numbers(tanLoi.Total));

        // Coverage is not an inspection detail: a commune officer reads their own unit's numbers.
        var officer = await fixture.ClientForAsync("tanloi.officer");
        var own = await officer.GetCoverageAsync(cancellationToken: cancel);
        Assert.Equal("24136", own.UnitCode);
        Assert.Equal([1, 0, 2, 1, 0, 1, 0, 0, 0], CoverageData.Numbers(own.Total));
        await FailsAsync(ApiFailure.NotFound, () => officer.GetCoverageAsync("643", cancel));
    }
}

/// <summary>
/// The 12-month window and overdue findings move with the clock: a device inspected exactly 12 months ago counts today
/// and not tomorrow; a finding due today is overdue tomorrow. Own fixture, because it advances the clock.
/// </summary>
public sealed class CoverageWindowTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    [Fact]
    public async Task Inspections_leave_the_window_and_findings_become_overdue_as_days_pass()
    {
        var cancel = TestContext.Current.CancellationToken;
        var bmt = await fixture.ClientForAsync("bmt.inspector");
        var windowStart = CoverageStore.WindowStart(fixture.Today);
        var old = await CoverageData.DeviceAsync(bmt, "CA-643-LT-901", "24136");
        await CoverageData.InspectAsync(bmt, "device", old, "CAH-643", windowStart, [], ("high", "24136", fixture.Today));
        var recent = await CoverageData.DeviceAsync(bmt, "CA-643-LT-902", "24136");
        await CoverageData.InspectAsync(bmt, "device", recent, "CAH-643", fixture.Today.AddDays(-1), []);

        var today = CoverageData.Row(await bmt.GetCoverageAsync(cancellationToken: cancel), "24136");
        Assert.Equal([0, 0, 2, 2, 0, 1, 0, 0, 0], CoverageData.Numbers(today));
        Assert.Equal(100.0, today.CoveragePercent);

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = CoverageData.Row(await (await TokenValidNowAsync()).GetCoverageAsync("643", cancel), "24136");
        Assert.Equal([0, 0, 2, 1, 0, 1, 0, 0, 1], CoverageData.Numbers(tomorrow));
        Assert.Equal(50.0, tomorrow.CoveragePercent);
    }

    /// <summary>
    /// A district user's token valid both on the real clock (the identity provider's) and on the advanced fake clock.
    /// </summary>
    private async Task<InspectionsClient> TokenValidNowAsync()
    {
        var token = await fixture.Identity.ForgeAsync("643", ["district-user"], descriptor =>
        {
            descriptor.NotBefore = DateTime.UtcNow.AddMinutes(-5);
            descriptor.Expires = fixture.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        });
        return new InspectionsClient(fixture.HttpClientWithToken(token));
    }
}
