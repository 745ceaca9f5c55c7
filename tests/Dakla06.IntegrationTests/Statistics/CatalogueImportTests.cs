using Dakla06.Contracts.Http;
using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.IntegrationTests.Statistics;

/// <summary>The procedure catalogue: import with level history (upsert by code and effective date), row errors, who may import.</summary>
public sealed class CatalogueImportTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<ProcedureDto> LevelAsOfAsync(string code, DateOnly day)
    {
        var client = await fixture.ClientForAsync("tanlap.officer");
        var page = await client.ListProceduresAsync(new ProcedureQuery(Q: code, AsOf: day), 1, 50, Cancel);
        return Assert.Single(page.Items);
    }

    [Fact]
    public async Task A_procedure_keeps_its_level_history_and_a_second_import_of_the_same_file_changes_nothing()
    {
        string[] lines =
        [
            "1.001.H01,Đăng ký khai sinh,xa,Hộ tịch,3,2022-01-01,12,0",
            "1.001.H01,Đăng ký khai sinh,xa,Hộ tịch,toan_trinh,01/01/2023,12,0",
            "1.002.H01,Cấp giấy phép xây dựng,huyen,Xây dựng,2,2022-01-01,,1",
        ];

        var first = await fixture.ImportProceduresAsync(lines);
        Assert.Equal((3, 0, 0, 0), (first.Inserted, first.Updated, first.Unchanged, first.Rejected));

        var again = await fixture.ImportProceduresAsync(lines);
        Assert.Equal((0, 0, 3, 0), (again.Inserted, again.Updated, again.Unchanged, again.Rejected));

        Assert.Equal("3", (await LevelAsOfAsync("1.001.H01", new DateOnly(2022, 12, 31))).OnlineLevel);
        var current = await LevelAsOfAsync("1.001.H01", new DateOnly(2023, 1, 1));
        Assert.Equal(("toan_trinh", 12, false, "xa"), (current.OnlineLevel, current.EssentialService, current.HasFee, current.AdministrativeLevel));

        // A corrected name for one level updates that level only.
        var corrected = await fixture.ImportProceduresAsync("1.002.H01,Cấp giấy phép xây dựng nhà ở riêng lẻ,huyen,Xây dựng,2,2022-01-01,,1");
        Assert.Equal((0, 1, 0), (corrected.Inserted, corrected.Updated, corrected.Unchanged));
        Assert.Equal("Cấp giấy phép xây dựng nhà ở riêng lẻ", (await LevelAsOfAsync("1.002.H01", new DateOnly(2024, 1, 1))).Name);
    }

    [Fact]
    public async Task Invalid_lines_are_reported_with_their_line_and_column_and_the_valid_ones_are_saved()
    {
        var result = await fixture.ImportProceduresAsync(
            "2.001.H01,Đăng ký kết hôn,xa,Hộ tịch,toan_trinh,2023-01-01,14,0",
            "2.002.H01,Thủ tục cấp sai,quan,Hộ tịch,5,2023-13-01,26,2",
            "2.003.H01,,tinh,Tư pháp,mot_phan,2023-01-01,,1",
            "2.001.H01,Đăng ký kết hôn (lặp),xa,Hộ tịch,toan_trinh,2023-01-01,14,0");

        Assert.Equal((1, 3), (result.Inserted, result.Rejected));
        Assert.Equal(
            [(3L, "cap_thuc_hien"), (3, "co_phi"), (3, "dvc_thiet_yeu"), (3, "hieu_luc_tu"), (3, "muc_do"), (4, "ten_tthc"), (5, "hieu_luc_tu")],
            result.Errors.Select(e => (e.Line, e.Field)).Order().ToArray());
        Assert.Contains("trùng với dòng 2", result.Errors.Single(e => e.Line == 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_whole_naming_it()
    {
        var client = await fixture.ClientForAsync("province.officer");
        using var file = StatisticsFixture.Csv("ma_tthc,ten_tthc,cap_thuc_hien,linh_vuc,hieu_luc_tu,co_phi", ["3.001.H01,Thủ tục,xa,Hộ tịch,2023-01-01,0"]);
        var refused = await Assert.ThrowsAsync<ServiceApiException>(() => client.ImportProceduresAsync(file, "thu-tuc.csv", Cancel));
        Assert.Equal(ApiFailure.Invalid, refused.Failure);
        var message = Assert.Single(refused.FieldErrors["file"]);
        Assert.Contains("muc_do", message, StringComparison.Ordinal);
        Assert.Contains("dvc_thiet_yeu", message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM procedures WHERE code = '3.001.H01'"));
    }

    [Theory]
    [InlineData("bmt.officer")] // a statistics officer, but of a district
    [InlineData("province.leader")] // the province, without the role
    public async Task Only_a_province_statistics_officer_imports_the_catalogue(string username)
    {
        var client = await fixture.ClientForAsync(username);
        using var file = StatisticsFixture.Csv(StatisticsFixture.ProcedureHeader, ["4.001.H01,Thủ tục,xa,Hộ tịch,3,2022-01-01,,0"]);
        var refused = await Assert.ThrowsAsync<ServiceApiException>(() => client.ImportProceduresAsync(file, "thu-tuc.csv", Cancel));
        Assert.Equal(ApiFailure.Forbidden, refused.Failure);
    }
}
