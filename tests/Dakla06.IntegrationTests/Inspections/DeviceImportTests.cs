using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>
/// Devices over HTTP with real tokens: registration, the scoped list, and CSV/XLSX import (valid lines kept, invalid
/// lines reported by line number). Each test uses its own asset tags: the class shares one database.
/// </summary>
public sealed class DeviceImportTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient client, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal)
            ? "text/csv"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync("/api/inspections/devices/import", form, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> ImportCsvAsync(HttpClient client, string csv) =>
        ImportAsync(client, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "thiet-bi.csv");

    private static int[] Counts(JsonElement result) =>
        [result.GetProperty("inserted").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("rejected").GetInt32()];

    private static (int Line, string Field)[] Errors(JsonElement result) =>
        result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()!)).ToArray();

    private static async Task<Dictionary<string, JsonElement>> DevicesAsync(HttpClient client, string query)
    {
        var page = await InspectionsFixture.GetAsync(client, $"/api/inspections/devices?pageSize=200&{query}");
        return page.GetProperty("items").EnumerateArray().ToDictionary(d => d.GetProperty("assetTag").GetString()!, d => d);
    }

    [Fact]
    public async Task Csv_import_saves_the_valid_lines_and_reports_each_invalid_line_with_its_number_and_field()
    {
        using var bmt = await fixture.ClientForAsync("bmt.inspector");
        var (status, result) = await ImportCsvAsync(bmt, """
            ma_tai_san;ma_don_vi;muc_dich;mo_ta
            CA-643-LT-101;24136;Máy tính xách tay thu nhận hồ sơ CCCD;Dell Latitude 5420
            CA-643-LT-102;24136;;Thiếu mục đích
            CA-643-LT-103;99999;Thu nhận hồ sơ;Đơn vị không tồn tại
            CA-644-LT-101;644;Thu nhận hồ sơ;Thị xã Buôn Hồ, ngoài phạm vi
            CA-643-PC-101;643;Máy tính khai thác CSDL quốc gia về dân cư;
            ca-643-lt-101;24118;Trùng mã với dòng 2;
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([2, 0, 4], Counts(result));
        Assert.Equal([(3, "purpose"), (4, "unitCode"), (5, "unitCode"), (7, "assetTag")], Errors(result));
        var messages = result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToArray();
        Assert.Equal("Mục đích sử dụng là bắt buộc.", messages[0]);
        Assert.Equal("Đơn vị Thị xã Buôn Hồ (644) ngoài phạm vi quản lý của bạn.", messages[2]);
        Assert.Equal("Mã tài sản CA-643-LT-101 trùng với dòng 2 trong tệp.", messages[3]);

        using var province = await fixture.ClientForAsync("province.inspector");
        var saved = await DevicesAsync(province, "q=-101");
        Assert.Equal(["CA-643-LT-101", "CA-643-PC-101"], saved.Keys.Order().ToArray());
        var laptop = saved["CA-643-LT-101"];
        Assert.Equal("24136", laptop.GetProperty("unitCode").GetString());
        Assert.Equal("Phường Tân Lợi", laptop.GetProperty("unitName").GetString());
        Assert.Equal("Máy tính xách tay thu nhận hồ sơ CCCD", laptop.GetProperty("purpose").GetString());
        Assert.Equal(JsonValueKind.Null, laptop.GetProperty("lastInspectedOn").ValueKind);
    }

    [Fact]
    public async Task Xlsx_import_and_a_second_import_update_devices_by_asset_tag()
    {
        using var bmt = await fixture.ClientForAsync("bmt.inspector");
        static byte[] Workbook(params object?[][] rows)
        {
            var sheet = rows.Select(r => new Dictionary<string, object?> { ["A"] = r[0], ["B"] = r[1], ["C"] = r[2], ["D"] = r[3] }).ToList();
            using var stream = new MemoryStream();
            stream.SaveAs(sheet, printHeader: false);
            return stream.ToArray();
        }

        var first = Workbook(
            ["asset_tag", "unit_code", "purpose", "description"],
            ["CA-643-LT-201", 24121, "Thu nhận hồ sơ CCCD", "Lenovo"],
            ["CA-643-LT-202", "24121", "Thu nhận hồ sơ CCCD", null]);
        var (status, result) = await ImportAsync(bmt, first, "dot-1.xlsx");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([2, 0, 0], Counts(result));
        Assert.Empty(Errors(result));

        var second = Workbook(
            ["asset_tag", "unit_code", "purpose", "description"],
            ["CA-643-LT-201", 24124, "Chuyển sang phường Tân An", "Lenovo"],
            ["CA-643-LT-202", 24121, "Thu nhận hồ sơ CCCD", "Đã cài lại hệ điều hành"],
            ["CA-643-LT-203", 24121, null, null],
            ["CA-643-LT-204", 24121, "Máy mới", null]);
        (status, result) = await ImportAsync(bmt, second, "dot-2.xlsx");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1, 2, 1], Counts(result));
        Assert.Equal([(4, "purpose")], Errors(result));

        var devices = await DevicesAsync(bmt, "q=CA-643-LT-20");
        Assert.Equal(["CA-643-LT-201", "CA-643-LT-202", "CA-643-LT-204"], devices.Keys.Order().ToArray());
        Assert.Equal("24124", devices["CA-643-LT-201"].GetProperty("unitCode").GetString());
        Assert.Equal("Chuyển sang phường Tân An", devices["CA-643-LT-201"].GetProperty("purpose").GetString());
        Assert.Equal("Đã cài lại hệ điều hành", devices["CA-643-LT-202"].GetProperty("description").GetString());
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM devices WHERE asset_tag = 'CA-643-LT-201'"));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_whole_with_400_naming_the_column()
    {
        using var bmt = await fixture.ClientForAsync("bmt.inspector");
        var (status, problem) = await ImportCsvAsync(bmt, "asset_tag,purpose\nCA-643-LT-301,Thu nhận\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("file").EnumerateArray()).GetString();
        Assert.Contains("\"unit_code\"", message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM devices WHERE asset_tag = 'CA-643-LT-301'"));

        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var noFile = await bmt.PostAsync("/api/inspections/devices/import", empty, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("\"file\"", await noFile.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_and_registering_need_the_security_inspector_role()
    {
        using var officer = await fixture.ClientForAsync("bmt.officer");
        var (status, _) = await ImportCsvAsync(officer, "asset_tag,unit_code,purpose\nCA-643-LT-401,643,Thu nhận\n");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        await InspectionsFixture.PostAsync(officer, "/api/inspections/devices", new { assetTag = "CA-643-LT-402", unitCode = "643", purpose = "Thu nhận" }, 403);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM devices WHERE asset_tag IN ('CA-643-LT-401', 'CA-643-LT-402')"));
    }

    [Fact]
    public async Task An_import_cannot_move_a_device_registered_outside_the_importers_scope()
    {
        using var province = await fixture.ClientForAsync("province.inspector");
        await InspectionsFixture.PostAsync(province, "/api/inspections/devices",
            new { assetTag = "CA-644-LT-501", unitCode = "644", purpose = "Thu nhận hồ sơ CCCD", description = "Thị xã Buôn Hồ" }, 201);

        using var bmt = await fixture.ClientForAsync("bmt.inspector");
        var (status, result) = await ImportCsvAsync(bmt, """
            asset_tag,unit_code,purpose
            CA-643-LT-501,643,Thu nhận hồ sơ CCCD
            CA-644-LT-501,643,Chiếm mã của Buôn Hồ
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([1, 0, 1], Counts(result));
        Assert.Equal([(3, "assetTag")], Errors(result));
        var kept = (await DevicesAsync(province, "q=CA-644-LT-501"))["CA-644-LT-501"];
        Assert.Equal("644", kept.GetProperty("unitCode").GetString());
        Assert.Equal("Thu nhận hồ sơ CCCD", kept.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Registering_a_device_validates_fields_scope_and_asset_tag_uniqueness()
    {
        using var bmt = await fixture.ClientForAsync("bmt.inspector");
        var created = await InspectionsFixture.PostAsync(bmt, "/api/inspections/devices",
            new { assetTag = " ca-643-lt-601 ", unitCode = "24136", purpose = "Máy tính xách tay thu nhận hồ sơ CCCD" }, 201);
        Assert.Equal("CA-643-LT-601", created.GetProperty("assetTag").GetString());
        Assert.Equal("Phường Tân Lợi", created.GetProperty("unitName").GetString());
        Assert.Equal(string.Empty, created.GetProperty("description").GetString());

        var conflict = await InspectionsFixture.PostAsync(bmt, "/api/inspections/devices",
            new { assetTag = "CA-643-LT-601", unitCode = "643", purpose = "Trùng mã" }, 409);
        Assert.Contains("CA-643-LT-601", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await InspectionsFixture.PostAsync(bmt, "/api/inspections/devices", new { assetTag = "CA-644-LT-601", unitCode = "644", purpose = "Thu nhận" }, 403);

        var invalid = await InspectionsFixture.PostAsync(bmt, "/api/inspections/devices", new { assetTag = "", unitCode = "99999" }, 400);
        Assert.Equal(["assetTag", "purpose", "unitCode"], invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray());
    }

    [Fact]
    public async Task The_device_list_is_scoped_to_the_callers_unit_and_shows_the_latest_inspection()
    {
        using var province = await fixture.ClientForAsync("province.inspector");
        var inBmt = (await InspectionsFixture.PostAsync(province, "/api/inspections/devices",
            new { assetTag = "CA-643-LT-701", unitCode = "24118", purpose = "Thu nhận hồ sơ CCCD" }, 201)).GetProperty("id").GetGuid();
        await InspectionsFixture.PostAsync(province, "/api/inspections/devices",
            new { assetTag = "CA-644-LT-701", unitCode = "644", purpose = "Thu nhận hồ sơ CCCD" }, 201);

        using var bmtInspector = await fixture.ClientForAsync("bmt.inspector");
        await InspectionsFixture.RunInspectionAsync(bmtInspector, "device", inBmt, "CAH-643", fixture.Today.AddDays(-20), failed: []);
        await InspectionsFixture.RunInspectionAsync(bmtInspector, "device", inBmt, "CAH-643", fixture.Today.AddDays(-3), failed: [1]);

        using var officer = await fixture.ClientForAsync("bmt.officer");
        var visible = await DevicesAsync(officer, "q=-701");
        var device = Assert.Single(visible).Value;
        Assert.Equal("CA-643-LT-701", device.GetProperty("assetTag").GetString());
        Assert.Equal(InspectionsFixture.Iso(fixture.Today.AddDays(-3)), device.GetProperty("lastInspectedOn").GetString());
        Assert.Equal("fail", device.GetProperty("lastResult").GetString());

        Assert.Equal(2, (await DevicesAsync(province, "q=-701")).Count);
        Assert.Equal(["CA-644-LT-701"], (await DevicesAsync(province, "q=-701&unit=644")).Keys.ToArray());
        Assert.Empty(await DevicesAsync(officer, "q=-701&unit=644"));
        Assert.Empty(await DevicesAsync(officer, "q=-701&unit=24121"));
        await InspectionsFixture.GetAsync(officer, "/api/inspections/devices?unit=99999", 400);
    }
}
