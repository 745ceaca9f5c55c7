using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using Dakla06.ServiceDefaults.Security;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>A registry of five persons; every test uploads its own batch (so tests do not share records).</summary>
public sealed class ResolveTestsFixture : CleansingFixture
{
    public static readonly RegistryPerson An = Person(11, "Nguyễn Văn An", "1990-05-12", Gender.Male);
    public static readonly RegistryPerson Binh = Person(12, "Trần Thị Bình", "1985-03-04", Gender.Female);
    public static readonly RegistryPerson Chi = Person(13, "Lê Thị Chi", "1970-08-09", Gender.Female);
    public static readonly RegistryPerson Dung = Person(14, "Phạm Văn Dũng", "1991-01-01", Gender.Male);
    public static readonly RegistryPerson Hen = Person(15, "H' Hen Niê", "1995-07-20", Gender.Female, "24118");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadRegistryAsync([An, Binh, Chi, Dung, Hen]);
    }

    /// <summary>Line 2 info_mismatch (name without diacritics), 3 not_found (mistyped ID), 4 matched, 5 missing_id, 6 info_mismatch (date).</summary>
    public static string Batch => string.Join("\n",
        "ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ma_xa",
        $"Nguyen Van An,12/05/1990,Nam,{An.IdNumber},24136",
        $"Trần Thị Bình,04/03/1985,Nữ,{IdNumbers.Compose("066", Gender.Female, 1985, 999_012)},24136",
        $"Lê Thị Chi,09/08/1970,Nữ,{Chi.IdNumber},24136",
        "Phạm Văn Dũng,01/01/1991,Nam,,24136",
        $"H' Hen Niê,1995,Nữ,{Hen.IdNumber},24118") + "\n";

    /// <summary>Uploads <see cref="Batch"/> for Buôn Ma Thuột and waits until it is validated.</summary>
    public static async Task<Guid> ValidatedBatchAsync(CleansingClient client)
    {
        var id = (await UploadCsvAsync(client, Batch)).Id;
        await AwaitBatchAsync(client, id);
        return id;
    }
}

public sealed class ResolveTests(ResolveTestsFixture fixture) : IClassFixture<ResolveTestsFixture>
{
    private static Task<RecordDto> ResolveAsync(CleansingClient client, Guid batch, int line, ResolveRequest resolution) =>
        client.ResolveRecordAsync(batch, line, resolution, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Accepting_the_suggestion_cleans_the_record_and_publishes_the_resolution()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);
        var record = await CleansingFixture.RecordAsync(officer, batch, 2);
        Assert.Equal("info_mismatch", record.Class);
        Assert.Equal(ResolveTestsFixture.An.IdNumber, record.Suggestions[0].IdNumber);

        var resolved = await ResolveAsync(officer, batch, 2, new ResolveRequest(ResolveActions.AcceptSuggestion, SuggestionIndex: 0));

        Assert.True(resolved.Cleaned);
        Assert.Equal("accepted-suggestion", resolved.Resolution);
        Assert.Equal("matched", resolved.RevalidatedClass);
        Assert.Equal(ResolveTestsFixture.An.FullName, resolved.CorrectedFullName);
        Assert.Equal("12/05/1990", resolved.CorrectedDateOfBirth);
        Assert.Equal("province.cleanser", resolved.ResolvedBy);
        // The class stays what the batch found: campaign figures count it as flagged and cleaned.
        Assert.Equal("info_mismatch", resolved.Class);

        var events = await fixture.AwaitEventsAsync<CleansingRecordResolved>(e => e.BatchId == batch && e.LineNumber == 2);
        var resolvedEvent = Assert.Single(events);
        Assert.True(resolvedEvent.Cleaned);
        Assert.Equal("accepted-suggestion", resolvedEvent.Resolution);
        Assert.Equal("643", resolvedEvent.UnitCode);
        Assert.Equal("province.cleanser", resolvedEvent.ResolvedBy);

        // A cleaned record is final.
        var again = await FailsAsync(ApiFailure.Conflict, () => ResolveAsync(officer, batch, 2, new ResolveRequest(ResolveActions.Unfixable, Reason: "nhầm")));
        Assert.Contains("đã được province.cleanser xử lý", again.Detail, StringComparison.Ordinal);

        // A record without an ID number: the suggestion supplies it.
        var missing = await ResolveAsync(officer, batch, 5, new ResolveRequest(ResolveActions.AcceptSuggestion, SuggestionIdNumber: ResolveTestsFixture.Dung.IdNumber));
        Assert.True(missing.Cleaned);
        Assert.Equal(ResolveTestsFixture.Dung.IdNumber, missing.CorrectedIdNumber);
    }

    [Fact]
    public async Task A_wrong_correction_is_kept_but_not_cleaned_and_a_right_one_cleans()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);

        // Line 6 gave only the year of birth; a wrong full date does not match.
        var wrong = await ResolveAsync(officer, batch, 6, new ResolveRequest(ResolveActions.Correct, DateOfBirth: "21/07/1995", Reason: "theo sổ tiêm"));
        Assert.False(wrong.Cleaned);
        Assert.Equal("corrected", wrong.Resolution);
        Assert.Equal("theo sổ tiêm", wrong.ResolutionNote);
        Assert.Equal("info_mismatch", wrong.RevalidatedClass);
        Assert.Equal(["date_of_birth"], wrong.RevalidatedMismatchedFields!);
        Assert.Contains("ngày sinh", wrong.RevalidatedReason, StringComparison.Ordinal);
        var notCleaned = await fixture.AwaitEventsAsync<CleansingRecordResolved>(e => e.BatchId == batch && e.LineNumber == 6);
        Assert.False(Assert.Single(notCleaned).Cleaned);

        // Another person's ID number is well-formed but their details disagree: still not cleaned.
        var otherId = await ResolveAsync(officer, batch, 6, new ResolveRequest(ResolveActions.Correct, IdNumber: ResolveTestsFixture.Binh.IdNumber, DateOfBirth: "20/07/1995"));
        Assert.False(otherId.Cleaned);
        Assert.Equal("info_mismatch", otherId.RevalidatedClass);

        // The right date (and the record's own ID number again) matches.
        var right = await ResolveAsync(officer, batch, 6, new ResolveRequest(ResolveActions.Correct, IdNumber: ResolveTestsFixture.Hen.IdNumber, DateOfBirth: "1995-07-20"));
        Assert.True(right.Cleaned);
        Assert.Equal("matched", right.RevalidatedClass);
        Assert.Equal("20/07/1995", right.CorrectedDateOfBirth);
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM batch_records WHERE batch_id = @batch AND line_no = 6 AND cleaned AND resolution = 'corrected'", ("batch", batch)));
    }

    [Fact]
    public async Task Unfixable_needs_a_reason_and_a_later_correction_can_still_clean_the_record()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);

        var noReason = await FailsAsync(ApiFailure.Invalid, () => ResolveAsync(officer, batch, 3, new ResolveRequest(ResolveActions.Unfixable)));
        Assert.Equal(["reason"], Fields(noReason));

        var unfixable = await ResolveAsync(officer, batch, 3, new ResolveRequest(ResolveActions.Unfixable, Reason: "Người đã chuyển đi, không liên lạc được"));
        Assert.False(unfixable.Cleaned);
        Assert.Equal("unfixable", unfixable.Resolution);
        Assert.Equal("Người đã chuyển đi, không liên lạc được", unfixable.ResolutionNote);
        Assert.Null(unfixable.RevalidatedClass);
        Assert.Empty(unfixable.RevalidatedMismatchedFields!);

        var corrected = await ResolveAsync(officer, batch, 3, new ResolveRequest(ResolveActions.Correct, IdNumber: ResolveTestsFixture.Binh.IdNumber));
        Assert.True(corrected.Cleaned);
        Assert.Equal("corrected", corrected.Resolution);
    }

    [Fact]
    public async Task Bad_requests_are_400_naming_the_field_and_a_matched_record_is_409()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);

        foreach (var (resolution, field) in new (ResolveRequest Resolution, string Field)[]
                 {
                     (new(null), "action"),
                     (new("delete"), "action"),
                     (new(ResolveActions.AcceptSuggestion), "suggestionIndex"),
                     (new(ResolveActions.AcceptSuggestion, SuggestionIndex: 7), "suggestionIndex"),
                     (new(ResolveActions.AcceptSuggestion, SuggestionIdNumber: "066000000000"), "suggestionIdNumber"),
                     (new(ResolveActions.Correct), "idNumber"),
                     (new(ResolveActions.Correct, IdNumber: "12345"), "idNumber"),
                     (new(ResolveActions.Correct, DateOfBirth: "31/02/1990"), "dateOfBirth"),
                     (new(ResolveActions.Correct, Gender: "x"), "gender"),
                     (new(ResolveActions.Correct, CommuneCode: "643"), "communeCode"),
                     (new(ResolveActions.Unfixable, Reason: new string('x', 1001)), "reason"),
                 })
        {
            var problem = await FailsAsync(ApiFailure.Invalid, () => ResolveAsync(officer, batch, 2, resolution));
            Assert.True(problem.FieldErrors.ContainsKey(field), $"{resolution}: {string.Join(", ", Fields(problem))}");
        }

        var matched = await FailsAsync(ApiFailure.Conflict, () => ResolveAsync(officer, batch, 4, new ResolveRequest(ResolveActions.Unfixable, Reason: "x")));
        Assert.Contains("đã khớp", matched.Detail, StringComparison.Ordinal);
        await FailsAsync(ApiFailure.NotFound, () => ResolveAsync(officer, batch, 99, new ResolveRequest(ResolveActions.Unfixable, Reason: "x")));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM batch_records WHERE batch_id = @batch AND resolution IS NOT NULL", ("batch", batch)));
    }

    [Fact]
    public async Task Resolving_needs_the_role_and_the_batch_unit_in_scope_and_masks_for_non_pii_readers()
    {
        var province = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(province);

        // Tân Lợi's officer does not see Buôn Ma Thuột's batch; the leader has no cleansing role.
        var unfixable = new ResolveRequest(ResolveActions.Unfixable, Reason: "x");
        await FailsAsync(ApiFailure.NotFound, async () => await ResolveAsync(await fixture.ClientForAsync("tanloi.officer"), batch, 2, unfixable));
        await FailsAsync(ApiFailure.Forbidden, async () => await ResolveAsync(await fixture.ClientForAsync("province.leader"), batch, 2, unfixable));

        // Buôn Ma Thuột's officer (no pii-reader) picks the suggestion by the masked number the page shows.
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var record = await CleansingFixture.RecordAsync(bmt, batch, 3);
        var masked = record.Suggestions[0].IdNumber!;
        Assert.Contains('*', masked);
        var audited = await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE subject_id = @batch AND username = 'bmt.officer'", ("batch", batch));

        var resolved = await ResolveAsync(bmt, batch, 3, new ResolveRequest(ResolveActions.AcceptSuggestion, SuggestionIdNumber: masked));

        Assert.True(resolved.Cleaned);
        Assert.True(resolved.Masked);
        Assert.Equal(masked, resolved.CorrectedIdNumber);
        Assert.Equal(PersonalData.MaskName(ResolveTestsFixture.Binh.FullName), resolved.CorrectedFullName);
        Assert.Equal(audited, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE subject_id = @batch AND username = 'bmt.officer'", ("batch", batch)));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM batch_records WHERE batch_id = @batch AND line_no = 3 AND corrected_id_number = @id AND resolved_by = 'bmt.officer'",
            ("batch", batch), ("id", ResolveTestsFixture.Binh.IdNumber)));
    }
}
