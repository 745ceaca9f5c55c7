using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.Cleansing.Domain;
using Dakla06.IntegrationTests.Support;
using MiniExcelLibs;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// Every column that holds personal data is masked for a caller without pii-reader — by what it is, not only the first
/// column the validator maps: a second name column (<c>ho_va_ten</c>), a second ID column (<c>cccd</c>), the old ID,
/// the phone and the address — in the record, the record list, results.csv and results.xlsx. Asserted on decoded values.
/// </summary>
public sealed class PersonalColumnsTests(CleansingFixture fixture) : IClassFixture<CleansingFixture>
{
    private const string Batch =
        "ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ho_va_ten,cccd,so_cmnd,so_dien_thoai,dia_chi,ngay_thang_nam_sinh,ghi_chu\r\n"
        + "Trần Thị Bình,04/03/1985,Nữ,066185000123,Trần Thị Bình,066185000123,241234567,0912345678,12 Lê Duẩn phường Tân Lợi,04/03/1985,đã tiêm mũi 2\r\n";

    /// <summary>What must not be readable without pii-reader, in any field.</summary>
    private static readonly string[] Secrets = ["Bình", "Trần", "066185000123", "04/03", "241234567", "0912345678", "Lê Duẩn"];

    [Fact]
    public async Task Without_pii_reader_every_personal_column_is_masked_in_records_lists_and_downloads()
    {
        var cancel = TestContext.Current.CancellationToken;
        var officer = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "bmt.officer"); // no pii-reader
        var id = await UploadAsync(officer);

        var record = await officer.GetStringAsync($"/api/cleansing/batches/{id}/records/2", cancel);
        AssertMasked("record", JsonStrings.Of(record));
        Assert.Contains("đã tiêm mũi 2", JsonStrings.Of(record));
        var values = JsonDocument.Parse(record).RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["T*** T** B***", "**/**/1985", "Nữ", "066******123", "T*** T** B***", "066******123", "241***567", "*******678", "1* L* D*** p***** T** L**", "**/**/1985", "đã tiêm mũi 2"], values);

        var list = await officer.GetStringAsync($"/api/cleansing/batches/{id}/records?pageSize=200", cancel);
        AssertMasked("list", JsonStrings.Of(list));

        var csv = (await officer.GetStringAsync($"/api/cleansing/batches/{id}/results.csv", cancel)).TrimStart('\uFEFF');
        AssertMasked("results.csv", csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).SelectMany(RecordLine.Split).ToList());

        using var xlsx = new MemoryStream(await officer.GetByteArrayAsync($"/api/cleansing/batches/{id}/results.xlsx", cancel));
        var cells = xlsx.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .SelectMany(row => row.Values).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList();
        AssertMasked("results.xlsx", cells);
        Assert.Contains("đã tiêm mũi 2", cells);

        // A pii-reader reads the same record in clear.
        var cleanser = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.cleanser");
        var clear = await cleanser.GetStringAsync($"/api/cleansing/batches/{id}/records/2", cancel);
        Assert.Equal(2, JsonDocument.Parse(clear).RootElement.GetProperty("values").EnumerateArray().Count(v => v.GetString() == "Trần Thị Bình"));
    }

    private static void AssertMasked(string where, IReadOnlyCollection<string> decoded)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(decoded.Any(s => s.Contains(secret, StringComparison.Ordinal)), $"{where} carries \"{secret}\" in clear");
        }
    }

    private static async Task<Guid> UploadAsync(HttpClient client)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Batch)), "file", "tiem-chung.csv");
        form.Add(new StringContent("vaccination"), "dataset");
        form.Add(new StringContent("643"), "unitCode");
        using var response = await client.PostAsync("/api/cleansing/batches", form, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        Assert.True(response.IsSuccessStatusCode, $"upload: {(int)response.StatusCode} {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        await Eventually.ReturnsAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/cleansing/batches/{id}", cancel),
            b => b.GetProperty("status").GetString() == "completed", because: "batch completed");
        return id;
    }
}
