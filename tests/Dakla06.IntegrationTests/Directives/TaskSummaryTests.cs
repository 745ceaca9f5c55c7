using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

/// <summary>
/// A known data set: the province assigns to all 15 districts (due in 10 days) and to the 21 communes of Buôn Ma Thuột
/// (due yesterday: overdue); Buôn Ma Thuột assigns four tasks to its communes: one accepted on time (24136), one
/// accepted late (24118), one in progress (24121), one reported done (24124).
/// </summary>
public sealed class TaskSummaryFixture : DirectivesFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var cancel = TestContext.Current.CancellationToken;
        var province = await ClientForAsync("province.officer");
        var bmt = await ClientForAsync("bmt.officer");
        var provincePlan = await CreateDocumentAsync(province, "plan", "1/KH-UBND", "66", "Kế hoạch năm");
        var cityPlan = await CreateDocumentAsync(bmt, "plan", "2/KH-UBND", "643", "Kế hoạch thành phố");

        await AssignAsync(province, provincePlan, NewTask("Báo cáo quý", Today.AddDays(10), allDistricts: true));
        await AssignAsync(province, provincePlan, NewTask("Thành lập tổ công tác", Today.AddDays(-1), allCommunesOf: "643"));

        // Each commune reports as an officer of that commune (a token of the same shape, signed by the same provider).
        async Task<Guid> AssignAndReportAsync(string unit, DateOnly due, ReportTaskRequest report)
        {
            var id = (await AssignAsync(bmt, cityPlan, NewTask($"Nhiệm vụ {unit}", due, units: [unit]))).Single();
            var assignee = new DirectivesClient(HttpClientWithToken(await Identity.ForgeAsync(unit, ["commune-user", "directive-officer"])));
            await assignee.ReportTaskAsync(id, report, cancel);
            return id;
        }

        var done = new ReportTaskRequest("Xong", 100, null, true);
        await bmt.AcceptTaskAsync(await AssignAndReportAsync("24136", Today.AddDays(5), done), new AcceptTaskRequest(null), cancel);
        await bmt.AcceptTaskAsync(await AssignAndReportAsync("24118", Today.AddDays(-2), done), new AcceptTaskRequest(null), cancel);
        await AssignAndReportAsync("24121", Today.AddDays(5), new ReportTaskRequest("Đang làm", 40, null, false));
        await AssignAndReportAsync("24124", Today.AddDays(5), done);
    }
}

public sealed class TaskSummaryTests(TaskSummaryFixture fixture) : IClassFixture<TaskSummaryFixture>
{
    private static long[] Counts(StatusCountsDto c, long overdue) => [c.Assigned, c.InProgress, c.ReportedDone, c.Accepted, c.Total, overdue];

    private static long[] Counts(SummaryDto summary) => Counts(summary.Counts, summary.Overdue);

    private static long[] Counts(UnitSummaryDto unit) => Counts(unit.Counts, unit.Overdue);

    private static UnitSummaryDto Child(SummaryDto summary, string code) => summary.Children.Single(c => c.UnitCode == code);

    private static async Task<SummaryDto> SummaryAsync(TaskSummaryFixture fixture, string username, string? unit = null) =>
        await (await fixture.ClientForAsync(username)).GetSummaryAsync(unit, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Province_summary_counts_the_whole_province_and_each_district_with_its_communes()
    {
        var summary = await SummaryAsync(fixture, "province.leader");

        Assert.Equal("66", summary.UnitCode);
        Assert.Equal("Tỉnh Đắk Lắk", summary.UnitName);
        Assert.Equal([36, 1, 1, 2, 40, 21], Counts(summary));
        Assert.Equal(0.5, summary.OnTimeRate);
        Assert.Equal(15, summary.Children.Count);

        var city = Child(summary, "643");
        Assert.Equal("Thành phố Buôn Ma Thuột", city.UnitName);
        Assert.Equal([22, 1, 1, 2, 26, 21], Counts(city));
        Assert.Equal(0.5, city.OnTimeRate);
        var buonHo = Child(summary, "644");
        Assert.Equal([1, 0, 0, 0, 1, 0], Counts(buonHo));
        Assert.Null(buonHo.OnTimeRate);
    }

    [Fact]
    public async Task District_summary_defaults_to_the_callers_unit_and_lists_every_commune_including_those_without_tasks()
    {
        var summary = await SummaryAsync(fixture, "bmt.officer");

        Assert.Equal("643", summary.UnitCode);
        Assert.Equal([22, 1, 1, 2, 26, 21], Counts(summary));
        Assert.Equal(21, summary.Children.Count);
        Assert.Equal([1, 0, 0, 1, 2, 1], Counts(Child(summary, "24136")));
        Assert.Equal(1.0, Child(summary, "24136").OnTimeRate);
        Assert.Equal(0.0, Child(summary, "24118").OnTimeRate);
        Assert.Equal([1, 1, 0, 0, 2, 1], Counts(Child(summary, "24121")));
        Assert.Equal([1, 0, 1, 0, 2, 1], Counts(Child(summary, "24124")));
        Assert.Equal([1, 0, 0, 0, 1, 1], Counts(Child(summary, "24127")));

        var quiet = await SummaryAsync(fixture, "province.officer", "645");
        Assert.Equal([1, 0, 0, 0, 1, 0], Counts(quiet));
        Assert.Equal(12, quiet.Children.Count);
        Assert.All(quiet.Children, c => Assert.Equal([0, 0, 0, 0, 0, 0], Counts(c)));
    }

    [Fact]
    public async Task Commune_summary_has_no_children_and_units_outside_scope_are_404()
    {
        var summary = await SummaryAsync(fixture, "tanloi.officer");
        Assert.Equal([1, 0, 0, 1, 2, 1], Counts(summary));
        Assert.Empty(summary.Children);

        var bmt = await fixture.ClientForAsync("bmt.officer");
        foreach (var unit in new[] { "66", "644", "24305", "99999" })
        {
            await FailsAsync(ApiFailure.NotFound, () => bmt.GetSummaryAsync(unit, TestContext.Current.CancellationToken));
        }
    }
}
