using System.Text.RegularExpressions;
using Dakla06.Contracts.Http.Directives;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// The web app on a commune officer's phone (Pixel 5: 393×851, touch, mobile user agent): the app bar keeps one line,
/// the menu is a drawer over the page, and no page is wider than the screen.
/// </summary>
[Collection(typeof(BrowserCollection))]
public sealed class PhoneBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    [Fact]
    public async Task Tan_Loi_officer_on_a_phone_finds_a_task_through_the_menu_reports_progress_and_signs_out_from_the_user_menu()
    {
        var api = await Fixture.DirectivesClientForAsync("province.officer");
        var document = await AppHostFixture.CreateDocumentAsync(api, "612/KH-UBND", "66", "Kế hoạch cập nhật dữ liệu dân cư trên điện thoại");
        var title = $"Rà soát hộ khẩu trên địa bàn phường {Guid.NewGuid():N}"[..48];
        await api.CreateTasksAsync(document.Id, new CreateTasksRequest(
            title, "Rà soát, cập nhật thông tin hộ khẩu.", null, new DateOnly(2026, 12, 31), "normal", Units: ["24136"]),
            Guid.NewGuid().ToString(), TestContext.Current.CancellationToken);

        var page = await SignInAsync("tanloi.officer", "/", Pixel5());

        // One line in the app bar: menu button, the short title in full, the user's initials.
        var bar = page.Locator(".app-bar");
        var barBox = await BoxOfAsync(bar);
        Assert.InRange(barBox.Height, 48, 64);
        var appTitle = page.Locator(".app-title");
        await Assertions.Expect(appTitle).ToHaveTextAsync("Đề án 06 Đắk Lắk", new() { UseInnerText = true });
        Assert.True(await appTitle.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "The app bar's title is cut off.");
        var userButton = page.Locator(".user-menu-button");
        await Assertions.Expect(userButton).ToHaveTextAsync("HN", new() { UseInnerText = true });
        foreach (var item in new[] { page.GetByLabel("Mở hoặc đóng menu"), appTitle, userButton })
        {
            var box = await BoxOfAsync(item);
            Assert.True(box.Y >= barBox.Y && box.Y + box.Height <= barBox.Y + barBox.Height && box.X + box.Width <= 393,
                $"An app bar item lies outside the bar's one line: {box.X},{box.Y} {box.Width}×{box.Height}.");
        }

        await AssertFitsTheScreenAsync(page);

        // The menu is a drawer over the page that closes once a link is followed.
        var drawer = page.Locator(".mud-drawer");
        await ClickUntilAsync(page.GetByLabel("Mở hoặc đóng menu"), page.Locator(".mud-drawer.mud-drawer--open"));
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Nhiệm vụ", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/nhiem-vu");
        await Assertions.Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--closed"));

        // The task list reads as cards; the task is found by its title.
        var card = page.Locator("tr", new() { HasText = title });
        await FillUntilAsync(page.GetByLabel("Tìm kiếm"), title, card);
        var assigner = card.Locator("td[data-label='Đơn vị giao']");
        await Assertions.Expect(assigner).ToContainTextAsync("Tỉnh Đắk Lắk");
        Assert.NotEqual("table-cell", await assigner.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        await AssertFitsTheScreenAsync(page);
        await card.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();

        // The task's page, and a progress report through a dialog that fits the screen.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await AssertFitsTheScreenAsync(page);
        var reportDialog = page.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "Báo cáo tiến độ" }), reportDialog);
        var dialogBox = await BoxOfAsync(reportDialog);
        Assert.True(dialogBox.X >= 0 && dialogBox.X + dialogBox.Width <= 393, $"The dialog is wider than the screen: {dialogBox.X}+{dialogBox.Width}.");
        await reportDialog.GetByLabel("Nội dung báo cáo").FillAsync("Đã rà soát 120/240 hộ trên địa bàn phường.");
        var percent = reportDialog.GetByLabel("Tỉ lệ (%)");
        await percent.FillAsync("50");
        await percent.PressAsync("Tab");
        await reportDialog.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Assertions.Expect(reportDialog).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".task-reports")).ToContainTextAsync("50%");
        await Assertions.Expect(page.Locator(".task-reports")).ToContainTextAsync("Đã rà soát 120/240 hộ");
        await AssertFitsTheScreenAsync(page);

        // The user menu: who is signed in, where, and signing out.
        var userMenu = page.Locator(".user-menu-popover");
        await ClickUntilAsync(userButton, userMenu);
        await Assertions.Expect(userMenu.Locator(".user-menu-name")).ToHaveTextAsync("Hoàng Văn Nam");
        await Assertions.Expect(userMenu.Locator(".user-menu-unit")).ToHaveTextAsync("Phường Tân Lợi");
        await Assertions.Expect(userMenu).ToContainTextAsync("Cán bộ theo dõi chỉ đạo");
        await userMenu.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/tai-khoan/da-dang-xuat");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bạn đã đăng xuất" })).ToBeVisibleAsync();
        await AssertFitsTheScreenAsync(page);
    }
}
