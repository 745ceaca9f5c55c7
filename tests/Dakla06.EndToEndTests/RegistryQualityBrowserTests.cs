using System.Net.Http.Headers;
using Dakla06.Contracts.Cleansing;
using Dakla06.Contracts.Http.Cleansing;
using Dakla06.Contracts.Http.Directives;
using Dakla06.IntegrationTests.Support;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// Registry quality as Phường Tân Lợi's cleansing officer (no pii-reader) works it: Buôn Ma Thuột's officer assigns the
/// commune one category of the seeded registry's errors; the commune officer reads the categories' "x/y (z%)", opens the
/// category's list (masked, with the assigned task's figure), closes an item as "không thể cập nhật" with a reason and a
/// note, finds it among the closed ones, and the directive task reports the progress by itself.
/// </summary>
[Collection(typeof(BrowserCollection))]
public sealed class RegistryQualityBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    private const string Commune = "24136";

    [Fact]
    public async Task Tan_Loi_works_its_assigned_list_and_the_task_reports_the_progress()
    {
        var (category, assignmentId) = await AssignAnOpenCategoryAsync();

        var page = await SignInAsync("tanloi.officer", "/lam-sach/chat-luong-csdl");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Chất lượng CSDL dân cư");
        var row = page.Locator($".quality-categories tbody tr", new() { Has = page.Locator($".category-{category.Code}") });
        await Assertions.Expect(row.Locator(".quality-figure")).ToContainTextAsync("%");
        await Assertions.Expect(page.Locator(".quality-chart svg").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "registry-quality-commune");

        // The category's row opens the commune's open items of it, masked, under the task's figure.
        await ClickUntilAsync(row.Locator(".quality-category"), page.Locator(".quality-items"));
        await page.WaitForURLAsync(url => url.Contains("/lam-sach/chat-luong-csdl/danh-sach", StringComparison.Ordinal)
            && url.Contains($"category={category.Code}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".quality-task-banner")).ToContainTextAsync("Nhiệm vụ được giao");
        await Assertions.Expect(page.Locator(".pii-masked")).ToBeVisibleAsync();
        var first = page.Locator(".quality-items tbody tr", new() { Has = page.Locator(".close-item") }).First;
        await Assertions.Expect(first.Locator(".item-id")).ToContainTextAsync("******");
        var maskedName = (await first.Locator(".item-name").InnerTextAsync()).Trim();

        // Closing it: "không thể cập nhật" needs a reason and a note.
        await ClickUntilAsync(first.Locator(".close-item"), page.Locator(".quality-close-dialog"));
        await ChooseAsync(page, "Kết quả", "Không thể cập nhật");
        await ChooseAsync(page, "Lý do", "Không tìm thấy công dân tại nơi cư trú");
        var note = $"Đã xác minh tại địa bàn {Guid.NewGuid():N}"[..32];
        await page.Locator(".close-note textarea").FillAsync(note);
        await page.Locator(".close-save").ClickAsync();
        await Assertions.Expect(page.Locator(".quality-close-dialog")).ToHaveCountAsync(0);

        // Among the closed items, with its outcome; the note shows on the chip's title.
        await ChooseAsync(page, "Trạng thái", "Đã xử lý");
        var closed = page.Locator(".quality-items tbody tr", new() { Has = page.Locator($".item-status [title*='{note}']") });
        await Assertions.Expect(closed.Locator(".item-status")).ToContainTextAsync("Không thể cập nhật");
        await Assertions.Expect(closed.Locator(".item-name")).ToHaveTextAsync(maskedName);
        await ScreenshotAsync(page, "registry-quality-closed");

        // The commune's task in directive tracking reports the closed item by itself (the publisher polls every few seconds).
        var directives = await Fixture.DirectivesClientForAsync("tanloi.officer");
        var task = await Eventually.ReturnsAsync(async () => (await directives.ListTasksAsync(
                new TaskQuery(SourceId: RegistryQualityTasks.SourceId(assignmentId, Commune)), 1, 5)).Items.SingleOrDefault(),
            t => t is { LatestPercent: not null }, TimeSpan.FromSeconds(90), "the task reports the closed item");
        await page.GotoAsync(new Uri(Fixture.WebUrl, $"/nhiem-vu/{task!.Id}").ToString());
        await Assertions.Expect(page.GetByText("Đã làm sạch", new() { Exact = false }).First).ToBeVisibleAsync();
    }

    /// <summary>
    /// A rule category with open items at Tân Lợi, assigned to it by Buôn Ma Thuột's officer (or the one already assigned:
    /// a commune works one list of a category at a time).
    /// </summary>
    private async Task<(QualityCategoryDto Category, Guid AssignmentId)> AssignAnOpenCategoryAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("cleansing-api", timeout.Token);
        var district = await ClientAsync("bmt.officer");
        var figures = await Eventually.ReturnsAsync(() => district.GetRegistryQualityAsync(new RegistryQualityQuery(Commune), timeout.Token),
            f => f is not null && f.Unit.Categories.Any(c => c.Open > 0 && !c.Category.StartsWith("household_", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(3), "the seeded registry's rules opened items of persons at Tân Lợi");
        var catalogue = await district.GetQualityCatalogueAsync(timeout.Token);
        // A category of persons (a household item has no ID number or name to read masked).
        var open = figures!.Unit.Categories.First(c => c.Open > 0 && !c.Category.StartsWith("household_", StringComparison.Ordinal));
        var assignment = await district.AssignQualityAsync(new AssignQualityRequest(open.Category, Commune, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)), timeout.Token);
        var share = assignment.Communes.Concat(assignment.AlreadyAssigned).Single();
        return (catalogue.Categories.Single(c => c.Code == open.Category), share.AssignmentId);
    }

    private async Task<CleansingClient> ClientAsync(string username)
    {
        var http = new HttpClient { BaseAddress = Fixture.App.GetEndpoint("cleansing-api", "http") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Fixture.GetAccessTokenAsync(username));
        return new CleansingClient(http);
    }
}
