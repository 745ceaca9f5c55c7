using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>
/// The import's validation rules: listed with their severity, each finding on the right line, field and severity,
/// warnings keep their line (stored and counted), errors refuse it, and the stored rules are what the import applies.
/// Catalogue: V.1 a commune procedure online with a fee; V.2 a commune procedure at level 2 until it went fully online
/// on 01/06/2024; V.3 a district procedure without online service.
/// </summary>
public sealed class ValidationRuleTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await fixture.ImportProceduresAsync(
            "V.1,Đăng ký khai sinh,xa,Hộ tịch,toan_trinh,2023-01-01,,1",
            "V.2,Chứng thực bản sao,xa,Chứng thực,2,2022-01-01,,0",
            "V.2,Chứng thực bản sao,xa,Chứng thực,toan_trinh,2024-06-01,,0",
            "V.3,Cấp giấy phép xây dựng,huyen,Xây dựng,khong,2023-01-01,,1");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<IReadOnlyList<ImportErrorDto>> FindingsAsync(ImportDto import) =>
        (await (await fixture.ClientForAsync("bmt.officer")).ListImportErrorsAsync(import.Id, 1, 100, Cancel)).Items;

    [Fact]
    public async Task Every_rule_the_import_applies_is_listed_with_its_severity_and_the_format_and_scope_rules_cannot_be_adjusted()
    {
        var rules = await (await fixture.ClientForAsync("tanlap.officer")).ListValidationRulesAsync(Cancel);

        Assert.Equal(
            [
                ("dossier_of_other_unit", "error", false), ("duplicate_in_file", "error", false), ("invalid_value", "error", false),
                ("status_end_date_mismatch", "error", false), ("unit_outside_scope", "error", false),
                ("due_before_received", "error", true), ("finished_before_received", "error", true), ("level_mismatch", "warning", true),
                ("online_without_online_level", "warning", true), ("paid_online_without_fee", "error", true), ("unknown_procedure", "error", true),
            ],
            rules.Select(r => (r.Code, r.Severity, r.Adjustable)).ToArray());
        Assert.All(rules, r => Assert.True(r.Enabled && r.Description.Length > 40, r.Code));
        Assert.Contains("một cửa cấp xã", rules.Single(r => r.Code == "level_mismatch").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_rule_finds_its_line_with_its_severity_and_warned_lines_are_stored_while_refused_ones_are_not()
    {
        var import = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Igate,
            "V-01,V.1,24136,truc_tuyen,2024-05-10,2024-05-15,,dang_xu_ly,0,0,1,1,1,10000", // 2 clean
            "V-02,V.2,24136,truc_tuyen,2024-05-31,2024-06-05,,dang_xu_ly,0,0,0,0,0,0", //     3 online the day before V.2 went online
            "V-03,V.2,24136,truc_tuyen,2024-06-01,2024-06-05,,dang_xu_ly,0,0,0,0,0,0", //     4 clean: online from that day
            "V-04,V.3,24136,truc_tiep,2024-05-10,2024-05-20,,dang_xu_ly,0,0,1,0,0,0", //      5 a district procedure at a commune
            "V-05,V.3,643,truc_tiep,2024-05-10,2024-05-20,,dang_xu_ly,0,0,1,0,0,0", //        6 clean: at the district
            "V-06,V.2,24136,truc_tiep,2024-06-10,2024-06-12,,dang_xu_ly,0,0,0,1,1,5000", //   7 paid online without a fee obligation
            "V-07,V.3,24118,truc_tuyen,2024-05-10,2024-05-20,,dang_xu_ly,0,0,1,0,0,0", //     8 both warnings
            "V-08,V.9,24136,truc_tiep,2024-05-10,2024-05-20,,dang_xu_ly,0,0,0,0,0,0", //      9 unknown procedure
            "V-09,V.1,24136,truc_tiep,2024-05-10,2024-05-01,,dang_xu_ly,0,0,1,0,0,0", //     10 due before receipt
            "V-10,V.1,24136,truc_tiep,2024-05-10,2024-05-20,2024-05-09,da_giai_quyet,0,0,1,0,0,0", // 11 finished before receipt
            "V-11,V.1,24136,truc_tiep,2024-05-10,2024-05-20,,da_giai_quyet,0,0,1,0,0,0", //  12 resolved without an end date
            "V-01,V.1,24136,truc_tuyen,2024-05-10,2024-05-15,,dang_xu_ly,0,0,1,1,1,10000"); // 13 the same code again

        Assert.Equal((ImportStatuses.Completed, 6L, 6L, 3L), (import.Status, import.Inserted, import.Rejected, import.LinesWithWarnings));
        Assert.Equal(
            [
                (3L, "kenh", "online_without_online_level", "warning"),
                (5, "ma_don_vi", "level_mismatch", "warning"),
                (7, "thanh_toan_truc_tuyen", "paid_online_without_fee", "error"),
                (8, "kenh", "online_without_online_level", "warning"),
                (8, "ma_don_vi", "level_mismatch", "warning"),
                (9, "ma_tthc", "unknown_procedure", "error"),
                (10, "ngay_hen_tra", "due_before_received", "error"),
                (11, "ngay_ket_thuc", "finished_before_received", "error"),
                (12, "ngay_ket_thuc", "status_end_date_mismatch", "error"),
                (13, "ma_ho_so", "duplicate_in_file", "error"),
            ],
            (await FindingsAsync(import)).Select(f => (f.Line, f.Field, f.Rule, f.Severity)).ToArray());
        Assert.Equal(6, await fixture.ScalarAsync("SELECT count(*) FROM dossiers WHERE dossier_code LIKE 'V-%'"));
        Assert.Equal(6, await fixture.ScalarAsync(
            "SELECT count(*) FROM dossiers WHERE dossier_code IN ('V-01', 'V-02', 'V-03', 'V-04', 'V-05', 'V-07')"));

        // A warned online dossier is counted as received online: it was received, the catalogue is what to review.
        var client = await fixture.ClientForAsync("bmt.officer");
        var tanLoi = (await client.GetIndicatorsAsync(new IndicatorQuery("24136", new DateOnly(2024, 5, 31), new DateOnly(2024, 5, 31)), Cancel))
            .Indicators.Single(i => i.Code == "received_online");
        Assert.Equal(1, tanLoi.Numerator);

        // The same file again: nothing changes, and the warnings are reported for the lines again.
        var again = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Igate,
            "V-07,V.3,24118,truc_tuyen,2024-05-10,2024-05-20,,dang_xu_ly,0,0,1,0,0,0");
        Assert.Equal((1L, 1L), (again.Unchanged, again.LinesWithWarnings));
    }

    [Fact]
    public async Task The_import_applies_the_stored_rules_a_disabled_rule_finds_nothing_and_a_rule_made_an_error_refuses_its_line()
    {
        await SetRuleAsync("online_without_online_level", enabled: false, "warning");
        await SetRuleAsync("level_mismatch", enabled: true, "error");
        try
        {
            var import = await fixture.ImportDossiersAsync("bmt.officer", DossierSources.Igate,
                "W-1,V.3,24136,truc_tuyen,2024-07-10,2024-07-20,,dang_xu_ly,0,0,1,0,0,0",
                "W-2,V.3,643,truc_tuyen,2024-07-10,2024-07-20,,dang_xu_ly,0,0,1,0,0,0");

            Assert.Equal((1L, 1L, 0L), (import.Inserted, import.Rejected, import.LinesWithWarnings));
            Assert.Equal([(2L, "level_mismatch", "error")], (await FindingsAsync(import)).Select(f => (f.Line, f.Rule!, f.Severity)).ToArray());
            Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM dossiers WHERE dossier_code = 'W-1'"));
        }
        finally
        {
            await SetRuleAsync("online_without_online_level", enabled: true, "warning");
            await SetRuleAsync("level_mismatch", enabled: true, "warning");
        }
    }

    [Fact]
    public async Task A_format_or_scope_rule_cannot_be_made_a_warning_or_switched_off()
    {
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => SetRuleAsync("unit_outside_scope", enabled: false, "error"));
        Assert.Equal(Npgsql.PostgresErrorCodes.CheckViolation, refused.SqlState);
    }

    private Task<long> SetRuleAsync(string code, bool enabled, string severity) => fixture.ScalarAsync("""
        WITH changed AS (UPDATE validation_rules SET enabled = @enabled, severity = @severity WHERE code = @code RETURNING 1)
        SELECT count(*) FROM changed
        """, ("code", code), ("enabled", enabled), ("severity", severity));
}
