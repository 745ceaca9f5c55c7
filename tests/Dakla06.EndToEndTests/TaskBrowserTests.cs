using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// A task's whole life in the web app: the province assigns it to every commune of Buôn Ma Thuột, Phường Tân Lợi
/// reports it done, the province accepts it, and the summary counts it.
/// </summary>
[Collection(typeof(BrowserCollection))]
public sealed class TaskBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    [Fact]
    public async Task Province_assigns_to_the_communes_of_Buon_Ma_Thuot_Tan_Loi_reports_it_done_province_accepts_and_the_summary_counts_it()
    {
        var api = await Fixture.DirectivesClientForAsync("province.officer");
        var documentId = (await AppHostFixture.CreateDocumentAsync(api, "611/KH-UBND", "66", "Kế hoạch thành lập Tổ công tác Đề án 06 cấp xã")).Id;
        var title = $"Thành lập Tổ công tác Đề án 06 cấp xã {Guid.NewGuid():N}"[..52];

        // The province officer assigns the task from the document's page.
        var province = await SignInAsync("province.officer", $"/van-ban/{documentId}");
        await Assertions.Expect(province.GetByText("Nhiệm vụ theo văn bản")).ToBeVisibleAsync();
        var dialog = province.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(province.GetByRole(AriaRole.Button, new() { Name = "Giao nhiệm vụ" }), dialog);
        await dialog.GetByLabel("Tên nhiệm vụ").FillAsync(title);
        await dialog.GetByLabel("Nội dung").FillAsync("Ban hành quyết định thành lập và quy chế hoạt động của Tổ công tác.");
        await dialog.GetByLabel("Kết quả cần đạt").FillAsync("Quyết định thành lập, quy chế hoạt động");
        await dialog.GetByText("Tất cả xã của huyện…").ClickAsync();
        await ChooseAsync(province, "Huyện, thị xã, thành phố", "Thành phố Buôn Ma Thuột");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Giao", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        var tanLoiRow = province.Locator(".document-tasks tr", new() { HasText = "Phường Tân Lợi" });
        await Assertions.Expect(tanLoiRow).ToContainTextAsync("Đã giao");

        // Phường Tân Lợi finds it on its board and reports it done.
        var tanLoi = await SignInAsync("tanloi.officer", "/nhiem-vu");
        var boardRow = tanLoi.Locator("tr", new() { HasText = title });
        await FillUntilAsync(tanLoi.GetByLabel("Tìm kiếm"), title, boardRow);
        await Assertions.Expect(boardRow).ToContainTextAsync("Tỉnh Đắk Lắk");
        await boardRow.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(tanLoi.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        var reportDialog = tanLoi.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(tanLoi.GetByRole(AriaRole.Button, new() { Name = "Báo cáo tiến độ" }), reportDialog);
        await reportDialog.GetByLabel("Nội dung báo cáo").FillAsync("Đã ban hành quyết định thành lập Tổ công tác của phường.");
        await reportDialog.GetByLabel("Kết quả (số liệu)").FillAsync("1/1");
        await reportDialog.GetByText("Đã hoàn thành").ClickAsync();
        await Assertions.Expect(reportDialog.GetByLabel("Tỉ lệ (%)")).ToHaveValueAsync("100");
        await reportDialog.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Assertions.Expect(tanLoi.Locator(".task-status")).ToHaveTextAsync("Đã báo cáo hoàn thành");
        await Assertions.Expect(tanLoi.Locator(".task-reports")).ToContainTextAsync("100%");
        var taskPath = new Uri(tanLoi.Url).AbsolutePath;

        // The province accepts it.
        await province.GotoAsync(new Uri(Fixture.WebUrl, taskPath).ToString());
        var acceptDialog = province.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(province.GetByRole(AriaRole.Button, new() { Name = "Nghiệm thu" }), acceptDialog);
        await acceptDialog.GetByLabel("Ý kiến nghiệm thu").FillAsync("Đạt yêu cầu.");
        await acceptDialog.GetByRole(AriaRole.Button, new() { Name = "Nghiệm thu" }).ClickAsync();
        await Assertions.Expect(province.Locator(".task-status")).ToHaveTextAsync("Đã nghiệm thu");
        await Assertions.Expect(province.Locator(".task-history")).ToContainTextAsync("Nghiệm thu");

        // The province's summary counts it for Buôn Ma Thuột.
        await province.GotoAsync(new Uri(Fixture.WebUrl, "/tong-hop").ToString());
        var summaryRow = province.Locator(".summary-table tr", new() { HasText = "Thành phố Buôn Ma Thuột" });
        await Assertions.Expect(summaryRow.Locator("td[data-label='Đã nghiệm thu']")).ToHaveTextAsync(new Regex(@"^\s*[1-9][\d.]*\s*$"));
    }
}
