using System.Net;
using System.Text;
using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Inspections;
using MiniExcelLibs;
using static Dakla06.IntegrationTests.Inspections.InspectionsFixture;
using static Dakla06.IntegrationTests.Support.ApiAssert;

namespace Dakla06.IntegrationTests.Inspections;

/// <summary>
/// Devices over HTTP with real tokens: registration, the scoped list, and CSV/XLSX import (valid lines kept, invalid
/// lines reported by line number). Each test uses its own asset tags: the class shares one database.
/// </summary>
public sealed class DeviceImportTests(InspectionsFixture fixture) : IClassFixture<InspectionsFixture>
{
    private static async Task<DeviceImportResponse> ImportAsync(InspectionsClient client, byte[] content, string fileName)
    {
        using var file = new MemoryStream(content);
        return await client.ImportDevicesAsync(file, fileName, TestContext.Current.CancellationToken);
    }

    private static Task<DeviceImportResponse> ImportCsvAsync(InspectionsClient client, string csv) =>
        ImportAsync(client, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "thiet-bi.csv");

    private static int[] Counts(DeviceImportResponse result) => [result.Inserted, result.Updated, result.Rejected];

    private static (int Line, string Field)[] Errors(DeviceImportResponse result) => [.. result.Errors.Select(e => (e.Line, e.Field))];

    private static async Task<Dictionary<string, DeviceDto>> DevicesAsync(InspectionsClient client, string q, string? unit = null) =>
        (await client.ListDevicesAsync(q, unit, 1, 200, TestContext.Current.CancellationToken)).Items.ToDictionary(d => d.AssetTag);

    [Fact]
    public async Task Csv_import_saves_the_valid_lines_and_reports_each_invalid_line_with_its_number_and_field()
    {
        var bmt = await fixture.ClientForAsync("bmt.inspector");
        var result = await ImportCsvAsync(bmt, """
            ma_tai_san;ma_don_vi;muc_dich;mo_ta
            CA-643-LT-101;24136;Máy tính xách tay thu nhận hồ sơ CCCD;Dell Latitude 5420
            CA-643-LT-102;24136;;Thiếu mục đích
            CA-643-LT-103;99999;Thu nhận hồ sơ;Đơn vị không tồn tại
            CA-644-LT-101;644;Thu nhận hồ sơ;Thị xã Buôn Hồ, ngoài phạm vi
            CA-643-PC-101;643;Máy tính khai thác CSDL quốc gia về dân cư;
            ca-643-lt-101;24118;Trùng mã với dòng 2;
            """);

        Assert.Equal([2, 0, 4], Counts(result));
        Assert.Equal([(3, "purpose"), (4, "unitCode"), (5, "unitCode"), (7, "assetTag")], Errors(result));
        var messages = result.Errors.Select(e => e.Message).ToArray();
        Assert.Equal("Mục đích sử dụng là bắt buộc.", messages[0]);
        Assert.Equal("Đơn vị Thị xã Buôn Hồ (644) ngoài phạm vi quản lý của bạn.", messages[2]);
        Assert.Equal("Mã tài sản CA-643-LT-101 trùng với dòng 2 trong tệp.", messages[3]);

        var province = await fixture.ClientForAsync("province.inspector");
        var saved = await DevicesAsync(province, "-101");
        Assert.Equal(["CA-643-LT-101", "CA-643-PC-101"], saved.Keys.Order().ToArray());
        var laptop = saved["CA-643-LT-101"];
        Assert.Equal("24136", laptop.UnitCode);
        Assert.Equal("Phường Tân Lợi", laptop.UnitName);
        Assert.Equal("Máy tính xách tay thu nhận hồ sơ CCCD", laptop.Purpose);
        Assert.Null(laptop.LastInspectedOn);
    }

    [Fact]
    public async Task Xlsx_import_and_a_second_import_update_devices_by_asset_tag()
    {
        var bmt = await fixture.ClientForAsync("bmt.inspector");
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
        var result = await ImportAsync(bmt, first, "dot-1.xlsx");
        Assert.Equal([2, 0, 0], Counts(result));
        Assert.Empty(Errors(result));

        var second = Workbook(
            ["asset_tag", "unit_code", "purpose", "description"],
            ["CA-643-LT-201", 24124, "Chuyển sang phường Tân An", "Lenovo"],
            ["CA-643-LT-202", 24121, "Thu nhận hồ sơ CCCD", "Đã cài lại hệ điều hành"],
            ["CA-643-LT-203", 24121, null, null],
            ["CA-643-LT-204", 24121, "Máy mới", null]);
        result = await ImportAsync(bmt, second, "dot-2.xlsx");
        Assert.Equal([1, 2, 1], Counts(result));
        Assert.Equal([(4, "purpose")], Errors(result));

        var devices = await DevicesAsync(bmt, "CA-643-LT-20");
        Assert.Equal(["CA-643-LT-201", "CA-643-LT-202", "CA-643-LT-204"], devices.Keys.Order().ToArray());
        Assert.Equal("24124", devices["CA-643-LT-201"].UnitCode);
        Assert.Equal("Chuyển sang phường Tân An", devices["CA-643-LT-201"].Purpose);
        Assert.Equal("Đã cài lại hệ điều hành", devices["CA-643-LT-202"].Description);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM devices WHERE asset_tag = 'CA-643-LT-201'"));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_whole_with_400_naming_the_column()
    {
        var bmt = await fixture.ClientForAsync("bmt.inspector");
        var refused = await FailsAsync(ApiFailure.Invalid, () => ImportCsvAsync(bmt, "asset_tag,purpose\nCA-643-LT-301,Thu nhận\n"));

        var message = Assert.Single(refused.FieldErrors["file"]);
        Assert.Contains("\"unit_code\"", message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM devices WHERE asset_tag = 'CA-643-LT-301'"));

        // Raw HTTP: a form without the file part is a shape the typed client cannot send.
        var http = await fixture.HttpClientForAsync("bmt.inspector");
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var noFile = await http.PostAsync(InspectionsRoutes.Path(InspectionsRoutes.DevicesImport), empty, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("\"file\"", await noFile.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_and_registering_need_the_security_inspector_role()
    {
        var officer = await fixture.ClientForAsync("bmt.officer");
        await FailsAsync(ApiFailure.Forbidden, () => ImportCsvAsync(officer, "asset_tag,unit_code,purpose\nCA-643-LT-401,643,Thu nhận\n"));
        await FailsAsync(ApiFailure.Forbidden, () => officer.CreateDeviceAsync(
            new CreateDeviceRequest("CA-643-LT-402", "643", "Thu nhận", null), TestContext.Current.CancellationToken));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM devices WHERE asset_tag IN ('CA-643-LT-401', 'CA-643-LT-402')"));
    }

    [Fact]
    public async Task An_import_cannot_move_a_device_registered_outside_the_importers_scope()
    {
        var province = await fixture.ClientForAsync("province.inspector");
        await province.CreateDeviceAsync(
            new CreateDeviceRequest("CA-644-LT-501", "644", "Thu nhận hồ sơ CCCD", "Thị xã Buôn Hồ"), TestContext.Current.CancellationToken);

        var bmt = await fixture.ClientForAsync("bmt.inspector");
        var result = await ImportCsvAsync(bmt, """
            asset_tag,unit_code,purpose
            CA-643-LT-501,643,Thu nhận hồ sơ CCCD
            CA-644-LT-501,643,Chiếm mã của Buôn Hồ
            """);

        Assert.Equal([1, 0, 1], Counts(result));
        Assert.Equal([(3, "assetTag")], Errors(result));
        var kept = (await DevicesAsync(province, "CA-644-LT-501"))["CA-644-LT-501"];
        Assert.Equal("644", kept.UnitCode);
        Assert.Equal("Thu nhận hồ sơ CCCD", kept.Purpose);
    }

    [Fact]
    public async Task Registering_a_device_validates_fields_scope_and_asset_tag_uniqueness()
    {
        var cancel = TestContext.Current.CancellationToken;
        var bmt = await fixture.ClientForAsync("bmt.inspector");
        var created = await bmt.CreateDeviceAsync(new CreateDeviceRequest(" ca-643-lt-601 ", "24136", "Máy tính xách tay thu nhận hồ sơ CCCD", null), cancel);
        Assert.Equal("CA-643-LT-601", created.AssetTag);
        Assert.Equal("Phường Tân Lợi", created.UnitName);
        Assert.Equal(string.Empty, created.Description);

        var conflict = await FailsAsync(ApiFailure.Conflict, () => bmt.CreateDeviceAsync(new CreateDeviceRequest("CA-643-LT-601", "643", "Trùng mã", null), cancel));
        Assert.Contains("CA-643-LT-601", conflict.Detail, StringComparison.Ordinal);

        await FailsAsync(ApiFailure.Forbidden, () => bmt.CreateDeviceAsync(new CreateDeviceRequest("CA-644-LT-601", "644", "Thu nhận", null), cancel));

        var invalid = await FailsAsync(ApiFailure.Invalid, () => bmt.CreateDeviceAsync(new CreateDeviceRequest("", "99999", null, null), cancel));
        Assert.Equal(["assetTag", "purpose", "unitCode"], Fields(invalid));
    }

    [Fact]
    public async Task The_device_list_is_scoped_to_the_callers_unit_and_shows_the_latest_inspection()
    {
        var cancel = TestContext.Current.CancellationToken;
        var province = await fixture.ClientForAsync("province.inspector");
        var inBmt = (await province.CreateDeviceAsync(new CreateDeviceRequest("CA-643-LT-701", "24118", "Thu nhận hồ sơ CCCD", null), cancel)).Id;
        await province.CreateDeviceAsync(new CreateDeviceRequest("CA-644-LT-701", "644", "Thu nhận hồ sơ CCCD", null), cancel);

        var bmtInspector = await fixture.ClientForAsync("bmt.inspector");
        await RunInspectionAsync(bmtInspector, "device", inBmt, "CAH-643", fixture.Today.AddDays(-20), failed: []);
        await RunInspectionAsync(bmtInspector, "device", inBmt, "CAH-643", fixture.Today.AddDays(-3), failed: [1]);

        var officer = await fixture.ClientForAsync("bmt.officer");
        var visible = await DevicesAsync(officer, "-701");
        var device = Assert.Single(visible).Value;
        Assert.Equal("CA-643-LT-701", device.AssetTag);
        Assert.Equal(fixture.Today.AddDays(-3), device.LastInspectedOn);
        Assert.Equal("fail", device.LastResult);

        Assert.Equal(2, (await DevicesAsync(province, "-701")).Count);
        Assert.Equal(["CA-644-LT-701"], (await DevicesAsync(province, "-701", unit: "644")).Keys.ToArray());
        Assert.Empty(await DevicesAsync(officer, "-701", unit: "644"));
        Assert.Empty(await DevicesAsync(officer, "-701", unit: "24121"));
        await FailsAsync(ApiFailure.Invalid, () => officer.ListDevicesAsync(null, "99999", 1, 20, cancel));
    }
}
