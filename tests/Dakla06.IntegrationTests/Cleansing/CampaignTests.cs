using System.Text;
using Dakla06.Cleansing.Domain;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.People;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>A registry of four persons; batches are built from them with a chosen number of flagged records.</summary>
public sealed class CampaignTestsFixture : CleansingFixture
{
    public static readonly RegistryPerson[] Persons =
    [
        Person(21, "Nguyễn Văn An", "1990-05-12", Gender.Male),
        Person(22, "Trần Thị Bình", "1985-03-04", Gender.Female),
        Person(23, "Lê Thị Chi", "1970-08-09", Gender.Female),
        Person(24, "Phạm Văn Dũng", "1991-01-01", Gender.Male),
    ];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadRegistryAsync(Persons);
    }

    /// <summary>
    /// A batch of <paramref name="matched"/> clean records followed by <paramref name="flagged"/> records whose name lost
    /// its diacritics (info_mismatch, fixable by accepting the first suggestion); flagged lines start at line
    /// <paramref name="matched"/> + 2.
    /// </summary>
    public static string Batch(int matched, int flagged)
    {
        var lines = new List<string> { "ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh" };
        for (var i = 0; i < matched; i++)
        {
            var p = Persons[i % Persons.Length];
            lines.Add($"{p.FullName},{p.DateOfBirth:dd/MM/yyyy},{p.Gender.ToVietnamese()},{p.IdNumber}");
        }

        for (var i = 0; i < flagged; i++)
        {
            var p = Persons[i % Persons.Length];
            var plain = string.Concat(p.FullName.Normalize(NormalizationForm.FormD).Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)).Replace('đ', 'd').Replace('Đ', 'D');
            lines.Add($"{plain},{p.DateOfBirth:dd/MM/yyyy},{p.Gender.ToVietnamese()},{p.IdNumber}");
        }

        return string.Join("\n", lines) + "\n";
    }
}

public sealed class CampaignTests(CampaignTestsFixture fixture) : IClassFixture<CampaignTestsFixture>
{
    private static async Task<Guid> CreateCampaignAsync(CleansingClient client, string name, params string[] targets) =>
        (await client.CreateCampaignAsync(new CreateCampaignRequest(name, "vaccination", new DateOnly(2026, 12, 31), targets), TestContext.Current.CancellationToken)).Id;

    private static async Task<Guid> BatchAsync(CleansingClient client, string unitCode, Guid? campaign, int matched, int flagged, int cleaned)
    {
        var cancel = TestContext.Current.CancellationToken;
        var id = (await CleansingFixture.UploadAsync(client, Encoding.UTF8.GetBytes(CampaignTestsFixture.Batch(matched, flagged)), unitCode: unitCode, campaignId: campaign)).Id;
        await CleansingFixture.AwaitBatchAsync(client, id);
        for (var line = matched + 2; line < matched + 2 + cleaned; line++)
        {
            await client.ResolveRecordAsync(id, line, new ResolveRequest(ResolveActions.AcceptSuggestion, SuggestionIndex: 0), cancel);
        }

        // One flagged record of each batch is marked unfixable: resolved, but not cleaned.
        if (cleaned < flagged)
        {
            await client.ResolveRecordAsync(id, matched + 2 + cleaned, new ResolveRequest(ResolveActions.Unfixable, Reason: "Không liên lạc được"), cancel);
        }

        return id;
    }

    private static async Task<CampaignProgressDto> ProgressAsync(CleansingClient client, Guid campaign, string? unit = null) =>
        await client.GetCampaignProgressAsync(campaign, unit, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"campaign {campaign} not visible");

    private static Dictionary<string, CampaignProgressRowDto> Rows(CampaignProgressDto progress) => progress.Rows.ToDictionary(r => r.UnitCode);

    [Fact]
    public async Task Progress_per_unit_counts_cleaned_of_flagged_records_of_the_campaign_only()
    {
        var cancel = TestContext.Current.CancellationToken;
        var province = await fixture.ClientForAsync("province.cleanser");
        var campaign = await CreateCampaignAsync(province, "Làm sạch dữ liệu tiêm chủng COVID-19", "643", "644");

        // Buôn Ma Thuột: Tân Lợi 2 of 3 cleaned, Tân Lập 0 of 2, the city's own list 1 of 1; Buôn Hồ 1 of 4.
        await BatchAsync(await fixture.ClientForAsync("tanloi.officer"), "24136", campaign, matched: 2, flagged: 3, cleaned: 2);
        await BatchAsync(province, "24118", campaign, matched: 1, flagged: 2, cleaned: 0);
        await BatchAsync(await fixture.ClientForAsync("bmt.officer"), "643", campaign, matched: 0, flagged: 1, cleaned: 1);
        await BatchAsync(province, "644", campaign, matched: 3, flagged: 4, cleaned: 1);
        // Not part of the campaign, or cancelled: never counted.
        await BatchAsync(province, "24136", null, matched: 0, flagged: 5, cleaned: 1);
        var cancelled = (await CleansingFixture.UploadAsync(province, Encoding.UTF8.GetBytes(CampaignTestsFixture.Batch(0, 3)), unitCode: "24136", campaignId: campaign)).Id;
        await CleansingFixture.AwaitBatchAsync(province, cancelled);
        await fixture.ScalarAsync("UPDATE batches SET status = 'cancelled' WHERE id = @id RETURNING 1", ("id", cancelled));

        // The province sees its two target districts.
        var atProvince = await ProgressAsync(province, campaign);
        var districts = Rows(atProvince);
        Assert.Equal(["643", "644"], districts.Keys);
        Assert.Equal("3/6 (50%)", districts["643"].Figure);
        Assert.Equal(6, districts["643"].Flagged);
        Assert.Equal(3, districts["643"].Cleaned);
        Assert.Equal(50, districts["643"].Percent);
        Assert.Equal("1/4 (25%)", districts["644"].Figure);
        Assert.Equal("4/10 (40%)", atProvince.Total.Figure);

        // Buôn Ma Thuột: its 21 communes (all targeted through the district), plus the city's own list first.
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var atCity = await ProgressAsync(bmt, campaign);
        var communes = Rows(atCity);
        Assert.Equal(22, communes.Count);
        Assert.Equal("643", atCity.Rows[0].UnitCode);
        Assert.Equal("1/1 (100%)", communes["643"].Figure);
        Assert.Equal("2/3 (66,7%)", communes["24136"].Figure);
        Assert.Equal(66.7, communes["24136"].Percent);
        Assert.Equal("0/2 (0%)", communes["24118"].Figure);
        Assert.Equal("0/0 (0%)", communes["24121"].Figure);
        Assert.Equal("3/6 (50%)", atCity.Total.Figure);
        var fromProvince = await ProgressAsync(province, campaign, "643");
        Assert.Equal(atCity.Rows, fromProvince.Rows);
        Assert.Equal((atCity.UnitCode, atCity.Total), (fromProvince.UnitCode, fromProvince.Total));

        // Tân Lợi sees only itself; the city's progress is a read outside its scope: 404, as for a unit that is not there.
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var atCommune = await ProgressAsync(tanLoi, campaign);
        Assert.Equal("2/3 (66,7%)", atCommune.Total.Figure);
        Assert.Equal(["24136"], Rows(atCommune).Keys);
        Assert.Null(await tanLoi.GetCampaignProgressAsync(campaign, "643", cancel));
        var unknown = await FailsAsync(ApiFailure.Invalid, () => tanLoi.GetCampaignProgressAsync(campaign, "12", cancel));
        Assert.Equal(["unit"], Fields(unknown));

        // Fixing one more record of Tân Lập moves the figures.
        var tanLapBatch = (await province.ListBatchesAsync(new BatchQuery(UnitCode: "24118", CampaignId: campaign), 1, 20, cancel)).Items[0].Id;
        await province.ResolveRecordAsync(tanLapBatch, 3, new ResolveRequest(ResolveActions.AcceptSuggestion, SuggestionIndex: 0), cancel);
        var after = Rows(await ProgressAsync(bmt, campaign));
        Assert.Equal("1/2 (50%)", after["24118"].Figure);
    }

    [Fact]
    public async Task Campaigns_are_created_by_cleansing_officers_for_units_in_scope_and_seen_from_above_and_below()
    {
        var cancel = TestContext.Current.CancellationToken;
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var created = await bmt.CreateCampaignAsync(
            new CreateCampaignRequest("  Làm sạch dữ liệu trẻ em  ", "children", new DateOnly(2026, 6, 30), ["24136", "24118", "24136"]), cancel);
        var id = created.Id;
        Assert.Equal("Làm sạch dữ liệu trẻ em", created.Name);
        Assert.Equal("643", created.UnitCode);
        Assert.Equal(["24118", "24136"], created.TargetUnitCodes);
        Assert.Equal("Phường Tân Lợi", created.TargetUnitNames[1]);

        // Seen by the district, a commune below it and the province above it; not by another district.
        foreach (var username in new[] { "bmt.officer", "tanloi.officer", "province.leader" })
        {
            var list = await (await fixture.ClientForAsync(username)).ListCampaignsAsync(new CampaignQuery(), cancel);
            Assert.Contains(list, c => c.Id == id);
        }

        var buonHo = await fixture.ClientForAsync("buonho.officer");
        Assert.DoesNotContain(await buonHo.ListCampaignsAsync(new CampaignQuery(), cancel), c => c.Id == id);
        Assert.Null(await buonHo.GetCampaignAsync(id, cancel));
        Assert.Null(await buonHo.GetCampaignProgressAsync(id, cancellationToken: cancel));

        // Validation names the fields; targets outside the scope are 403; only cleansing officers create.
        var invalid = await FailsAsync(ApiFailure.Invalid, () => bmt.CreateCampaignAsync(new CreateCampaignRequest("", "x", null, ["99999"]), cancel));
        Assert.Equal(["dataset", "deadline", "name", "targetUnitCodes"], Fields(invalid));
        await FailsAsync(ApiFailure.Forbidden, () => bmt.CreateCampaignAsync(new CreateCampaignRequest("x", "other", new DateOnly(2026, 6, 30), ["644"]), cancel));
        var leader = await fixture.ClientForAsync("province.leader");
        await FailsAsync(ApiFailure.Forbidden, () => leader.CreateCampaignAsync(new CreateCampaignRequest("x", "other", new DateOnly(2026, 6, 30), ["643"]), cancel));
        await FailsAsync(ApiFailure.Invalid, () => bmt.ListCampaignsAsync(new CampaignQuery("x"), cancel));
    }
}
