using System.Text;
using System.Text.Json;
using Dakla06.Cleansing.Domain;

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
    private static async Task<Guid> CreateCampaignAsync(HttpClient client, string name, params string[] targets)
    {
        var created = await CleansingFixture.PostAsync(client, "/api/cleansing/campaigns",
            new { name, dataset = "vaccination", deadline = "2026-12-31", targetUnitCodes = targets }, 201);
        return created.GetProperty("id").GetGuid();
    }

    private static async Task<Guid> BatchAsync(HttpClient client, string unitCode, Guid? campaign, int matched, int flagged, int cleaned)
    {
        var created = await CleansingFixture.UploadAsync(client, Encoding.UTF8.GetBytes(CampaignTestsFixture.Batch(matched, flagged)), unitCode: unitCode, campaignId: campaign);
        var id = created.GetProperty("id").GetGuid();
        await CleansingFixture.AwaitBatchAsync(client, id);
        for (var line = matched + 2; line < matched + 2 + cleaned; line++)
        {
            await CleansingFixture.PostAsync(client, $"/api/cleansing/batches/{id}/records/{line}/resolve", new { action = "accept-suggestion", suggestionIndex = 0 });
        }

        // One flagged record of each batch is marked unfixable: resolved, but not cleaned.
        if (cleaned < flagged)
        {
            await CleansingFixture.PostAsync(client, $"/api/cleansing/batches/{id}/records/{matched + 2 + cleaned}/resolve", new { action = "unfixable", reason = "Không liên lạc được" });
        }

        return id;
    }

    private static Dictionary<string, JsonElement> Rows(JsonElement progress) =>
        progress.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("unitCode").GetString()!);

    [Fact]
    public async Task Progress_per_unit_counts_cleaned_of_flagged_records_of_the_campaign_only()
    {
        var province = await fixture.ClientForAsync("province.cleanser");
        var campaign = await CreateCampaignAsync(province, "Làm sạch dữ liệu tiêm chủng COVID-19", "643", "644");

        // Buôn Ma Thuột: Tân Lợi 2 of 3 cleaned, Tân Lập 0 of 2, the city's own list 1 of 1; Buôn Hồ 1 of 4.
        await BatchAsync(await fixture.ClientForAsync("tanloi.officer"), "24136", campaign, matched: 2, flagged: 3, cleaned: 2);
        await BatchAsync(province, "24118", campaign, matched: 1, flagged: 2, cleaned: 0);
        await BatchAsync(await fixture.ClientForAsync("bmt.officer"), "643", campaign, matched: 0, flagged: 1, cleaned: 1);
        await BatchAsync(province, "644", campaign, matched: 3, flagged: 4, cleaned: 1);
        // Not part of the campaign, or cancelled: never counted.
        await BatchAsync(province, "24136", null, matched: 0, flagged: 5, cleaned: 1);
        var cancelled = await CleansingFixture.UploadAsync(province, Encoding.UTF8.GetBytes(CampaignTestsFixture.Batch(0, 3)), unitCode: "24136", campaignId: campaign);
        await CleansingFixture.AwaitBatchAsync(province, cancelled.GetProperty("id").GetGuid());
        await fixture.ScalarAsync("UPDATE batches SET status = 'cancelled' WHERE id = @id RETURNING 1", ("id", cancelled.GetProperty("id").GetGuid()));

        // The province sees its two target districts.
        var atProvince = await CleansingFixture.GetAsync(province, $"/api/cleansing/campaigns/{campaign}/progress");
        var districts = Rows(atProvince);
        Assert.Equal(["643", "644"], districts.Keys);
        Assert.Equal("3/6 (50%)", districts["643"].GetProperty("figure").GetString());
        Assert.Equal(6, districts["643"].GetProperty("flagged").GetInt64());
        Assert.Equal(3, districts["643"].GetProperty("cleaned").GetInt64());
        Assert.Equal(50, districts["643"].GetProperty("percent").GetDouble());
        Assert.Equal("1/4 (25%)", districts["644"].GetProperty("figure").GetString());
        Assert.Equal("4/10 (40%)", atProvince.GetProperty("total").GetProperty("figure").GetString());

        // Buôn Ma Thuột: its 21 communes (all targeted through the district), plus the city's own list first.
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var atCity = await CleansingFixture.GetAsync(bmt, $"/api/cleansing/campaigns/{campaign}/progress");
        var communes = Rows(atCity);
        Assert.Equal(22, communes.Count);
        Assert.Equal("643", atCity.GetProperty("rows")[0].GetProperty("unitCode").GetString());
        Assert.Equal("1/1 (100%)", communes["643"].GetProperty("figure").GetString());
        Assert.Equal("2/3 (66,7%)", communes["24136"].GetProperty("figure").GetString());
        Assert.Equal(66.7, communes["24136"].GetProperty("percent").GetDouble());
        Assert.Equal("0/2 (0%)", communes["24118"].GetProperty("figure").GetString());
        Assert.Equal("0/0 (0%)", communes["24121"].GetProperty("figure").GetString());
        Assert.Equal("3/6 (50%)", atCity.GetProperty("total").GetProperty("figure").GetString());
        Assert.Equal(atCity.ToString(), (await CleansingFixture.GetAsync(province, $"/api/cleansing/campaigns/{campaign}/progress?unit=643")).ToString());

        // Tân Lợi sees only itself; the city's progress is a read outside its scope: 404, as for a unit that is not there.
        var tanLoi = await fixture.ClientForAsync("tanloi.officer");
        var atCommune = await CleansingFixture.GetAsync(tanLoi, $"/api/cleansing/campaigns/{campaign}/progress");
        Assert.Equal("2/3 (66,7%)", atCommune.GetProperty("total").GetProperty("figure").GetString());
        Assert.Equal(["24136"], Rows(atCommune).Keys);
        await CleansingFixture.GetAsync(tanLoi, $"/api/cleansing/campaigns/{campaign}/progress?unit=643", 404);
        await CleansingFixture.GetAsync(tanLoi, $"/api/cleansing/campaigns/{campaign}/progress?unit=12", 400);

        // Fixing one more record of Tân Lập moves the figures.
        var tanLapBatch = (await CleansingFixture.GetAsync(province, $"/api/cleansing/batches?unitCode=24118&campaignId={campaign}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        await CleansingFixture.PostAsync(province, $"/api/cleansing/batches/{tanLapBatch}/records/3/resolve", new { action = "accept-suggestion", suggestionIndex = 0 });
        var after = Rows(await CleansingFixture.GetAsync(bmt, $"/api/cleansing/campaigns/{campaign}/progress"));
        Assert.Equal("1/2 (50%)", after["24118"].GetProperty("figure").GetString());
    }

    [Fact]
    public async Task Campaigns_are_created_by_cleansing_officers_for_units_in_scope_and_seen_from_above_and_below()
    {
        var bmt = await fixture.ClientForAsync("bmt.officer");
        var created = await CleansingFixture.PostAsync(bmt, "/api/cleansing/campaigns",
            new { name = "  Làm sạch dữ liệu trẻ em  ", dataset = "children", deadline = "2026-06-30", targetUnitCodes = new[] { "24136", "24118", "24136" } }, 201);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("Làm sạch dữ liệu trẻ em", created.GetProperty("name").GetString());
        Assert.Equal("643", created.GetProperty("unitCode").GetString());
        Assert.Equal(["24118", "24136"], created.GetProperty("targetUnitCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Phường Tân Lợi", created.GetProperty("targetUnitNames")[1].GetString());

        // Seen by the district, a commune below it and the province above it; not by another district.
        foreach (var username in new[] { "bmt.officer", "tanloi.officer", "province.leader" })
        {
            var list = await CleansingFixture.GetAsync(await fixture.ClientForAsync(username), "/api/cleansing/campaigns");
            Assert.Contains(list.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        }

        var buonHo = await fixture.ClientForAsync("buonho.officer");
        Assert.DoesNotContain((await CleansingFixture.GetAsync(buonHo, "/api/cleansing/campaigns")).EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        await CleansingFixture.GetAsync(buonHo, $"/api/cleansing/campaigns/{id}", 404);
        await CleansingFixture.GetAsync(buonHo, $"/api/cleansing/campaigns/{id}/progress", 404);

        // Validation names the fields; targets outside the scope are 403; only cleansing officers create.
        var invalid = await CleansingFixture.PostAsync(bmt, "/api/cleansing/campaigns", new { name = "", dataset = "x", targetUnitCodes = new[] { "99999" } }, 400);
        Assert.Equal(["dataset", "deadline", "name", "targetUnitCodes"], invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        await CleansingFixture.PostAsync(bmt, "/api/cleansing/campaigns", new { name = "x", dataset = "other", deadline = "2026-06-30", targetUnitCodes = new[] { "644" } }, 403);
        await CleansingFixture.PostAsync(await fixture.ClientForAsync("province.leader"), "/api/cleansing/campaigns",
            new { name = "x", dataset = "other", deadline = "2026-06-30", targetUnitCodes = new[] { "643" } }, 403);
        await CleansingFixture.GetAsync(bmt, "/api/cleansing/campaigns?dataset=x", 400);
    }
}
