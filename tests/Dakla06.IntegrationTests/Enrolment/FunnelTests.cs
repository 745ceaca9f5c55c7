using Dakla06.Contracts.AdminUnits;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.IntegrationTests.Support;
using static Dakla06.IntegrationTests.Enrolment.EnrolmentFixture;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>
/// A data set whose funnel is known by construction, imported once for the class (Tân Lợi 24136 and Tân Lập 24118, both
/// in Buôn Ma Thuột 643). P1 applies on 10/03 (new card, level-2 e-ID with it) and again on 02/04 (exchange): one person,
/// two applications. P2 (Tân Lập) applies on 31/03, P3 on 15/04. A1's card arrives on 20/03 and is handed over on 31/03;
/// A3's arrives on 10/04. Accounts: P1 level 2 with the card, activated 31/03; P2 level 2 for a card holder (not
/// activated); P3 level 1.
/// </summary>
public sealed class FunnelDataFixture : EnrolmentFixture
{
    public static readonly string P1 = IdNumber(101);
    public static readonly string P2 = IdNumber(102);
    public static readonly string P3 = IdNumber(103, 1985, Dakla06.People.Gender.Female);

    public static readonly string[] Applications =
    [
        Application("A1", P1, "24136", "2025-03-10", "cap_moi", withEid2: true),
        Application("A2", P1, "24136", "2025-04-02", "doi"),
        Application("A3", P2, "24118", "31/03/2025", "cap_moi"),
        Application("A4", P3, "24136", "2025-04-15", "cap_lai", birthDate: "1985-02-03", gender: "Nữ"),
    ];

    public EnrolmentImportDto FirstImport { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        FirstImport = await ImportAsync("province.enrolment", EnrolmentImportKinds.Applications, Applications);
        await ImportAsync("province.enrolment", EnrolmentImportKinds.Cards,
            CardEvent("A1", "nhan_tu_c06", "2025-03-20"), CardEvent("A1", "tra_cong_dan", "2025-03-31"), CardEvent("A3", "nhan_tu_c06", "2025-04-10"));
        await ImportAsync("province.enrolment", EnrolmentImportKinds.Eid,
            EidAccount(P1, "24136", 2, "kem_cccd", "2025-03-10", "2025-03-31"),
            EidAccount(P2, "24118", 2, "da_co_cccd", "2025-04-01"),
            EidAccount(P3, "24136", 1, "da_co_cccd", "2025-04-01"));
    }
}

public sealed class FunnelTests(FunnelDataFixture fixture) : IClassFixture<FunnelDataFixture>
{
    private async Task<FunnelResponse> FunnelAsync(string unit, string asOf, string? by = null, string user = "province.leader")
    {
        var client = await fixture.ClientForAsync(user);
        return await client.GetFunnelAsync(new FunnelQuery(unit, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), by),
            TestContext.Current.CancellationToken);
    }

    private static long Value(IReadOnlyList<IndicatorDto> indicators, string code) => indicators.Single(i => i.Code == code).Numerator;

    [Fact]
    public void The_first_import_stored_every_line()
    {
        Assert.Equal(ImportStatuses.Completed, fixture.FirstImport.Status);
        Assert.Equal((4, 0, 0, 0), (fixture.FirstImport.Inserted, fixture.FirstImport.Updated, fixture.FirstImport.Unchanged, fixture.FirstImport.Rejected));
    }

    [Fact]
    public async Task Events_on_the_asOf_day_count_and_those_after_it_do_not()
    {
        var onDay = (await FunnelAsync("643", "2025-03-31")).Indicators;
        Assert.Equal(2, Value(onDay, FunnelCodes.Applications)); // A1, and A3 received on asOf
        Assert.Equal(1, Value(onDay, FunnelCodes.ApplicationsWithEid2));
        Assert.Equal(1, Value(onDay, FunnelCodes.CardsReceived));
        Assert.Equal(1, Value(onDay, FunnelCodes.CardsHandedOver)); // handed over on asOf
        Assert.Equal(1, Value(onDay, FunnelCodes.AwaitingCard));
        Assert.Equal(0, Value(onDay, FunnelCodes.AwaitingHandover));
        Assert.Equal(1, Value(onDay, FunnelCodes.EidLevel2));
        Assert.Equal(1, Value(onDay, FunnelCodes.EidActivated)); // activated on asOf
        Assert.Equal(2, Value(onDay, FunnelCodes.PersonsWithApplication));

        var dayBefore = (await FunnelAsync("643", "2025-03-30")).Indicators;
        Assert.Equal(1, Value(dayBefore, FunnelCodes.Applications));
        Assert.Equal(0, Value(dayBefore, FunnelCodes.CardsHandedOver));
        Assert.Equal(1, Value(dayBefore, FunnelCodes.AwaitingHandover));
        Assert.Equal(0, Value(dayBefore, FunnelCodes.EidActivated));
        Assert.Equal(1, Value(dayBefore, FunnelCodes.PersonsWithApplication));
    }

    [Fact]
    public async Task A_person_with_two_applications_is_one_person()
    {
        var funnel = (await FunnelAsync("24136", "2025-04-30")).Indicators;
        Assert.Equal(3, Value(funnel, FunnelCodes.Applications)); // A1, A2 (P1) and A4 (P3)
        Assert.Equal(2, Value(funnel, FunnelCodes.PersonsWithApplication));
    }

    [Fact]
    public async Task The_province_funnel_sums_every_level_and_splits_level_two_by_channel()
    {
        var funnel = (await FunnelAsync("66", "2025-04-30")).Indicators;
        Assert.Equal(4, Value(funnel, FunnelCodes.Applications));
        Assert.Equal(3, Value(funnel, FunnelCodes.PersonsWithApplication));
        Assert.Equal(2, Value(funnel, FunnelCodes.CardsReceived));
        Assert.Equal(1, Value(funnel, FunnelCodes.CardsHandedOver));
        Assert.Equal(2, Value(funnel, FunnelCodes.AwaitingCard));
        Assert.Equal(1, Value(funnel, FunnelCodes.AwaitingHandover));
        Assert.Equal(1, Value(funnel, FunnelCodes.EidLevel1));
        Assert.Equal(2, Value(funnel, FunnelCodes.EidLevel2));
        Assert.Equal(1, Value(funnel, FunnelCodes.EidLevel2WithCard));
        Assert.Equal(1, Value(funnel, FunnelCodes.EidLevel2HasCard));
        Assert.Equal(1, Value(funnel, FunnelCodes.EidLevel2Activated));
        Assert.Equal(50.00m, funnel.Single(i => i.Code == FunnelCodes.EidLevel2ActivatedShare).Value);
        Assert.Equal(FunnelCodes.All, funnel.Select(i => i.Code));
    }

    [Fact]
    public async Task Without_population_counts_the_coverage_is_not_a_number()
    {
        var funnel = await FunnelAsync("66", "2025-04-30");
        Assert.Equal(0, Value(funnel.Indicators, FunnelCodes.Population14Plus));
        Assert.Null(funnel.Indicators.Single(i => i.Code == FunnelCodes.CoverageShare).Value);
        Assert.Null(funnel.PopulationAsOf);
    }

    [Fact]
    public async Task By_child_lists_every_child_with_zeros_for_those_without_data()
    {
        var funnel = await FunnelAsync("643", "2025-04-30", FunnelBreakdowns.Child);
        Assert.Equal(AdminUnitDirectory.Default.ChildrenOf("643").Select(u => u.Code), funnel.Groups.Select(g => g.Key));
        Assert.Equal(3, Value(funnel.Groups.Single(g => g.Key == "24136").Indicators, FunnelCodes.Applications));
        Assert.Equal(1, Value(funnel.Groups.Single(g => g.Key == "24118").Indicators, FunnelCodes.PersonsWithApplication));
        Assert.All(funnel.Groups.Where(g => g.Key is not ("24136" or "24118")), g => Assert.Equal(0, Value(g.Indicators, FunnelCodes.Applications)));
    }

    [Fact]
    public async Task By_month_each_month_is_as_of_its_last_day()
    {
        var funnel = await FunnelAsync("643", "2025-04-30", FunnelBreakdowns.Month);
        Assert.Equal(["2025-03", "2025-04"], funnel.Groups.Select(g => g.Key));
        Assert.Equal(2, Value(funnel.Groups[0].Indicators, FunnelCodes.Applications));
        Assert.Equal(4, Value(funnel.Groups[1].Indicators, FunnelCodes.Applications));
        Assert.Equal(3, Value(funnel.Groups[1].Indicators, FunnelCodes.PersonsWithApplication));
    }

    [Fact]
    public async Task Stage_times_are_the_median_and_ninetieth_percentile_in_days()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        var times = await client.GetStageTimesAsync(new StageTimesQuery("643"), TestContext.Current.CancellationToken);
        var toCard = times.Unit.Stages.Single(s => s.Stage == EnrolmentStages.ApplicationToCard);
        Assert.Equal((2L, 10, 10), (toCard.Count, toCard.MedianDays, toCard.P90Days)); // A1 3/10 → 3/20, A3 3/31 → 4/10
        var toHandover = times.Unit.Stages.Single(s => s.Stage == EnrolmentStages.CardToHandover);
        Assert.Equal((1L, 11, 11), (toHandover.Count, toHandover.MedianDays, toHandover.P90Days));
        Assert.Equal(AdminUnitDirectory.Default.ChildrenOf("643").Count, times.Children.Count);
        Assert.All(times.Children.Where(c => c.UnitCode is not ("24136" or "24118")), c => Assert.All(c.Stages, s => Assert.Equal(0, s.Count)));
        Assert.Equal(1, times.Children.Single(c => c.UnitCode == "24118").Stages[0].Count);
    }

    [Fact]
    public async Task A_unit_outside_the_callers_scope_is_not_found_and_a_bad_query_names_its_field()
    {
        var tanLap = await fixture.ClientForAsync("tanlap.officer");
        var cancel = TestContext.Current.CancellationToken;
        await ApiAssert.FailsAsync(ApiFailure.NotFound, () => tanLap.GetFunnelAsync(new FunnelQuery("24136", null), cancel));
        await ApiAssert.FailsAsync(ApiFailure.NotFound, () => tanLap.GetStageTimesAsync(new StageTimesQuery("643"), cancel));
        var invalid = await ApiAssert.FailsAsync(ApiFailure.Invalid, () => tanLap.GetFunnelAsync(new FunnelQuery("99999", null, "week"), cancel));
        Assert.Equal(["by", "unit"], ApiAssert.Fields(invalid));
        Assert.Equal(1, Value((await tanLap.GetFunnelAsync(new FunnelQuery(null, new DateOnly(2025, 4, 30)), cancel)).Indicators, FunnelCodes.Applications));
    }
}
