using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// A small data set whose indicators are known by construction, imported once for the class. Period: March 2025.
/// D01 received on `from`, resolved on its due date (on time); D02 received on `to`; D03 received in February, finished
/// after `to` while due before it (overdue in progress); D04 resolved late; D05 received at the district itself, due on
/// `to` (not overdue); D06 open since January (overdue); D07 refused (finished, not resolved); D08 in another district;
/// D09 received in February, resolved late in March. D10 and D11 (Buôn Hồ) are of a procedure that went from level 3 to
/// full online service on 15/03: D10 counts at level 3, D11 at the new level.
/// </summary>
public sealed class IndicatorDataFixture : StatisticsFixture
{
    public static readonly string[] Dossiers =
    [
        "D01,1.001,24136,truc_tuyen,2025-03-01,2025-03-05,2025-03-05,da_giai_quyet,1,1,1,1,1,50000",
        "D02,1.001,24136,truc_tiep,31/03/2025,2025-04-10,,dang_xu_ly,0,0,1,0,0,0",
        "D03,1.001,24118,truc_tuyen,2025-02-20,2025-03-10,2025-04-02,da_giai_quyet,1,1,1,1,0,30000",
        "D04,1.002,24118,buu_chinh,2025-03-10,2025-03-20,2025-03-25,da_giai_quyet,0,1,0,0,0,0",
        "D05,1.002,643,truc_tuyen,2025-03-15,2025-03-31,,dang_xu_ly,1,0,1,1,0,20000",
        "D06,1.001,24136,truc_tiep,2025-01-05,2025-01-20,,dang_xu_ly,0,0,0,0,0,0",
        "D07,1.001,24136,truc_tuyen,2025-03-03,2025-03-04,2025-03-03,tu_choi,0,0,0,0,0,0",
        "D08,1.001,24305,truc_tuyen,2025-03-05,2025-03-06,2025-03-06,da_giai_quyet,1,1,0,0,0,0",
        "D09,1.001,24136,truc_tuyen,2025-02-01,2025-02-10,2025-03-02,da_giai_quyet,1,0,0,0,0,0",
        "D10,1.003,24305,truc_tiep,2025-03-10,2025-03-20,,dang_xu_ly,0,0,0,0,0,0",
        "D11,1.003,24305,truc_tuyen,2025-03-20,2025-03-30,,dang_xu_ly,0,0,0,0,0,0",
    ];

    public ImportDto FirstImport { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportProceduresAsync(
            "1.001,Đăng ký khai sinh,xa,Hộ tịch,toan_trinh,2023-01-01,12,1",
            "1.002,Cấp giấy phép xây dựng,huyen,Xây dựng,mot_phan,2023-01-01,,0",
            "1.003,Đăng ký thường trú,xa,Cư trú,3,2022-01-01,3,0",
            "1.003,Đăng ký thường trú,xa,Cư trú,toan_trinh,2025-03-15,3,0",
            "1.004,Chứng thực bản sao,xa,Chứng thực,khong,2022-01-01,,1");
        FirstImport = await ImportDossiersAsync("province.officer", DossierSources.Igate, Dossiers);
    }
}

public sealed class IndicatorTests(IndicatorDataFixture fixture) : IClassFixture<IndicatorDataFixture>
{
    private static readonly DateOnly March1 = new(2025, 3, 1);
    private static readonly DateOnly March31 = new(2025, 3, 31);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<IndicatorsResponse> IndicatorsAsync(string username, string? unit, DateOnly from, DateOnly to, string? by = null)
    {
        var client = await fixture.ClientForAsync(username);
        return await client.GetIndicatorsAsync(new IndicatorQuery(unit, from, to, by), Cancel);
    }

    private static Dictionary<string, IndicatorDto> ByCode(IEnumerable<IndicatorDto> indicators) => indicators.ToDictionary(i => i.Code);

    [Fact]
    public void The_data_set_was_stored_in_full()
    {
        Assert.Equal(ImportStatuses.Completed, fixture.FirstImport.Status);
        Assert.Equal((11L, 0L, 0L, 0L), (fixture.FirstImport.Inserted, fixture.FirstImport.Updated, fixture.FirstImport.Unchanged, fixture.FirstImport.Rejected));
        Assert.Equal(100, fixture.FirstImport.ProgressPercent);
    }

    [Fact]
    public async Task Every_indicator_of_a_district_follows_its_definition_at_the_boundaries()
    {
        var result = await IndicatorsAsync("bmt.officer", "643", March1, March31);
        var i = ByCode(result.Indicators);

        Assert.Equal(
            ["received", "received_online", "online_share", "resolved", "resolved_on_time", "on_time_share", "overdue_in_progress", "fee_dossiers",
             "paid_online", "paid_online_share", "payments_succeeded_amount", "payments_failed_amount", "payment_transactions", "digitised_share",
             "results_digitised_share"],
            result.Indicators.Select(x => x.Code));
        Assert.Equal(5, i["received"].Numerator); // D01 on `from`, D02 on `to`, D04, D05, D07
        Assert.Null(i["received"].Denominator);
        Assert.Equal(3, i["received_online"].Numerator);
        Assert.Equal((3L, 5L, 60.00m), (i["online_share"].Numerator, i["online_share"].Denominator!.Value, i["online_share"].Value!.Value));
        Assert.Equal(3, i["resolved"].Numerator); // D01, D04, D09 (D07 refused, D03 after `to`)
        Assert.Equal(1, i["resolved_on_time"].Numerator); // D01, resolved on its due date
        Assert.Equal(33.33m, i["on_time_share"].Value);
        Assert.Equal(2, i["overdue_in_progress"].Numerator); // D03 finished after `to`, D06 open; D05 due on `to` is not overdue
        Assert.Equal(3, i["fee_dossiers"].Numerator);
        Assert.Equal(2, i["paid_online"].Numerator);
        Assert.Equal(66.67m, i["paid_online_share"].Value);
        Assert.Equal((50_000L, "đồng"), (i["payments_succeeded_amount"].Numerator, i["payments_succeeded_amount"].Unit));
        Assert.Equal(20_000, i["payments_failed_amount"].Numerator);
        Assert.Equal(2, i["payment_transactions"].Numerator);
        Assert.Equal((2L, 5L, 40.00m), (i["digitised_share"].Numerator, i["digitised_share"].Denominator!.Value, i["digitised_share"].Value!.Value));
        Assert.Equal((2L, 3L, 66.67m), (i["results_digitised_share"].Numerator, i["results_digitised_share"].Denominator!.Value, i["results_digitised_share"].Value!.Value));
    }

    [Fact]
    public async Task The_province_counts_every_district_and_a_share_without_denominator_has_no_value()
    {
        var province = ByCode((await IndicatorsAsync("province.leader", null, March1, March31)).Indicators);
        Assert.Equal(8, province["received"].Numerator); // D08, D10 and D11 of Buôn Hồ too

        var empty = ByCode((await IndicatorsAsync("province.leader", null, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31))).Indicators);
        Assert.Equal(0, empty["resolved"].Numerator);
        Assert.Null(empty["on_time_share"].Value);
    }

    [Fact]
    public async Task By_child_lists_every_child_with_zeros_and_the_districts_own_dossiers_first()
    {
        var result = await IndicatorsAsync("bmt.officer", "643", March1, March31, IndicatorBreakdowns.Child);

        Assert.Equal("643", result.Groups[0].Key); // D05, received at the district itself
        var children = result.Groups.Skip(1).ToList();
        Assert.Equal(Dakla06.Contracts.AdminUnits.AdminUnitDirectory.Default.ChildrenOf("643").Select(u => u.Code), children.Select(g => g.Key));
        var groups = result.Groups.ToDictionary(g => g.Key, g => ByCode(g.Indicators));
        Assert.Equal((3L, 2L, 1L), (groups["24136"]["received"].Numerator, groups["24136"]["resolved"].Numerator, groups["24136"]["overdue_in_progress"].Numerator));
        Assert.Equal((1L, 1L, 1L), (groups["24118"]["received"].Numerator, groups["24118"]["resolved"].Numerator, groups["24118"]["overdue_in_progress"].Numerator));
        Assert.Equal((1L, 0L), (groups["643"]["received"].Numerator, groups["643"]["overdue_in_progress"].Numerator));
        Assert.All(children.Where(g => g.Key is not "24136" and not "24118"), g => Assert.All(g.Indicators, x => Assert.Equal(0, x.Numerator)));
        Assert.Equal(result.Indicators.Single(x => x.Code == "received").Numerator, groups.Values.Sum(g => g["received"].Numerator));
    }

    [Fact]
    public async Task By_month_takes_each_months_stock_at_its_end_and_by_service_names_the_procedures()
    {
        var months = await IndicatorsAsync("bmt.officer", "643", new DateOnly(2025, 2, 1), March31, IndicatorBreakdowns.Month);
        Assert.Equal(["2025-02", "2025-03"], months.Groups.Select(g => g.Key));
        var february = ByCode(months.Groups[0].Indicators);
        Assert.Equal(2, february["received"].Numerator); // D03, D09
        Assert.Equal(2, february["overdue_in_progress"].Numerator); // at 28/02: D06 and D09 (finished 02/03)
        Assert.Equal(5, ByCode(months.Groups[1].Indicators)["received"].Numerator);

        var services = await IndicatorsAsync("bmt.officer", "643", March1, March31, IndicatorBreakdowns.Service);
        Assert.Equal([("1.001", "Đăng ký khai sinh", 3L), ("1.002", "Cấp giấy phép xây dựng", 2L)],
            services.Groups.Select(g => (g.Key, g.Name, ByCode(g.Indicators)["received"].Numerator)));
    }

    /// <summary>
    /// The totals come from the unit × month and unit × day tables, the by-service groups from the unit × procedure × day
    /// counts: for whole months, parts of months, single days and periods across months they must add up to the same.
    /// </summary>
    [Theory]
    [InlineData("2025-03-01", "2025-03-31")]
    [InlineData("2025-03-02", "2025-03-30")]
    [InlineData("2025-02-15", "2025-03-20")]
    [InlineData("2025-03-05", "2025-03-05")]
    [InlineData("2025-03-31", "2025-04-02")]
    [InlineData("2025-02-01", "2025-04-15")]
    [InlineData("2025-01-01", "2025-12-31")]
    public async Task The_totals_from_the_unit_tables_equal_the_sum_of_the_procedures_for_any_period(string from, string to)
    {
        var (start, end) = (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (username, unit) in new[] { ("province.leader", (string?)null), ("bmt.officer", "643"), ("tanloi.officer", null) })
        {
            var totals = await IndicatorsAsync(username, unit, start, end);
            var services = await IndicatorsAsync(username, unit, start, end, IndicatorBreakdowns.Service);
            var summed = services.Groups.SelectMany(g => g.Indicators).Where(i => i.Denominator is null)
                .GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.Sum(i => i.Numerator));
            Assert.All(totals.Indicators.Where(i => i.Denominator is null),
                i => Assert.True(summed.GetValueOrDefault(i.Code) == i.Numerator, $"{username} {from}..{to} {i.Code}: total {i.Numerator}, by service {summed.GetValueOrDefault(i.Code)}"));
        }

        // Every period above receives at least one dossier of the data set, so the comparison compares something.
        Assert.True(ByCode((await IndicatorsAsync("province.leader", null, start, end)).Indicators)["received"].Numerator > 0);
    }

    [Fact]
    public async Task A_unit_outside_the_callers_scope_is_not_found_and_a_commune_sees_its_own()
    {
        var notFound = await Assert.ThrowsAsync<ServiceApiException>(() => IndicatorsAsync("bmt.officer", "644", March1, March31));
        Assert.Equal(ApiFailure.NotFound, notFound.Failure);

        var commune = ByCode((await IndicatorsAsync("tanloi.officer", null, March1, March31)).Indicators);
        Assert.Equal(3, commune["received"].Numerator);
    }

    [Fact]
    public async Task Bad_query_values_are_named()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        var invalid = await Assert.ThrowsAsync<ServiceApiException>(() =>
            client.GetIndicatorsAsync(new IndicatorQuery("99999", March31, March1, "week"), Cancel));
        Assert.Equal(["by", "to", "unit"], invalid.FieldErrors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_level_summary_counts_a_dossier_at_its_procedures_level_on_the_day_it_was_received()
    {
        // 1.003 was at level 3 until 14/03, so March offers it at level 3 and at full online service: each level's
        // procedures with dossiers are a part of the procedures it offered (never above 100%).
        var client = await fixture.ClientForAsync("province.leader");
        var summary = await client.GetProcedureSummaryAsync(new PeriodQuery(null, March1, March31), Cancel);

        Assert.Equal([("huyen", "mot_phan", 1), ("xa", "khong", 1), ("xa", "toan_trinh", 2)],
            summary.Catalogue.Select(c => (c.AdministrativeLevel, c.OnlineLevel, c.Procedures)));
        Assert.Equal(
            [("3", 1, 1, (decimal?)100m, 0, (decimal?)0m), ("toan_trinh", 2, 2, 100m, 2, 100m), ("mot_phan", 1, 1, 100m, 1, 100m), ("khong", 1, 0, 0m, 0, null)],
            summary.Levels.Select(l => (l.OnlineLevel, l.Procedures, l.WithDossiers, l.WithDossiersShare, l.WithOnlineDossiers, l.WithOnlineDossiersShare)));

        // Buôn Hồ alone: D10 at level 3 without an online dossier; D08 and D11 online at full online service.
        var buonHo = await client.GetProcedureSummaryAsync(new PeriodQuery("644", March1, March31), Cancel);
        var levels = buonHo.Levels.ToDictionary(l => l.OnlineLevel);
        Assert.Equal((1, 0), (levels["3"].WithDossiers, levels["3"].WithOnlineDossiers));
        Assert.Equal((2, 2, (decimal?)100m), (levels["toan_trinh"].WithDossiers, levels["toan_trinh"].WithOnlineDossiers, levels["toan_trinh"].WithDossiersShare));
    }

    [Fact]
    public async Task The_essential_services_list_all_25_with_the_dossiers_of_the_procedures_carrying_their_number()
    {
        var client = await fixture.ClientForAsync("province.leader");
        var services = (await client.GetEssentialServicesAsync(new PeriodQuery(null, March1, March31), Cancel)).Services;

        Assert.Equal(Enumerable.Range(1, 25), services.Select(s => s.Number));
        var byNumber = services.ToDictionary(s => s.Number);
        Assert.Equal(("Đăng ký khai sinh", 4L, 1, "hồ sơ"), (byNumber[12].Name, byNumber[12].Count, byNumber[12].Procedures, byNumber[12].CountUnit)); // D01, D02, D07, D08
        Assert.Equal(2, byNumber[3].Count); // D10, D11
        Assert.Equal(6, services.Sum(s => s.Count));

        var bmt = (await (await fixture.ClientForAsync("bmt.officer")).GetEssentialServicesAsync(new PeriodQuery(null, March1, March31), Cancel)).Services;
        Assert.Equal((3L, 0L), (bmt.Single(s => s.Number == 12).Count, bmt.Single(s => s.Number == 3).Count));
    }
}
