using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>The web app in a real browser (Debian's Chromium, headless) against the system the AppHost started.</summary>
public sealed class BrowserTests(AppHostFixture system) : IAsyncLifetime
{
    private static readonly float Timeout = 30_000;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No sandbox as root in CI; the rest keeps Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task District_officer_signs_in_creates_a_document_and_sees_it_in_the_list()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);

        // Opening a page of the web app sends the browser to the identity provider's sign-in page.
        await page.GotoAsync(new Uri(system.WebUrl, "/van-ban/tao-moi").ToString());
        await page.FillAsync("#username", "bmt.officer");
        await page.FillAsync("#password", "Dakla06@demo");
        await page.ClickAsync("button[type=submit]");

        await page.GetByText("Tạo văn bản chỉ đạo").First.WaitForAsync();
        await Assertions.Expect(page.GetByText("Thành phố Buôn Ma Thuột").First).ToBeVisibleAsync();

        await ChooseAsync(page, "Loại văn bản", "Kế hoạch");
        await page.GetByLabel("Số ký hiệu").FillAsync("777/KH-UBND");
        await ChooseAsync(page, "Đơn vị ban hành", "Thành phố Buôn Ma Thuột");
        var date = page.GetByLabel("Ngày ban hành");
        await date.FillAsync("15/01/2026");
        await date.PressAsync("Tab");
        await page.GetByLabel("Trích yếu").FillAsync("Kế hoạch kiểm tra bằng trình duyệt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo văn bản" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/van-ban", StringComparison.Ordinal));
        var row = page.Locator("tr", new() { HasText = "777/KH-UBND" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("Kế hoạch kiểm tra bằng trình duyệt");
        await Assertions.Expect(row).ToContainTextAsync("15/01/2026");
    }

    /// <summary>
    /// Opens a MudSelect by its label and picks an option from its popover. The first clicks can land on the
    /// prerendered page before the circuit is connected, so the opening is retried until the popover shows.
    /// </summary>
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        var select = page.Locator(".mud-select", new() { HasText = label }).First;
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First;
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            await select.ClickAsync();
            try
            {
                await item.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
                break;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }

        await item.ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
