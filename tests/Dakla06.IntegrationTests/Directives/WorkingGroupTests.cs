using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Directives;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Directives;

public sealed class WorkingGroupTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static UpdateWorkingGroupRequest Group(
        bool? established, bool? regulationIssued, string? decisionNumber = null, DateOnly? decisionDate = null, int? villageCount = null, int? villagesEstablished = null) =>
        new(established, decisionNumber, decisionDate, regulationIssued, villageCount, villagesEstablished);

    private static (long Established, long Total) Level(CoverageCountDto level) => (level.Established, level.Total);

    [Fact]
    public async Task Coverage_counts_districts_communes_and_villages_of_the_subtree()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var buonHo = await fixture.ClientForAsync("buonho.officer");
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");

        var city = await bmt.UpdateWorkingGroupAsync("643", Group(true, true, "15/QĐ-UBND", new DateOnly(2022, 3, 10)), Cancel);
        Assert.Equal("Thành phố Buôn Ma Thuột", city.UnitName);
        Assert.Equal(new DateOnly(2022, 3, 10), city.DecisionDate);
        await buonHo.UpdateWorkingGroupAsync("644", Group(false, false), Cancel);
        await tanLoi.UpdateWorkingGroupAsync("24136", Group(true, true, villageCount: 12, villagesEstablished: 12), Cancel);
        await bmt.UpdateWorkingGroupAsync("24118", Group(true, false, villageCount: 9, villagesEstablished: 5), Cancel);
        await buonHo.UpdateWorkingGroupAsync("24305", Group(true, true, villageCount: 7, villagesEstablished: 7), Cancel);
        // Updating replaces the record.
        await bmt.UpdateWorkingGroupAsync("24118", Group(true, true, villageCount: 9, villagesEstablished: 6), Cancel);

        var all = await province.GetWorkingGroupCoverageAsync(cancellationToken: Cancel);
        Assert.Equal((1L, 15L), Level(all.Districts));
        Assert.Equal((3L, 184L), Level(all.Communes));
        Assert.Equal((25L, 28L), Level(all.Villages));

        var cityCoverage = await bmt.GetWorkingGroupCoverageAsync(cancellationToken: Cancel);
        Assert.Equal((1L, 1L), Level(cityCoverage.Districts));
        Assert.Equal((2L, 21L), Level(cityCoverage.Communes));
        Assert.Equal((18L, 21L), Level(cityCoverage.Villages));

        var list = await bmt.ListWorkingGroupsAsync(null, 1, 100, Cancel);
        Assert.Equal(22, list.Total);
        Assert.Equal("643", list.Items[0].UnitCode);
        Assert.Equal(6, list.Items.Single(i => i.UnitCode == "24118").VillagesEstablished);
        var unrecorded = list.Items.Single(i => i.UnitCode == "24121");
        Assert.False(unrecorded.Established);
        Assert.Null(unrecorded.UpdatedAt);
    }

    [Fact]
    public async Task Updates_are_validated_and_limited_to_the_callers_scope_and_role()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var leader = await fixture.ClientForAsync("province.leader");

        var tooMany = await FailsAsync(ApiFailure.Invalid, () => tanLoi.UpdateWorkingGroupAsync("24136", Group(true, true, villageCount: 3, villagesEstablished: 4), Cancel));
        Assert.Contains("villagesEstablished", Fields(tooMany));
        var villagesForDistrict = await FailsAsync(ApiFailure.Invalid, () => bmt.UpdateWorkingGroupAsync("643", Group(true, true, villageCount: 3), Cancel));
        Assert.Contains("villageCount", Fields(villagesForDistrict));
        var missing = await FailsAsync(ApiFailure.Invalid, () => bmt.UpdateWorkingGroupAsync("643", Group(null, null), Cancel));
        Assert.Contains("established", Fields(missing));

        await FailsAsync(ApiFailure.Forbidden, () => tanLoi.UpdateWorkingGroupAsync("643", Group(true, true), Cancel));
        await FailsAsync(ApiFailure.Forbidden, () => bmt.UpdateWorkingGroupAsync("24305", Group(true, true), Cancel));
        await FailsAsync(ApiFailure.Forbidden, () => leader.UpdateWorkingGroupAsync("66", Group(true, true), Cancel));
        await FailsAsync(ApiFailure.NotFound, () => bmt.UpdateWorkingGroupAsync("99999", Group(true, true), Cancel));

        await FailsAsync(ApiFailure.NotFound, () => bmt.GetWorkingGroupCoverageAsync("644", Cancel));
    }
}
