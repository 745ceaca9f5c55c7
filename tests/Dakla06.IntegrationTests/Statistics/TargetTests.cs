using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// Targets: set (upserted by indicator × unit-or-level × period), listed for a unit's subtree in scope, deleted; who may set
/// which; and the indicators answer carrying the target that applies with whether the value meets it. Data: in March 2025
/// Tân Lợi (24136) resolved four dossiers, three on time (75%); Tân Lập (24118) two, both on time (100%).
/// </summary>
public sealed class TargetTests(TargetTests.Data fixture) : IClassFixture<TargetTests.Data>
{
    private static readonly DateOnly Jan1 = new(2025, 1, 1);
    private static readonly DateOnly Dec31 = new(2025, 12, 31);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public sealed class Data : StatisticsFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await ImportProceduresAsync("1.001,Đăng ký khai sinh,xa,Hộ tịch,toan_trinh,2023-01-01,12,1");
            await ImportDossiersAsync("province.officer", DossierSources.Igate,
                "T01,1.001,24136,truc_tuyen,2025-03-01,2025-03-05,2025-03-05,da_giai_quyet,1,1,0,0,0,0",
                "T02,1.001,24136,truc_tuyen,2025-03-02,2025-03-05,2025-03-04,da_giai_quyet,1,1,0,0,0,0",
                "T03,1.001,24136,truc_tiep,2025-03-03,2025-03-10,2025-03-08,da_giai_quyet,1,1,0,0,0,0",
                "T04,1.001,24136,truc_tiep,2025-03-04,2025-03-06,2025-03-20,da_giai_quyet,1,1,0,0,0,0",
                "T05,1.001,24118,truc_tuyen,2025-03-05,2025-03-10,2025-03-09,da_giai_quyet,1,1,0,0,0,0",
                "T06,1.001,24118,truc_tuyen,2025-03-06,2025-03-10,2025-03-10,da_giai_quyet,1,1,0,0,0,0");
        }
    }

    private static SetTargetRequest Target(
        string indicator = "on_time_share", string? unit = null, string? level = null, DateOnly? from = null, DateOnly? to = null,
        decimal? threshold = 90m, string? direction = TargetDirections.AtLeast, string? document = "1166/QĐ-UBND") =>
        new(indicator, unit, level, from ?? Jan1, to ?? Dec31, threshold, direction, document);

    [Fact]
    public async Task A_target_is_upserted_by_its_key_listed_in_scope_and_deleted()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var first = await bmt.SetTargetAsync(Target("received", unit: "24136", threshold: 100m, document: "15/KH-UBND"), Cancel);
        Assert.Equal(("received", "24136", "Phường Tân Lợi", (string?)null, 100m, "643", "bmt.officer"),
            (first.Indicator, first.UnitCode, first.UnitName, first.Level, first.Threshold, first.SetByUnitCode, first.UpdatedBy));
        Assert.Equal("Hồ sơ tiếp nhận", first.IndicatorName);

        // The same key again: the same target, changed.
        var second = await bmt.SetTargetAsync(Target("received", unit: "24136", threshold: 120m, direction: TargetDirections.AtMost, document: "16/KH-UBND"), Cancel);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal((120m, TargetDirections.AtMost, "16/KH-UBND"), (second.Threshold, second.Direction, second.Document));

        // Another period is another target.
        var later = await bmt.SetTargetAsync(Target("received", unit: "24136", from: new DateOnly(2026, 1, 1), to: new DateOnly(2026, 12, 31)), Cancel);
        Assert.NotEqual(first.Id, later.Id);

        // Tân Lợi and its district see both; Tân Lập (same district, another commune) and Buôn Hồ do not.
        foreach (var (user, visible) in new[] { ("tanloi.officer", true), ("bmt.officer", true), ("province.leader", true), ("tanlap.officer", false), ("buonho.officer", false) })
        {
            var client = await fixture.ClientForAsync(user);
            var listed = await client.ListTargetsAsync(new TargetQuery(Indicator: "received"), 1, 50, Cancel);
            Assert.Equal(visible, listed.Items.Any(t => t.Id == first.Id));
        }

        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var outside = await FailsAsync(ApiFailure.NotFound, () => tanloi.ListTargetsAsync(new TargetQuery("24118"), 1, 20, Cancel));
        Assert.Equal(404, outside.Status);

        // The commune's own officer may not delete what its district set, another commune's does not see it; the district may.
        await FailsAsync(ApiFailure.Forbidden, () => tanloi.DeleteTargetAsync(first.Id, Cancel));
        var neighbours = await bmt.SetTargetAsync(Target("received", unit: "24118", threshold: 100m), Cancel);
        await FailsAsync(ApiFailure.NotFound, () => tanloi.DeleteTargetAsync(neighbours.Id, Cancel));
        Assert.Equal(first.Id, (await bmt.DeleteTargetAsync(first.Id, Cancel)).Id);
        Assert.DoesNotContain((await bmt.ListTargetsAsync(new TargetQuery(Indicator: "received"), 1, 50, Cancel)).Items, t => t.Id == first.Id);
        await FailsAsync(ApiFailure.NotFound, () => bmt.DeleteTargetAsync(first.Id, Cancel));
    }

    [Fact]
    public async Task Level_targets_are_the_provinces_and_unit_targets_are_set_from_above()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var buonHo = await fixture.ClientForAsync("buonho.officer");

        var level = await province.SetTargetAsync(Target("digitised_share", level: TargetLevels.District, threshold: 50m), Cancel);
        Assert.Equal((TargetLevels.District, (string?)null, "66"), (level.Level, level.UnitCode, level.SetByUnitCode));
        // A level-wide target applies to the units of that level: listed for a district and the province, not for a commune.
        Assert.Contains((await bmt.ListTargetsAsync(new TargetQuery(Indicator: "digitised_share"), 1, 50, Cancel)).Items, t => t.Id == level.Id);
        Assert.DoesNotContain((await tanloi.ListTargetsAsync(new TargetQuery(Indicator: "digitised_share"), 1, 50, Cancel)).Items, t => t.Id == level.Id);

        await FailsAsync(ApiFailure.Forbidden, () => bmt.SetTargetAsync(Target(level: TargetLevels.Commune), Cancel));
        await FailsAsync(ApiFailure.Forbidden, () => bmt.SetTargetAsync(Target(unit: "643"), Cancel)); // its own unit
        await FailsAsync(ApiFailure.Forbidden, () => bmt.SetTargetAsync(Target(unit: "24305"), Cancel)); // another district's commune
        await FailsAsync(ApiFailure.Forbidden, () => tanloi.SetTargetAsync(Target(unit: "24136"), Cancel));
        await FailsAsync(ApiFailure.Forbidden, () => buonHo.SetTargetAsync(Target(unit: "24305"), Cancel)); // not a statistics officer
        await FailsAsync(ApiFailure.Forbidden, () => bmt.DeleteTargetAsync(level.Id, Cancel));
        Assert.Equal("643", (await province.SetTargetAsync(Target(unit: "643", threshold: 80m), Cancel)).UnitCode);
    }

    [Theory]
    [InlineData("unknown_indicator", "24136", null, 90, "atLeast", "1166/QĐ-UBND", "indicator")]
    [InlineData("on_time_share", "24136", "commune", 90, "atLeast", "1166/QĐ-UBND", "unitCode")]
    [InlineData("on_time_share", null, null, 90, "atLeast", "1166/QĐ-UBND", "unitCode")]
    [InlineData("on_time_share", "99999", null, 90, "atLeast", "1166/QĐ-UBND", "unitCode")]
    [InlineData("on_time_share", null, "village", 90, "atLeast", "1166/QĐ-UBND", "level")]
    [InlineData("on_time_share", "24136", null, 100.5, "atLeast", "1166/QĐ-UBND", "threshold")]
    [InlineData("received", "24136", null, -1, "atLeast", "1166/QĐ-UBND", "threshold")]
    [InlineData("on_time_share", "24136", null, 90, "above", "1166/QĐ-UBND", "direction")]
    [InlineData("on_time_share", "24136", null, 90, "atLeast", " ", "document")]
    public async Task Bad_values_are_refused_naming_the_field(
        string indicator, string? unit, string? level, double threshold, string direction, string document, string field)
    {
        var bmt = await fixture.ClientForAsync("province.officer");
        var invalid = await FailsAsync(ApiFailure.Invalid,
            () => bmt.SetTargetAsync(Target(indicator, unit, level, threshold: (decimal)threshold, direction: direction, document: document), Cancel));
        Assert.Equal([field], Fields(invalid));
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_and_missing_dates_are_refused()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var backwards = await FailsAsync(ApiFailure.Invalid, () => province.SetTargetAsync(Target(unit: "24136", from: Dec31, to: Jan1), Cancel));
        Assert.Equal(["to"], Fields(backwards));
        var missing = await FailsAsync(ApiFailure.Invalid,
            () => province.SetTargetAsync(new SetTargetRequest("on_time_share", "24136", null, null, null, null, null, null), Cancel));
        Assert.Equal(["direction", "document", "from", "threshold", "to"], Fields(missing));
    }

    [Fact]
    public async Task Indicators_carry_the_applying_target_and_whether_it_is_met_the_units_own_before_the_level_wide_one()
    {
        var province = await fixture.ClientForAsync("province.officer");
        var bmt = await fixture.ClientForAsync("bmt.officer");
        await province.SetTargetAsync(Target("results_digitised_share", level: TargetLevels.Commune, threshold: 95m, document: "1166/QĐ-UBND"), Cancel);
        await bmt.SetTargetAsync(Target("results_digitised_share", unit: "24136", threshold: 60m, document: "20/KH-UBND"), Cancel);
        await province.SetTargetAsync(Target("resolved_on_time", unit: "24118", threshold: 1m, direction: TargetDirections.AtMost, document: "21/KH-UBND"), Cancel);

        var march = new IndicatorQuery("643", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), IndicatorBreakdowns.Child);
        var byChild = await bmt.GetIndicatorsAsync(march, Cancel);
        IndicatorDto Of(string unit, string code) => byChild.Groups.Single(g => g.Key == unit).Indicators.Single(i => i.Code == code);

        // Tân Lợi: 4 resolved, all results digitised (100%): its own target of 60% applies, not the level's 95%.
        Assert.Equal(new IndicatorTargetDto(60m, TargetDirections.AtLeast, "20/KH-UBND", true), Of("24136", "results_digitised_share").Target);
        // Tân Lập: the level-wide target; its 2 on-time resolutions exceed "at most 1".
        Assert.Equal(new IndicatorTargetDto(95m, TargetDirections.AtLeast, "1166/QĐ-UBND", true), Of("24118", "results_digitised_share").Target);
        Assert.Equal(new IndicatorTargetDto(1m, TargetDirections.AtMost, "21/KH-UBND", false), Of("24118", "resolved_on_time").Target);
        // A commune without a target of its own gets the level's; the district itself has none of these.
        Assert.Equal(95m, Of("24121", "results_digitised_share").Target?.Threshold);
        Assert.Null(byChild.Indicators.Single(i => i.Code == "results_digitised_share").Target);
        Assert.Null(Of("24136", "payment_transactions").Target);

        // Asked for the unit itself; and a period ending outside the target's has no target.
        var tanloi = await bmt.GetIndicatorsAsync(march with { Unit = "24136", By = null }, Cancel);
        Assert.True(tanloi.Indicators.Single(i => i.Code == "results_digitised_share").Target?.Met);
        var nextYear = await bmt.GetIndicatorsAsync(new IndicatorQuery("24136", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)), Cancel);
        Assert.All(nextYear.Indicators, i => Assert.Null(i.Target));
    }

    [Fact]
    public async Task Met_compares_the_value_with_the_threshold_in_its_direction()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        await bmt.SetTargetAsync(Target("on_time_share", unit: "24136", threshold: 75m, from: new DateOnly(2025, 3, 1), to: new DateOnly(2025, 3, 31)), Cancel);
        await bmt.SetTargetAsync(Target("on_time_share", unit: "24118", threshold: 99.99m, direction: TargetDirections.AtMost,
            from: new DateOnly(2025, 3, 1), to: new DateOnly(2025, 3, 31)), Cancel);
        var march = await bmt.GetIndicatorsAsync(new IndicatorQuery("643", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), IndicatorBreakdowns.Child), Cancel);
        var tanloi = march.Groups.Single(g => g.Key == "24136").Indicators.Single(i => i.Code == "on_time_share");
        var tanlap = march.Groups.Single(g => g.Key == "24118").Indicators.Single(i => i.Code == "on_time_share");
        Assert.Equal((75m, true), (tanloi.Value, tanloi.Target?.Met)); // exactly at the threshold meets "at least"
        Assert.Equal((100m, false), (tanlap.Value, tanlap.Target?.Met));
    }
}
