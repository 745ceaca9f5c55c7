using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.IntegrationTests.Support;
using Dakla06.People;
using static Dakla06.IntegrationTests.Enrolment.EnrolmentFixture;

namespace Dakla06.IntegrationTests.Enrolment;

/// <summary>
/// The import policy of the three files: a missing column refuses the file, every other bad line is rejected with its
/// line and reason while the good ones are kept, a second import of the same file changes nothing, rows outside the
/// importer's scope are rejected one by one. Each test uses its own codes, persons and days.
/// </summary>
public sealed class ImportTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<long> ApplicationsAsync(string unit, string asOf) =>
        (await (await fixture.ClientForAsync("province.leader")).GetFunnelAsync(new FunnelQuery(unit, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)), Cancel))
            .Indicators.Single(i => i.Code == FunnelCodes.Applications).Numerator;

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused_whole_naming_them()
    {
        var client = await fixture.ClientForAsync("province.enrolment");
        using var file = Csv("ma_ho_so,so_dinh_danh,ho_ten", [$"H1,{IdNumber(1)},An"]);
        var refused = await ApiAssert.FailsAsync(ApiFailure.Invalid, () => client.ImportApplicationsAsync(file, "ho-so.csv", Cancel));
        Assert.Equal([EnrolmentRoutes.ImportFile], ApiAssert.Fields(refused));
        Assert.Contains("ngay_sinh", refused.FieldErrors[EnrolmentRoutes.ImportFile][0], StringComparison.Ordinal);
        Assert.Contains("dinh_danh_muc_2", refused.FieldErrors[EnrolmentRoutes.ImportFile][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_enrolment_officers_import()
    {
        var client = await fixture.ClientForAsync("bmt.officer");
        using var file = Csv(CardHeader, [CardEvent("X", "nhan_tu_c06", "2025-01-01")]);
        await ApiAssert.FailsAsync(ApiFailure.Forbidden, () => client.ImportCardsAsync(file, "the.csv", Cancel));
    }

    [Fact]
    public async Task Bad_application_lines_are_rejected_with_line_and_reason_and_good_ones_kept()
    {
        var import = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Applications,
            Application("B1", IdNumber(201), "24305", "2024-02-01"),                                      // line 2: good
            Application("B2", "123", "24305", "2024-02-01"),                                             // 3: malformed ID number
            Application("B3", IdNumber(203, 1990, Gender.Female), "24305", "2024-02-01"),                // 4: century/gender digit says female
            Application("B4", IdNumber(204, 2015), "24305", "2025-03-01", "doi", birthDate: "2015-01-01"), // 5: under 14, not a first card
            Application("B5", IdNumber(205, 2015), "24305", "2025-03-01", "cap_moi", birthDate: "2015-01-01"), // 6: under 14, first card on request: kept
            Application("B6", IdNumber(206, 2015), "24305", "2024-06-30", "cap_moi", birthDate: "2015-01-01"), // 7: under 14 before 1 July 2024
            Application("B1", IdNumber(207), "24305", "2024-02-02"),                                     // 8: code twice in the file
            Application("B8", IdNumber(208), "99999", "2024-02-01"),                                     // 9: unknown commune
            Application("B9", IdNumber(209), "24305", "2024-02-30", channel: "buu_dien"));               // 10: bad date and channel

        Assert.Equal(ImportStatuses.Completed, import.Status);
        Assert.Equal((2L, 7L, 9L), (import.Inserted, import.Rejected, import.Processed));
        var errors = await fixture.ErrorsAsync("province.enrolment", import.Id);
        Assert.Equal(
            [(3L, "so_dinh_danh"), (4L, "so_dinh_danh"), (5L, "ngay_sinh"), (7L, "ngay_sinh"), (8L, "ma_ho_so"), (9L, "ma_xa"), (10L, "hinh_thuc"), (10L, "ngay_thu_nhan")],
            errors.Select(e => (e.Line, e.Field)));
        Assert.DoesNotContain(errors, e => e.Message.Contains(IdNumber(203, 1990, Gender.Female), StringComparison.Ordinal)); // ID numbers are never echoed

        var funnel = (await (await fixture.ClientForAsync("province.leader")).GetFunnelAsync(new FunnelQuery("24305", new DateOnly(2025, 3, 31)), Cancel)).Indicators;
        Assert.Equal(2, funnel.Single(i => i.Code == FunnelCodes.Applications).Numerator);
        Assert.Equal(1, funnel.Single(i => i.Code == FunnelCodes.ApplicationsUnder14).Numerator);
        Assert.Equal(1, funnel.Single(i => i.Code == FunnelCodes.PersonsWithApplication).Numerator); // the under-14 applicant is not a covered person
    }

    [Fact]
    public async Task The_same_file_twice_changes_nothing_and_a_changed_line_moves_its_counts()
    {
        string[] lines = [Application("C1", IdNumber(301), "24121", "2024-05-10"), Application("C2", IdNumber(302), "24121", "2024-05-11")];
        var first = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Applications, lines);
        var again = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Applications, lines);
        Assert.Equal((2L, 0L, 0L), (first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 2L), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(2, await ApplicationsAsync("24121", "2024-05-31"));

        // C2 was received later than first written: it leaves 11/05 for 20/06.
        var changed = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Applications, Application("C2", IdNumber(302), "24121", "2024-06-20"));
        Assert.Equal(1, changed.Updated);
        Assert.Equal(1, await ApplicationsAsync("24121", "2024-05-31"));
        Assert.Equal(2, await ApplicationsAsync("24121", "2024-06-30"));
    }

    [Fact]
    public async Task A_commune_officer_imports_for_their_commune_only_line_by_line()
    {
        var import = await fixture.ImportAsync("tanloi.officer", EnrolmentImportKinds.Applications,
            Application("D1", IdNumber(401), "24136", "2024-08-01"),
            Application("D2", IdNumber(402), "24118", "2024-08-01"));
        Assert.Equal((1L, 1L), (import.Inserted, import.Rejected));
        var error = Assert.Single(await fixture.ErrorsAsync("tanloi.officer", import.Id));
        Assert.Equal((3L, "ma_xa"), (error.Line, error.Field));

        // An application of the province's cannot be rewritten from a commune that does not hold it.
        await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Applications, Application("D3", IdNumber(403), "24118", "2024-08-01"));
        var foreign = await fixture.ImportAsync("tanloi.officer", EnrolmentImportKinds.Applications, Application("D3", IdNumber(403), "24136", "2024-08-01"));
        Assert.Equal(1, foreign.Rejected);
        Assert.Equal("ma_ho_so", Assert.Single(await fixture.ErrorsAsync("tanloi.officer", foreign.Id)).Field);
    }

    [Fact]
    public async Task Card_events_out_of_order_unknown_or_twice_are_rejected_and_the_same_event_again_is_unchanged()
    {
        await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Applications,
            Application("E1", IdNumber(501), "24133", "2024-09-01"),
            Application("E2", IdNumber(502), "24133", "2024-09-10"));
        var first = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Cards,
            CardEvent("E1", "tra_cong_dan", "2024-09-05"),  // 2: handed over before it was received
            CardEvent("E1", "nhan_tu_c06", "2024-09-15"),   // 3: good
            CardEvent("E1", "tra_cong_dan", "2024-09-14"),  // 4: handed over before the day received
            CardEvent("E2", "nhan_tu_c06", "2024-09-09"),   // 5: received before the application
            CardEvent("E9", "nhan_tu_c06", "2024-09-20"),   // 6: unknown application
            CardEvent("E1", "nhan_tu_c06", "2024-09-15"));  // 7: the same event twice in the file
        Assert.Equal((1L, 5L), (first.Inserted, first.Rejected));
        Assert.Equal([2L, 4L, 5L, 6L, 7L], (await fixture.ErrorsAsync("province.enrolment", first.Id)).Select(e => e.Line));

        var second = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Cards,
            CardEvent("E1", "nhan_tu_c06", "2024-09-15"),   // the same again: unchanged
            CardEvent("E1", "nhan_tu_c06", "2024-09-16"),   // another day: twice
            CardEvent("E1", "tra_cong_dan", "2024-09-20")); // good
        Assert.Equal((1L, 1L, 1L), (second.Inserted, second.Unchanged, second.Rejected));

        var funnel = (await (await fixture.ClientForAsync("province.leader")).GetFunnelAsync(new FunnelQuery("24133", new DateOnly(2024, 9, 30)), Cancel)).Indicators;
        Assert.Equal((1L, 1L, 1L), (
            funnel.Single(i => i.Code == FunnelCodes.CardsReceived).Numerator,
            funnel.Single(i => i.Code == FunnelCodes.CardsHandedOver).Numerator,
            funnel.Single(i => i.Code == FunnelCodes.AwaitingCard).Numerator));
    }

    [Fact]
    public async Task A_later_line_completes_an_accounts_activation()
    {
        var person = IdNumber(601);
        var first = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Eid,
            EidAccount(person, "24127", 2, "kem_cccd", "2024-10-01"),
            EidAccount(person, "24127", 2, "kem_cccd", "2024-10-01", "2024-10-03"), // the same file completes it
            EidAccount(IdNumber(602), "24127", 2, "da_co_cccd", "2024-10-02", "2024-10-01")); // activated before registered
        Assert.Equal((1L, 1L, 1L), (first.Inserted, first.Updated, first.Rejected));
        var without = await fixture.ImportAsync("province.enrolment", EnrolmentImportKinds.Eid, EidAccount(person, "24127", 2, "kem_cccd", "2024-10-01"));
        Assert.Equal(1, without.Unchanged); // a line without the day never removes an activation

        var funnel = (await (await fixture.ClientForAsync("province.leader")).GetFunnelAsync(new FunnelQuery("24127", new DateOnly(2024, 10, 31)), Cancel)).Indicators;
        Assert.Equal((1L, 1L), (funnel.Single(i => i.Code == FunnelCodes.EidLevel2).Numerator, funnel.Single(i => i.Code == FunnelCodes.EidActivated).Numerator));
    }

    [Fact]
    public async Task Imports_are_listed_and_read_within_the_importers_scope()
    {
        var import = await fixture.ImportAsync("tanloi.officer", EnrolmentImportKinds.Cards, CardEvent("ZZ", "nhan_tu_c06", "2024-01-01"));
        var tanLap = await fixture.ClientForAsync("tanlap.officer");
        Assert.Null(await tanLap.GetImportAsync(import.Id, Cancel));
        Assert.DoesNotContain((await tanLap.ListImportsAsync(new EnrolmentImportQuery(), 1, 200, Cancel)).Items, i => i.Id == import.Id);
        var bmt = await fixture.ClientForAsync("bmt.officer");
        Assert.Contains((await bmt.ListImportsAsync(new EnrolmentImportQuery(EnrolmentImportKinds.Cards), 1, 200, Cancel)).Items, i => i.Id == import.Id);
        Assert.DoesNotContain((await bmt.ListImportsAsync(new EnrolmentImportQuery(EnrolmentImportKinds.Eid), 1, 200, Cancel)).Items, i => i.Id == import.Id);
    }
}
