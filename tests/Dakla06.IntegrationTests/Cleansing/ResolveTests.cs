using System.Text.Json;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Cleansing;

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
    public static async Task<Guid> ValidatedBatchAsync(HttpClient client, Guid? campaignId = null)
    {
        var created = await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(Batch), campaignId: campaignId);
        var id = created.GetProperty("id").GetGuid();
        await AwaitBatchAsync(client, id);
        return id;
    }
}

public sealed class ResolveTests(ResolveTestsFixture fixture) : IClassFixture<ResolveTestsFixture>
{
    private static Task<JsonElement> ResolveAsync(HttpClient client, Guid batch, int line, object body, int expectedStatus = 200) =>
        CleansingFixture.PostAsync(client, $"/api/cleansing/batches/{batch}/records/{line}/resolve", body, expectedStatus);

    [Fact]
    public async Task Accepting_the_suggestion_cleans_the_record_and_publishes_the_resolution()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);
        var record = await CleansingFixture.GetAsync(officer, $"/api/cleansing/batches/{batch}/records/2");
        Assert.Equal("info_mismatch", record.GetProperty("class").GetString());
        Assert.Equal(ResolveTestsFixture.An.IdNumber, record.GetProperty("suggestions")[0].GetProperty("idNumber").GetString());

        var resolved = await ResolveAsync(officer, batch, 2, new { action = "accept-suggestion", suggestionIndex = 0 });

        Assert.True(resolved.GetProperty("cleaned").GetBoolean());
        Assert.Equal("accepted-suggestion", resolved.GetProperty("resolution").GetString());
        Assert.Equal("matched", resolved.GetProperty("revalidatedClass").GetString());
        Assert.Equal(ResolveTestsFixture.An.FullName, resolved.GetProperty("correctedFullName").GetString());
        Assert.Equal("12/05/1990", resolved.GetProperty("correctedDateOfBirth").GetString());
        Assert.Equal("province.cleanser", resolved.GetProperty("resolvedBy").GetString());
        // The class stays what the batch found: campaign figures count it as flagged and cleaned.
        Assert.Equal("info_mismatch", resolved.GetProperty("class").GetString());

        var events = await fixture.AwaitEventsAsync<CleansingRecordResolved>(e => e.BatchId == batch && e.LineNumber == 2);
        var resolvedEvent = Assert.Single(events);
        Assert.True(resolvedEvent.Cleaned);
        Assert.Equal("accepted-suggestion", resolvedEvent.Resolution);
        Assert.Equal("643", resolvedEvent.UnitCode);
        Assert.Equal("province.cleanser", resolvedEvent.ResolvedBy);

        // A cleaned record is final.
        var again = await ResolveAsync(officer, batch, 2, new { action = "unfixable", reason = "nhầm" }, 409);
        Assert.Contains("đã được làm sạch", again.GetProperty("title").GetString(), StringComparison.Ordinal);

        // A record without an ID number: the suggestion supplies it.
        var missing = await ResolveAsync(officer, batch, 5, new { action = "accept-suggestion", suggestionIdNumber = ResolveTestsFixture.Dung.IdNumber });
        Assert.True(missing.GetProperty("cleaned").GetBoolean());
        Assert.Equal(ResolveTestsFixture.Dung.IdNumber, missing.GetProperty("correctedIdNumber").GetString());
    }

    [Fact]
    public async Task A_wrong_correction_is_kept_but_not_cleaned_and_a_right_one_cleans()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);

        // Line 6 gave only the year of birth; a wrong full date does not match.
        var wrong = await ResolveAsync(officer, batch, 6, new { action = "correct", dateOfBirth = "21/07/1995", reason = "theo sổ tiêm" });
        Assert.False(wrong.GetProperty("cleaned").GetBoolean());
        Assert.Equal("corrected", wrong.GetProperty("resolution").GetString());
        Assert.Equal("theo sổ tiêm", wrong.GetProperty("resolutionNote").GetString());
        Assert.Equal("info_mismatch", wrong.GetProperty("revalidatedClass").GetString());
        Assert.Equal(["date_of_birth"], wrong.GetProperty("revalidatedMismatchedFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("ngày sinh", wrong.GetProperty("revalidatedReason").GetString(), StringComparison.Ordinal);
        var notCleaned = await fixture.AwaitEventsAsync<CleansingRecordResolved>(e => e.BatchId == batch && e.LineNumber == 6);
        Assert.False(Assert.Single(notCleaned).Cleaned);

        // Another person's ID number is well-formed but their details disagree: still not cleaned.
        var otherId = await ResolveAsync(officer, batch, 6, new { action = "correct", idNumber = ResolveTestsFixture.Binh.IdNumber, dateOfBirth = "20/07/1995" });
        Assert.False(otherId.GetProperty("cleaned").GetBoolean());
        Assert.Equal("info_mismatch", otherId.GetProperty("revalidatedClass").GetString());

        // The right date (and the record's own ID number again) matches.
        var right = await ResolveAsync(officer, batch, 6, new { action = "correct", idNumber = ResolveTestsFixture.Hen.IdNumber, dateOfBirth = "1995-07-20" });
        Assert.True(right.GetProperty("cleaned").GetBoolean());
        Assert.Equal("matched", right.GetProperty("revalidatedClass").GetString());
        Assert.Equal("20/07/1995", right.GetProperty("correctedDateOfBirth").GetString());
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM batch_records WHERE batch_id = @batch AND line_no = 6 AND cleaned AND resolution = 'corrected'", ("batch", batch)));
    }

    [Fact]
    public async Task Unfixable_needs_a_reason_and_a_later_correction_can_still_clean_the_record()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);

        var noReason = await ResolveAsync(officer, batch, 3, new { action = "unfixable" }, 400);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));

        var unfixable = await ResolveAsync(officer, batch, 3, new { action = "unfixable", reason = "Người đã chuyển đi, không liên lạc được" });
        Assert.False(unfixable.GetProperty("cleaned").GetBoolean());
        Assert.Equal("unfixable", unfixable.GetProperty("resolution").GetString());
        Assert.Equal("Người đã chuyển đi, không liên lạc được", unfixable.GetProperty("resolutionNote").GetString());
        Assert.Equal(JsonValueKind.Null, unfixable.GetProperty("revalidatedClass").ValueKind);

        var corrected = await ResolveAsync(officer, batch, 3, new { action = "correct", idNumber = ResolveTestsFixture.Binh.IdNumber });
        Assert.True(corrected.GetProperty("cleaned").GetBoolean());
        Assert.Equal("corrected", corrected.GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task Bad_requests_are_400_naming_the_field_and_a_matched_record_is_409()
    {
        var officer = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(officer);

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { }, "action"),
                     (new { action = "delete" }, "action"),
                     (new { action = "accept-suggestion" }, "suggestionIndex"),
                     (new { action = "accept-suggestion", suggestionIndex = 7 }, "suggestionIndex"),
                     (new { action = "accept-suggestion", suggestionIdNumber = "066000000000" }, "suggestionIdNumber"),
                     (new { action = "correct" }, "idNumber"),
                     (new { action = "correct", idNumber = "12345" }, "idNumber"),
                     (new { action = "correct", dateOfBirth = "31/02/1990" }, "dateOfBirth"),
                     (new { action = "correct", gender = "x" }, "gender"),
                     (new { action = "correct", communeCode = "643" }, "communeCode"),
                     (new { action = "unfixable", reason = new string('x', 1001) }, "reason"),
                 })
        {
            var problem = await ResolveAsync(officer, batch, 2, body, 400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{JsonSerializer.Serialize(body)}: {problem}");
        }

        var matched = await ResolveAsync(officer, batch, 4, new { action = "unfixable", reason = "x" }, 409);
        Assert.Contains("đã khớp", matched.GetProperty("title").GetString(), StringComparison.Ordinal);
        await ResolveAsync(officer, batch, 99, new { action = "unfixable", reason = "x" }, 404);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM batch_records WHERE batch_id = @batch AND resolution IS NOT NULL", ("batch", batch)));
    }

    [Fact]
    public async Task Resolving_needs_the_role_and_the_batch_unit_in_scope_and_masks_for_non_pii_readers()
    {
        var province = await fixture.ClientForAsync("province.cleanser");
        var batch = await ResolveTestsFixture.ValidatedBatchAsync(province);

        // Tân Lợi's officer does not see Buôn Ma Thuột's batch; the leader has no cleansing role.
        await ResolveAsync(await fixture.ClientForAsync("tanloi.officer"), batch, 2, new { action = "unfixable", reason = "x" }, 404);
        await ResolveAsync(await fixture.ClientForAsync("province.leader"), batch, 2, new { action = "unfixable", reason = "x" }, 403);

        // Buôn Ma Thuột's officer (no pii-reader) picks the suggestion by the masked number the page shows.
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var record = await CleansingFixture.GetAsync(bmt, $"/api/cleansing/batches/{batch}/records/3");
        var masked = record.GetProperty("suggestions")[0].GetProperty("idNumber").GetString()!;
        Assert.Contains('*', masked);
        var audited = await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE batch_id = @batch AND username = 'bmt.officer'", ("batch", batch));

        var resolved = await ResolveAsync(bmt, batch, 3, new { action = "accept-suggestion", suggestionIdNumber = masked });

        Assert.True(resolved.GetProperty("cleaned").GetBoolean());
        Assert.True(resolved.GetProperty("masked").GetBoolean());
        Assert.Equal(masked, resolved.GetProperty("correctedIdNumber").GetString());
        Assert.Equal(PersonalData.MaskName(ResolveTestsFixture.Binh.FullName), resolved.GetProperty("correctedFullName").GetString());
        Assert.Equal(audited, await fixture.ScalarAsync("SELECT count(*) FROM audit_log WHERE batch_id = @batch AND username = 'bmt.officer'", ("batch", batch)));
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM batch_records WHERE batch_id = @batch AND line_no = 3 AND corrected_id_number = @id AND resolved_by = 'bmt.officer'",
            ("batch", batch), ("id", ResolveTestsFixture.Binh.IdNumber)));
    }
}
