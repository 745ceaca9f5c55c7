using Dakla06.Contracts.Http.Directives;

namespace Dakla06.EndToEndTests;

public sealed class ScopedAccessTests(AppHostFixture system)
{
    [Fact]
    public async Task Commune_officer_sees_the_province_document_and_not_a_document_of_Buon_Ho()
    {
        var province = await system.DirectivesClientForAsync("province.officer");
        var buonHo = await system.DirectivesClientForAsync("buonho.officer");
        var provinceDocument = await AppHostFixture.CreateDocumentAsync(province, "501/KH-UBND", "66", "Kế hoạch triển khai Đề án 06 năm 2026");
        var buonHoDocument = await AppHostFixture.CreateDocumentAsync(buonHo, "502/KH-UBND", "644", "Kế hoạch của thị xã Buôn Hồ");

        var tanLoi = await system.DirectivesClientForAsync("tanloi.officer");
        var page = await tanLoi.ListDocumentsAsync(new DocumentQuery(), 1, 200, TestContext.Current.CancellationToken);
        var ids = page.Items.Select(d => d.Id).ToList();

        Assert.Contains(provinceDocument.Id, ids);
        Assert.DoesNotContain(buonHoDocument.Id, ids);
        Assert.Null(await tanLoi.GetDocumentAsync(buonHoDocument.Id, TestContext.Current.CancellationToken)); // 404
    }
}
