using System.Net.Http.Json;
using System.Text.Json;

namespace Dakla06.EndToEndTests;

public sealed class ScopedAccessTests(AppHostFixture system)
{
    [Fact]
    public async Task Commune_officer_sees_the_province_document_and_not_a_document_of_Buon_Ho()
    {
        using var province = await system.DirectivesClientForAsync("province.officer");
        using var buonHo = await system.DirectivesClientForAsync("buonho.officer");
        var provinceDocument = await AppHostFixture.CreateDocumentAsync(province, "501/KH-UBND", "66", "Kế hoạch triển khai Đề án 06 năm 2026");
        var buonHoDocument = await AppHostFixture.CreateDocumentAsync(buonHo, "502/KH-UBND", "644", "Kế hoạch của thị xã Buôn Hồ");

        using var tanLoi = await system.DirectivesClientForAsync("tanloi.officer");
        var page = await tanLoi.GetFromJsonAsync<JsonElement>("/api/directives/documents?pageSize=200", TestContext.Current.CancellationToken);
        var ids = page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();

        Assert.Contains(provinceDocument.GetProperty("id").GetGuid(), ids);
        Assert.DoesNotContain(buonHoDocument.GetProperty("id").GetGuid(), ids);
        using var direct = await tanLoi.GetAsync($"/api/directives/documents/{buonHoDocument.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, direct.StatusCode);
    }
}
