using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// Dossier imports as jobs: identity (source, dossier code), re-imports that change nothing, status updates that move
/// the counts, row errors with line numbers, required columns, and the importer's scope per row. Each test uses its
/// own dossier codes and its own days, so the class's shared database does not mix their counts.
/// </summary>
public sealed class DossierImportTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await fixture.ImportProceduresAsync("9.001,Đăng ký thường trú,xa,Cư trú,toan_trinh,2023-01-01,3,0");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Dictionary<string, long>> IndicatorsAsync(string unit, DateOnly from, DateOnly to)
    {
        var client = await fixture.ClientForAsync("province.officer");
        var result = await client.GetIndicatorsAsync(new IndicatorQuery(unit, from, to), Cancel);
        return result.Indicators.ToDictionary(i => i.Code, i => i.Numerator);
    }

    private static (long, long, long, long) Counts(ImportDto import) => (import.Inserted, import.Updated, import.Unchanged, import.Rejected);

    [Fact]
    public async Task The_same_file_twice_changes_nothing_and_a_later_status_moves_the_dossier_to_resolved()
    {
        string[] january =
        [
            "A-1,9.001,24136,truc_tuyen,2024-01-10,2024-01-20,,dang_xu_ly,1,0,0,0,0,0",
            "A-2,9.001,24136,truc_tiep,2024-01-11,2024-01-15,2024-01-14,da_giai_quyet,0,1,0,0,0,0",
            "A-3,9.001,24118,truc_tuyen,2024-01-12,2024-01-25,,dang_xu_ly,0,0,0,0,0,0",
            "A-4,9.001,24118,truc_tuyen,2024-01-13,2024-01-25,,dang_xu_ly,0,0,0,0,0,0",
        ];
        var first = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Igate, january);
        Assert.Equal((ImportStatuses.Completed, (4L, 0L, 0L, 0L)), (first.Status, Counts(first)));
        var before = await IndicatorsAsync("643", new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 29));

        var again = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Igate, january);
        Assert.Equal((0L, 0L, 4L, 0L), Counts(again));
        Assert.Equal(before, await IndicatorsAsync("643", new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 29)));

        // February's file resolves A-1 (received in January): January keeps it as received, February counts it resolved.
        var february = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Igate,
            "A-1,9.001,24136,truc_tuyen,2024-01-10,2024-01-20,2024-02-02,da_giai_quyet,1,1,0,0,0,0",
            "A-5,9.001,24136,truc_tuyen,2024-02-05,2024-02-09,2024-02-08,da_giai_quyet,1,1,0,0,0,0");
        Assert.Equal((1L, 1L, 0L, 0L), Counts(february));

        var januaryNow = await IndicatorsAsync("643", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));
        Assert.Equal((4L, 1L, 3L), (januaryNow["received"], januaryNow["resolved"], januaryNow["overdue_in_progress"])); // open and due before 31/01
        var februaryNow = await IndicatorsAsync("643", new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29));
        Assert.Equal((1L, 2L, 1L), (februaryNow["received"], februaryNow["resolved"], februaryNow["resolved_on_time"]));
        Assert.Equal(2, februaryNow["overdue_in_progress"]); // due 25/01, still open

        // The same dossier code from another source is another dossier.
        var national = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Dvcqg, january[0]);
        Assert.Equal((1L, 0L, 0L, 0L), Counts(national));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM dossiers WHERE dossier_code = 'A-1'"));
    }

    [Fact]
    public async Task Invalid_lines_are_reported_with_their_line_and_reason_and_the_valid_lines_are_stored()
    {
        var import = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Igate,
            "B-1,9.001,24136,truc_tuyen,2024-03-10,2024-03-20,,dang_xu_ly,1,0,0,0,0,0",
            "B-2,9.999,24136,fax,2024-03-10,2024-03-05,,dang_xu_ly,2,0,0,0,0,0",
            "B-3,9.001,24136,truc_tiep,2024-03-10,2024-03-20,2024-03-01,da_giai_quyet,0,0,0,0,0,abc",
            "B-4,9.001,24136,truc_tiep,2024-03-10,2024-03-20,,da_giai_quyet,0,0,0,0,0,0",
            "B-1,9.001,24136,truc_tuyen,2024-03-10,2024-03-20,,dang_xu_ly,1,0,0,0,0,0",
            "B-5,9.001,24136,buu_chinh,10/03/2024,20/03/2024,,dang_xu_ly,0,0,0,0,0,0");

        Assert.Equal((2L, 0L, 0L, 4L), Counts(import));
        var client = await fixture.ClientForAsync("bmt.officer");
        var errors = (await client.ListImportErrorsAsync(import.Id, 1, 50, Cancel)).Items;
        Assert.Equal(
            [(3L, "kenh"), (3, "ma_tthc"), (3, "ngay_hen_tra"), (3, "so_hoa_tphs"), (4, "ngay_ket_thuc"), (4, "so_tien"), (5, "ngay_ket_thuc"), (6, "ma_ho_so")],
            errors.Select(e => (e.Line, e.Field)).ToArray());
        Assert.Contains("trùng với dòng 2", errors.Single(e => e.Line == 6).Message, StringComparison.Ordinal);
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM dossiers WHERE dossier_code LIKE 'B-%'"));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_or_source_is_refused_whole()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        using var file = StatisticsFixture.Csv("ma_ho_so,ma_tthc,ma_don_vi,kenh,ngay_tiep_nhan", ["C-1,9.001,24136,truc_tuyen,2024-03-10"]);
        var refused = await Assert.ThrowsAsync<ServiceApiException>(() => client.ImportDossiersAsync(file, "ho-so.csv", "portal", Cancel));
        Assert.Equal(ApiFailure.Invalid, refused.Failure);
        Assert.Equal(["file", "source"], refused.FieldErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("ngay_hen_tra", refused.FieldErrors["file"][0], StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM imports WHERE created_by = 'bmt.officer' AND file_name = 'ho-so.csv' AND source = 'portal'"));
    }

    [Fact]
    public async Task Lines_of_units_outside_the_importers_scope_are_rejected_and_others_dossiers_are_not_theirs_to_change()
    {
        // Buôn Hồ's dossier, imported by the province.
        await fixture.ImportDossiersAsync("province.officer", DossierSources.Igate,
            "E-1,9.001,24305,truc_tuyen,2024-04-01,2024-04-05,,dang_xu_ly,0,0,0,0,0,0");

        var commune = await fixture.ImportDossiersAsync("tanloi.officer", DossierSources.Igate,
            "E-2,9.001,24136,truc_tuyen,2024-04-01,2024-04-05,,dang_xu_ly,0,0,0,0,0,0",
            "E-3,9.001,24118,truc_tuyen,2024-04-01,2024-04-05,,dang_xu_ly,0,0,0,0,0,0",
            "E-1,9.001,24136,truc_tuyen,2024-04-01,2024-04-05,,dang_xu_ly,0,0,0,0,0,0");
        Assert.Equal((1L, 0L, 0L, 2L), Counts(commune));

        var tanloi = await fixture.ClientForAsync("tanloi.officer");
        var errors = (await tanloi.ListImportErrorsAsync(commune.Id, 1, 50, Cancel)).Items;
        Assert.Equal([(3L, "ma_don_vi"), (4, "ma_ho_so")], errors.Select(e => (e.Line, e.Field)).ToArray());
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM dossiers WHERE dossier_code = 'E-1' AND unit_code = '24305'"));

        // The commune's job is the commune's, its district's and the province's to see; not another district's.
        var buonHo = await fixture.ClientForAsync("buonho.officer");
        Assert.Null(await buonHo.GetImportAsync(commune.Id, Cancel));
        Assert.NotNull(await (await fixture.ClientForAsync("bmt.officer")).GetImportAsync(commune.Id, Cancel));
    }

    [Fact]
    public async Task Only_statistics_officers_import_dossiers()
    {
        var client = await fixture.ClientForAsync("tanlap.officer");
        using var file = StatisticsFixture.Csv(StatisticsFixture.DossierHeader, ["F-1,9.001,24118,truc_tuyen,2024-04-01,2024-04-05,,dang_xu_ly,0,0,0,0,0,0"]);
        var refused = await Assert.ThrowsAsync<ServiceApiException>(() => client.ImportDossiersAsync(file, "ho-so.csv", DossierSources.Igate, Cancel));
        Assert.Equal(ApiFailure.Forbidden, refused.Failure);
    }
}
