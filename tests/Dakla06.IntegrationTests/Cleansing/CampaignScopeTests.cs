using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.IntegrationTests.Support;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// A batch names a campaign only when the campaign is in the uploader's view and reaches the batch's unit: Tân Lợi's
/// officer cannot count a batch in a campaign for Buôn Hồ (it used to answer 202), and a campaign id the caller cannot
/// see answers exactly like one that does not exist.
/// </summary>
public sealed class CampaignScopeTests(CleansingFixture fixture) : IClassFixture<CleansingFixture>
{
    private const string Batch = "ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh\r\nTrần Thị Bình,04/03/1985,Nữ,\r\n";

    [Fact]
    public async Task A_campaign_that_does_not_reach_the_batchs_unit_is_refused_naming_campaignId()
    {
        var province = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.cleanser");
        var tanLoi = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "tanloi.officer");
        var bmt = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "bmt.officer");
        var buonHo = await CreateCampaignAsync(province, "Làm sạch dữ liệu Buôn Hồ", "644");
        var tanLap = await CreateCampaignAsync(bmt, "Làm sạch dữ liệu Tân Lập", "24118");

        var offTarget = await UploadAsync(tanLoi, "24136", buonHo, 400);
        Assert.Equal(["campaignId"], offTarget.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await UploadAsync(tanLoi, "24136", tanLap, 400);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM batches WHERE campaign_id IS NOT NULL"));

        // An unknown id: 400 naming campaignId, the same answer as for a campaign out of view.
        var unknown = await UploadAsync(tanLoi, "24136", Guid.NewGuid(), 400);
        Assert.Equal(["campaignId"], unknown.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // Within the campaign's reach: accepted and counted.
        await UploadAsync(bmt, "24118", tanLap, 202);
        await UploadAsync(province, "644", buonHo, 202);
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM batches WHERE campaign_id IS NOT NULL"));
    }

    private static async Task<Guid> CreateCampaignAsync(HttpClient client, string name, params string[] targets)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var response = await client.PostAsJsonAsync("/api/cleansing/campaigns",
            new { name, dataset = "vaccination", deadline = "2026-12-31", targetUnitCodes = targets }, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True(response.IsSuccessStatusCode, $"campaign: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, string unitCode, Guid campaignId, int expectedStatus)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Batch)), "file", "batch.csv");
        form.Add(new StringContent("vaccination"), "dataset");
        form.Add(new StringContent(unitCode), "unitCode");
        form.Add(new StringContent(campaignId.ToString()), "campaignId");
        using var response = await client.PostAsync("/api/cleansing/batches", form, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True((int)response.StatusCode == expectedStatus, $"upload for {unitCode}: expected {expectedStatus}, got {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
