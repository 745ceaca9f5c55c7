using System.Text;
using Dakla06.Contracts.AdminUnits;
using Dakla06.Inspections.Domain;
using Dakla06.ServiceDefaults.Http;
using Dakla06.ServiceDefaults.Security;
using MiniExcelLibs;

namespace Dakla06.UnitTests.Inspections;

public class DeviceImportTests
{
    private static readonly UnitScope BuonMaThuot = new(AdminUnitDirectory.Default.Get("643"));

    private static (DeviceImportFile? File, IDictionary<string, string[]> FileErrors) Csv(string text, bool bom = false, UnitScope? scope = null)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }

        var errors = new ValidationErrors();
        var file = DeviceImport.Read("thiet-bi.csv", bytes, scope ?? BuonMaThuot, errors);
        return (file, errors.ToDictionary());
    }

    private static string[] Tags(DeviceImportFile file) => file.Rows.Select(r => r.Device.AssetTag).ToArray();

    private static (int Line, string Field)[] Problems(DeviceImportFile file) => file.Errors.Select(e => (e.Line, e.Field)).ToArray();

    [Fact]
    public void English_headers_with_commas_give_one_row_per_line_with_the_unit_resolved()
    {
        var (file, fileErrors) = Csv("""
            asset_tag,unit_code,purpose,description
            CA-643-LT-001,24136,Máy tính xách tay thu nhận hồ sơ CCCD,Dell Latitude
            ca-643-pc-001 , 643 ,  Máy tính khai thác CSDL ,
            """);

        Assert.Empty(fileErrors);
        Assert.NotNull(file);
        Assert.Empty(file.Errors);
        Assert.Equal(["CA-643-LT-001", "CA-643-PC-001"], Tags(file));
        var first = file.Rows[0];
        Assert.Equal(2, first.Line);
        Assert.Equal("66.643.24136", first.Device.Unit.Path);
        Assert.Equal("Máy tính xách tay thu nhận hồ sơ CCCD", first.Device.Purpose);
        Assert.Equal("Dell Latitude", first.Device.Description);
        Assert.Equal(3, file.Rows[1].Line);
        Assert.Equal("Máy tính khai thác CSDL", file.Rows[1].Device.Purpose);
        Assert.Equal(string.Empty, file.Rows[1].Device.Description);
    }

    [Fact]
    public void Vietnamese_headers_with_semicolons_and_a_bom_are_read_like_english_ones()
    {
        var (file, fileErrors) = Csv("""
            ma_tai_san;ma_don_vi;muc_dich;mo_ta
            CA-643-LT-002;24118;Thu nhận hồ sơ CCCD;Có dấu phẩy, vẫn một ô
            """, bom: true);

        Assert.Empty(fileErrors);
        Assert.NotNull(file);
        var row = Assert.Single(file.Rows);
        Assert.Equal("CA-643-LT-002", row.Device.AssetTag);
        Assert.Equal("24118", row.Device.Unit.Code);
        Assert.Equal("Có dấu phẩy, vẫn một ô", row.Device.Description);
    }

    [Fact]
    public void Headers_are_matched_without_case_spaces_or_diacritics_and_extra_columns_are_ignored()
    {
        var (file, fileErrors) = Csv("""
            STT,Mã tài sản,Mã đơn vị,Mục đích,Ghi chú,Mô tả
            1,CA-643-LT-003,24121,Thu nhận hồ sơ CCCD,bỏ qua,Lenovo ThinkPad
            """);

        Assert.Empty(fileErrors);
        var row = Assert.Single(file!.Rows);
        Assert.Equal("CA-643-LT-003", row.Device.AssetTag);
        Assert.Equal("Lenovo ThinkPad", row.Device.Description);
    }

    [Fact]
    public void Missing_required_headers_refuse_the_whole_file_naming_each_column()
    {
        var (file, fileErrors) = Csv("""
            asset_tag,description
            CA-643-LT-001,Dell
            """);

        Assert.Null(file);
        var messages = Assert.Single(fileErrors, e => e.Key == "file").Value;
        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.Contains("\"unit_code\"", StringComparison.Ordinal) && m.Contains("\"ma_don_vi\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("\"purpose\"", StringComparison.Ordinal) && m.Contains("\"muc_dich\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Description_column_is_optional_and_a_column_given_twice_is_refused()
    {
        var (file, fileErrors) = Csv("asset_tag,unit_code,purpose\nCA-643-LT-001,643,Thu nhận\n");
        Assert.Empty(fileErrors);
        Assert.Equal(string.Empty, Assert.Single(file!.Rows).Device.Description);

        var (twice, twiceErrors) = Csv("asset_tag,unit_code,purpose,ma_tai_san\nCA-643-LT-001,643,Thu nhận,CA-643-LT-009\n");
        Assert.Null(twice);
        Assert.Contains("cột 1 và cột 4", Assert.Single(twiceErrors["file"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_required_cells_reject_the_line_with_its_number_and_each_field()
    {
        var (file, _) = Csv("""
            asset_tag,unit_code,purpose,description
            CA-643-LT-001,643,Thu nhận,
            ,643,Thu nhận,
            CA-643-LT-002,,,
            CA-643-LT-003,643,Thu nhận
            """);

        Assert.NotNull(file);
        Assert.Equal(["CA-643-LT-001", "CA-643-LT-003"], Tags(file));
        Assert.Equal([(3, "assetTag"), (4, "unitCode"), (4, "purpose")], Problems(file));
        Assert.Equal("Mã tài sản là bắt buộc.", file.Errors[0].Message);
        Assert.Equal("Mã đơn vị là bắt buộc.", file.Errors[1].Message);
    }

    [Fact]
    public void Unknown_units_and_units_outside_the_importers_scope_are_rejected_by_line()
    {
        var (file, _) = Csv("""
            asset_tag,unit_code,purpose
            CA-643-LT-001,99999,Thu nhận
            CA-644-LT-001,644,Thu nhận
            CA-66-PC-001,66,Khai thác
            CA-643-LT-002,24136,Thu nhận
            """);

        Assert.NotNull(file);
        Assert.Equal(["CA-643-LT-002"], Tags(file));
        Assert.Equal([(2, "unitCode"), (3, "unitCode"), (4, "unitCode")], Problems(file));
        Assert.Equal("Không có đơn vị hành chính mã 99999 trong tỉnh.", file.Errors[0].Message);
        Assert.Equal("Đơn vị Thị xã Buôn Hồ (644) ngoài phạm vi quản lý của bạn.", file.Errors[1].Message);

        var (province, _) = Csv("asset_tag,unit_code,purpose\nCA-644-LT-001,644,Thu nhận\n", scope: new UnitScope(AdminUnitDirectory.Default.Root));
        Assert.Empty(province!.Errors);
    }

    [Fact]
    public void A_repeated_asset_tag_keeps_the_first_line_and_rejects_the_later_ones_whatever_their_case()
    {
        var (file, _) = Csv("""
            asset_tag,unit_code,purpose
            CA-643-LT-001,643,Thu nhận
            CA-643-LT-002,643,Thu nhận
            ca-643-lt-001,24136,Thu nhận lần hai
            CA-643-LT-001,24118,Thu nhận lần ba
            """);

        Assert.NotNull(file);
        Assert.Equal(["CA-643-LT-001", "CA-643-LT-002"], Tags(file));
        Assert.Equal([(4, "assetTag"), (5, "assetTag")], Problems(file));
        Assert.Equal("Mã tài sản CA-643-LT-001 trùng với dòng 2 trong tệp.", file.Errors[0].Message);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_crlf_and_line_breaks_inside_quoted_cells()
    {
        var (file, _) = Csv(
            "asset_tag,unit_code,purpose,description\r\n" +
            "CA-643-LT-001,643,Thu nhận,\"Dòng một\r\nDòng hai, có \"\"ngoặc\"\"\"\r\n" +
            "\r\n" +
            ",643,Thu nhận,\r\n" +
            "CA-643-LT-002,643,Thu nhận,\r\n");

        Assert.NotNull(file);
        Assert.Equal([2, 6], file.Rows.Select(r => r.Line).ToArray());
        Assert.Equal("Dòng một\r\nDòng hai, có \"ngoặc\"", file.Rows[0].Device.Description);
        Assert.Equal([(5, "assetTag")], Problems(file));
    }

    [Fact]
    public void Invalid_tags_and_overlong_texts_are_reported_under_their_field()
    {
        var (file, _) = Csv($"""
            asset_tag,unit_code,purpose,description
            CA 643 LT,643,Thu nhận,
            CA-643-LT-002,643,{new string('x', NewDevice.MaxPurposeLength + 1)},
            CA-643-LT-003,643,Thu nhận,{new string('y', NewDevice.MaxDescriptionLength + 1)}
            """);

        Assert.Equal([(2, "assetTag"), (3, "purpose"), (4, "description")], Problems(file!));
        Assert.Empty(file!.Rows);
    }

    [Fact]
    public void Files_that_cannot_be_read_are_refused_whole_with_a_reason()
    {
        var errors = new ValidationErrors();
        Assert.Null(DeviceImport.Read("thiet-bi.txt", "asset_tag"u8.ToArray(), BuonMaThuot, errors));
        Assert.Null(DeviceImport.Read("thiet-bi.csv", [0x61, 0xC3, 0x28, 0x0A], BuonMaThuot, errors)); // invalid UTF-8 (a Windows-1258 save)
        Assert.Null(DeviceImport.Read("thiet-bi.csv", "\"asset_tag,unit_code,purpose\n"u8.ToArray(), BuonMaThuot, errors));
        Assert.Null(DeviceImport.Read("thiet-bi.csv", "asset_tag,unit_code,purpose\n\n"u8.ToArray(), BuonMaThuot, errors));
        Assert.Null(DeviceImport.Read("thiet-bi.csv", [], BuonMaThuot, errors));
        Assert.Null(DeviceImport.Read("thiet-bi.xlsx", "không phải excel"u8.ToArray(), BuonMaThuot, errors));

        var messages = errors.ToDictionary()["file"];
        Assert.Equal(6, messages.Length);
        Assert.Contains("UTF-8", messages[1], StringComparison.Ordinal);
        Assert.Contains("Dòng 1", messages[2], StringComparison.Ordinal);
        Assert.Contains("không có dòng dữ liệu", messages[3], StringComparison.Ordinal);
        Assert.Contains("Excel", messages[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_rows_are_numbered_as_in_the_sheet_and_numeric_unit_codes_are_read_as_codes()
    {
        var sheet = new List<Dictionary<string, object?>>
        {
            Row("Mã tài sản", "Mã đơn vị", "Mục đích", "Mô tả"),
            Row("CA-643-LT-001", 24136, "Thu nhận hồ sơ CCCD", "Dell"),
            Row(null, null, null, null),
            Row("CA-643-LT-002", "643", null, null),
            Row("CA-643-PC-001", 643.0, "Khai thác", null),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false);

        var errors = new ValidationErrors();
        var file = DeviceImport.Read("thiet-bi.xlsx", stream.ToArray(), BuonMaThuot, errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(file);
        Assert.Equal([(2, "24136"), (5, "643")], file.Rows.Select(r => (r.Line, r.Device.Unit.Code)).ToArray());
        Assert.Equal([(4, "purpose")], Problems(file));
    }

    [Fact]
    public void The_shipped_sample_file_imports_without_errors_for_buon_ma_thuot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dakla06.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var bytes = File.ReadAllBytes(Path.Combine(root.FullName, "services", "Inspections", "samples", "devices-sample.csv"));
        var errors = new ValidationErrors();
        var file = DeviceImport.Read("devices-sample.csv", bytes, BuonMaThuot, errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(file);
        Assert.Empty(file.Errors);
        Assert.InRange(file.Rows.Count, 10, 20);
        Assert.All(file.Rows, r => Assert.StartsWith("CA-643-", r.Device.AssetTag, StringComparison.Ordinal));
    }

    private static Dictionary<string, object?> Row(object? a, object? b, object? c, object? d) => new() { ["A"] = a, ["B"] = b, ["C"] = c, ["D"] = d };
}
