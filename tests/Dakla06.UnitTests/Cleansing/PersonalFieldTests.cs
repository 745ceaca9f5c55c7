using Dakla06.Cleansing.Domain;
using Dakla06.ServiceDefaults.Security;

namespace Dakla06.UnitTests.Cleansing;

/// <summary>A column is personal data by what its header says it is — every alias, in any position.</summary>
public sealed class PersonalFieldTests
{
    [Theory]
    [InlineData("ho_ten", PersonalField.FullName)]
    [InlineData("Họ và tên", PersonalField.FullName)]
    [InlineData("HO_VA_TEN", PersonalField.FullName)]
    [InlineData("full_name", PersonalField.FullName)]
    [InlineData("so_dinh_danh", PersonalField.IdNumber)]
    [InlineData("CCCD", PersonalField.IdNumber)]
    [InlineData("Số CCCD", PersonalField.IdNumber)]
    [InlineData("so_cmnd", PersonalField.OldIdNumber)]
    [InlineData("old_id_number", PersonalField.OldIdNumber)]
    [InlineData("Ngày sinh", PersonalField.DateOfBirth)]
    [InlineData("ngay_thang_nam_sinh", PersonalField.DateOfBirth)]
    [InlineData("Số điện thoại", PersonalField.Phone)]
    [InlineData("sdt", PersonalField.Phone)]
    [InlineData("Địa chỉ", PersonalField.Address)]
    [InlineData("noi_thuong_tru", PersonalField.Address)]
    [InlineData("ghi_chu", PersonalField.None)]
    [InlineData("gioi_tinh", PersonalField.None)]
    [InlineData("ma_xa", PersonalField.None)]
    [InlineData("", PersonalField.None)]
    public void Headers_name_what_a_column_is(string header, PersonalField expected) =>
        Assert.Equal(expected, PersonalData.FieldOf(header));

    [Fact]
    public void Every_personal_column_of_a_row_is_masked_not_only_the_first_of_its_kind()
    {
        var headers = new[] { "ho_ten", "so_dinh_danh", "ho_va_ten", "cccd", "so_cmnd", "ngay_sinh", "so_dien_thoai", "dia_chi", "ghi_chu" };
        var columns = BatchColumns.Map(headers, out _);
        string?[] values = ["Trần Thị Bình", "066185000123", "Trần Thị Bình", "066185000123", "241234567", "04/03/1985", "0912 345 678", "12 Lê Duẩn", "mũi 2"];

        var masked = PersonalData.MaskValues(values, columns.PersonalFields);

        Assert.Equal(["T*** T** B***", "066******123", "T*** T** B***", "066******123", "241***567", "**/**/1985", "*********678", "1* L* D***", "mũi 2"], masked);
        Assert.Equal("Trần Thị Bình", values[2]); // a copy: the stored values are untouched
    }

    [Fact]
    public void Phone_numbers_keep_their_last_three_digits()
    {
        Assert.Equal("*******678", PersonalData.MaskPhone("0912345678"));
        Assert.Equal("***", PersonalData.MaskPhone("123"));
        Assert.Null(PersonalData.MaskPhone(null));
    }
}
