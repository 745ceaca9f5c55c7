using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>The directive documents in a real browser.</summary>
[Collection(typeof(BrowserCollection))]
public sealed class BrowserTests(AppHostFixture system) : BrowserTest(system)
{
    [Fact]
    public async Task District_officer_signs_in_creates_a_document_and_sees_it_in_the_list()
    {
        // Opening a page of the web app sends the browser to the identity provider's sign-in page and back.
        var page = await SignInAsync("bmt.officer", "/van-ban/tao-moi");
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
}
