using System.Globalization;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>Reported values in a real browser: a commune officer submits a count, the province leader approves it and reads its history.</summary>
[Collection(typeof(BrowserCollection))]
public sealed class ReportedValuesBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    private const string Path = "/dich-vu-cong/so-lieu-bao-cao";

    [Fact]
    public async Task Tan_Loi_officer_submits_a_count_and_the_province_leader_approves_it_and_reads_its_history()
    {
        // A day no other run used: one indicator's periods at one unit may not overlap.
        var day = new DateOnly(2040, 1, 1).AddDays(Random.Shared.Next(0, 20 * 365)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        var officer = await SignInAsync("tanloi.officer", Path);
        var dialog = await OpenDialogAsync(officer, officer.GetByRole(AriaRole.Button, new() { Name = "Nhập số liệu" }));
        await ChooseAsync(officer, "Chỉ tiêu", "Tài khoản VssID");
        foreach (var label in new[] { "Từ ngày", "Đến ngày" })
        {
            var date = dialog.GetByLabel(label);
            await date.FillAsync(day);
            await date.PressAsync("Tab");
        }

        var value = dialog.GetByLabel("Số liệu");
        await value.FillAsync("1234");
        await value.PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Gửi số liệu" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        var row = officer.Locator("tr", new() { HasText = day });
        await Assertions.Expect(row).ToContainTextAsync("1.234 tài khoản");
        await Assertions.Expect(row).ToContainTextAsync("Chờ phê duyệt");
        await Assertions.Expect(row).ToContainTextAsync("Phường Tân Lợi");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" })).ToHaveCountAsync(0);

        var leader = await SignInAsync("province.leader", Path);
        var leaderRow = leader.Locator("tr", new() { HasText = day });
        // Opening the history first proves the circuit is connected: the approval below is clicked once.
        var history = await OpenDialogAsync(leader, leaderRow.GetByRole(AriaRole.Button, new() { Name = "Lịch sử" }));
        await Assertions.Expect(history).ToContainTextAsync("tanloi.officer");
        await history.GetByRole(AriaRole.Button, new() { Name = "Đóng" }).ClickAsync();
        await Assertions.Expect(leader.Locator(".mud-dialog-container")).ToHaveCountAsync(0);

        await leaderRow.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
        await Assertions.Expect(leaderRow).ToContainTextAsync("Đã phê duyệt");
        await Assertions.Expect(leaderRow.GetByRole(AriaRole.Button, new() { Name = "Mở khóa" })).ToBeVisibleAsync();

        history = await OpenDialogAsync(leader, leaderRow.GetByRole(AriaRole.Button, new() { Name = "Lịch sử" }));
        await Assertions.Expect(history).ToContainTextAsync("Nhập số liệu");
        await Assertions.Expect(history).ToContainTextAsync("Chờ phê duyệt → Đã phê duyệt");
        await Assertions.Expect(history).ToContainTextAsync("province.leader");
    }

    /// <summary>
    /// Clicks until a dialog opens (a click on the prerendered page does nothing), never clicking again once one has
    /// begun to open: its overlay would swallow the click. Returns the open dialog.
    /// </summary>
    private static async Task<ILocator> OpenDialogAsync(IPage page, ILocator button)
    {
        var container = page.Locator(".mud-dialog-container");
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (await container.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No dialog opened.");
            await button.ClickAsync();
            try
            {
                await container.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 2_000 });
            }
            catch (TimeoutException)
            {
            }
        }

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }
}
