using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// Dossiers received in 2023, known by construction: Tân Lợi (24136) about ten a month with 40 in September; Tân Lập
/// (24118) a spike too but only five months with dossiers (a baseline of four is too short to judge); An Lạc (24305, in
/// Buôn Hồ) twelve steady months with 30 in March.
/// </summary>
public sealed class OutlierDataFixture : StatisticsFixture
{
    public static readonly int[] TanLoi = [10, 12, 11, 9, 10, 13, 11, 10, 40, 12, 11, 10];
    public static readonly int[] TanLap = [8, 9, 0, 0, 0, 0, 0, 10, 30, 9, 0, 0];
    public static readonly int[] AnLac = [5, 6, 30, 5, 6, 5, 6, 5, 6, 5, 6, 4];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportProceduresAsync("O.1,Đăng ký khai sinh,xa,Hộ tịch,toan_trinh,2023-01-01,,0");
        var import = await ImportDossiersAsync("province.officer", DossierSources.Igate,
            [.. Lines("24136", TanLoi), .. Lines("24118", TanLap), .. Lines("24305", AnLac)]);
        Assert.Equal((ImportStatuses.Completed, 0L), (import.Status, import.Rejected));
    }

    private static IEnumerable<string> Lines(string unit, int[] perMonth) =>
        perMonth.SelectMany((count, m) => Enumerable.Range(1, count).Select(i =>
            $"O-{unit}-{m + 1}-{i},O.1,{unit},truc_tiep,2023-{m + 1:00}-{1 + i % 28:00},2023-{m + 1:00}-28,,dang_xu_ly,0,0,0,0,0,0"));
}

public sealed class OutlierTests(OutlierDataFixture fixture) : IClassFixture<OutlierDataFixture>
{
    private static readonly DateOnly January = new(2023, 1, 1);
    private static readonly DateOnly December31 = new(2023, 12, 31);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<OutliersResponse> OutliersAsync(string username, string? unit, DateOnly from, DateOnly to) =>
        await (await fixture.ClientForAsync(username)).GetOutliersAsync(new PeriodQuery(unit, from, to), Cancel);

    [Fact]
    public async Task The_spike_month_is_the_only_outlier_of_a_unit_measured_against_its_other_months()
    {
        var result = await OutliersAsync("bmt.officer", "643", January, December31);

        var spike = Assert.Single(result.Outliers);
        Assert.Equal(("24136", "Phường Tân Lợi", new DateOnly(2023, 9, 1), 40L), (spike.UnitCode, spike.UnitName, spike.Month, spike.Received));
        // The other eleven months: mean 119/11, sample standard deviation √(13.636…/10).
        Assert.Equal((10.82m, 1.17m, 24.99m), (spike.Mean, spike.StdDev, spike.Z));
    }

    [Fact]
    public async Task The_province_sees_every_units_outliers_highest_first_and_a_unit_with_too_few_months_is_not_judged()
    {
        var result = await OutliersAsync("province.leader", null, January, December31);

        Assert.Equal([("24305", 3), ("24136", 9)], result.Outliers.Select(o => (o.UnitCode, o.Month.Month)).ToArray());
        Assert.DoesNotContain(result.Outliers, o => o.UnitCode == "24118"); // 30 against four months of about nine
    }

    [Fact]
    public async Task Fewer_than_six_other_months_in_the_window_give_no_outlier()
    {
        var julyToDecember = await OutliersAsync("province.leader", "24136", new DateOnly(2023, 7, 1), December31);
        Assert.Empty(julyToDecember.Outliers); // September against five months

        var juneToDecember = await OutliersAsync("province.leader", "24136", new DateOnly(2023, 6, 1), December31);
        Assert.Equal([new DateOnly(2023, 9, 1)], juneToDecember.Outliers.Select(o => o.Month));
    }

    [Fact]
    public async Task A_commune_sees_its_own_outliers_and_another_units_are_not_found()
    {
        var own = await OutliersAsync("tanloi.officer", null, January, December31);
        Assert.Equal(["24136"], own.Outliers.Select(o => o.UnitCode));

        var other = await Assert.ThrowsAsync<ServiceApiException>(() => OutliersAsync("tanlap.officer", "24136", January, December31));
        Assert.Equal(ApiFailure.NotFound, other.Failure);
        var otherDistrict = await Assert.ThrowsAsync<ServiceApiException>(() => OutliersAsync("bmt.officer", "644", January, December31));
        Assert.Equal(ApiFailure.NotFound, otherDistrict.Failure);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_a_bad_request_naming_to()
    {
        var refused = await Assert.ThrowsAsync<ServiceApiException>(() => OutliersAsync("province.leader", null, December31, January));
        Assert.Equal(ApiFailure.Invalid, refused.Failure);
        Assert.Equal(["to"], refused.FieldErrors.Keys);
    }
}
