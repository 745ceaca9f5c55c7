using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// The LGSP story through the web app: the province's inspector registers the data-integration platform, PA05
/// inspects it and a critical item fails, so it is not cleared to connect and a critical finding is raised; the
/// remediation task reaches the province, which reports it done; the inspector verifies the fix, re-inspects, and the
/// platform is cleared.
/// </summary>
[Collection(typeof(BrowserCollection))]
public sealed class InspectionBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    [Fact]
    public async Task Lgsp_fails_its_inspection_the_finding_is_fixed_through_its_task_verified_and_the_re_inspection_clears_it()
    {
        // The fixture waits for the directives side only; the inspection pages need their API as well.
        using (var starting = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await Fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("inspections-api", starting.Token);
        }

        // Unique per run: another test of the same run may register the LGSP too (names are unique per owner unit).
        var name = $"Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP) {Guid.NewGuid():N}"[..56];

        // The province's inspector registers the platform: not cleared, never inspected.
        var inspector = await SignInAsync("province.inspector", "/kiem-tra");
        var dialog = inspector.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(inspector.GetByRole(AriaRole.Button, new() { Name = "Đăng ký hệ thống" }), dialog);
        await dialog.GetByLabel("Tên hệ thống").FillAsync(name);
        await ChooseAsync(inspector, "Đơn vị chủ quản", "Tỉnh Đắk Lắk");
        await ChooseAsync(inspector, "Loại hệ thống", "Nền tảng tích hợp, chia sẻ dữ liệu");
        await ChooseAsync(inspector, "Cấp độ an toàn", "Cấp độ 3");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Đăng ký", Exact = true }).ClickAsync();
        await Assertions.Expect(inspector.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(inspector.Locator(".readiness-badge").First).ToHaveTextAsync("Chưa đủ điều kiện");
        await Assertions.Expect(inspector.Locator(".readiness-reason").First).ToContainTextAsync("Chưa có đợt kiểm tra hoàn thành");
        var systemPath = new Uri(inspector.Url).AbsolutePath;

        // PA05 inspects it with the system checklist; the first critical item fails.
        await InspectAsync(inspector, failCriticalItem: true, "Hệ thống chưa đáp ứng điều kiện kết nối: chưa có hồ sơ cấp độ được phê duyệt.");
        var findings = inspector.Locator(".inspection-findings tr", new() { HasText = "Không đạt:" });
        await Assertions.Expect(findings.First).ToContainTextAsync("Nghiêm trọng");
        await Assertions.Expect(findings.First).ToContainTextAsync("Chưa khắc phục");
        await AssertReadsAsCardsOnAPhoneAsync(inspector, findings.First.Locator("td[data-label='Trạng thái']"));

        await inspector.GotoAsync(new Uri(Fixture.WebUrl, systemPath).ToString());
        await Assertions.Expect(inspector.Locator(".readiness-badge").First).ToHaveTextAsync("Chưa đủ điều kiện");
        await Assertions.Expect(inspector.Locator(".readiness-reason").First).ToContainTextAsync("trọng yếu không đạt");
        await Assertions.Expect(inspector.Locator(".system-inspections")).ToContainTextAsync("Đã hoàn thành");
        await AssertReadsAsCardsOnAPhoneAsync(inspector, inspector.Locator(".system-inspections td[data-label='Trạng thái']").First);

        // The critical finding is in the findings list, in red.
        await inspector.GotoAsync(new Uri(Fixture.WebUrl, "/kiem-tra/phat-hien").ToString());
        var findingRow = inspector.Locator(".findings-table tr", new() { HasText = name });
        await Assertions.Expect(findingRow.First.Locator(".severity-critical")).ToHaveTextAsync("Nghiêm trọng");
        await findingRow.First.GetByRole(AriaRole.Link).ClickAsync();
        await inspector.WaitForURLAsync(new Regex("/kiem-tra/phat-hien/[0-9a-f-]{36}$"));
        await Assertions.Expect(inspector.Locator(".finding-description")).ToBeVisibleAsync();
        var findingPath = new Uri(inspector.Url).AbsolutePath;

        // Directive tracking opened a remediation task for the province; its officer sees the finding without its
        // technical description, follows the task and reports it done.
        var officer = await SignInAsync("province.officer", findingPath);
        await Assertions.Expect(officer.Locator(".finding-restricted")).ToContainTextAsync("Chi tiết kỹ thuật chỉ cán bộ kiểm tra ANATTT và lãnh đạo được xem");
        await Assertions.Expect(officer.Locator(".finding-description")).ToHaveCountAsync(0);
        var taskLink = officer.Locator(".remediation-task a");
        await ReloadUntilAsync(officer, taskLink);
        // Follow the link by loading its address: a click on the freshly reloaded (prerendered) page can race the
        // circuit that connects meanwhile and re-renders the finding page over the task page.
        var taskHref = await taskLink.First.GetAttributeAsync("href");
        Assert.Matches("nhiem-vu/[0-9a-f-]{36}$", taskHref);
        await officer.GotoAsync(new Uri(Fixture.WebUrl, taskHref).ToString());
        await Assertions.Expect(officer.Locator(".task-source-finding")).ToContainTextAsync("Phát hiện kiểm tra an ninh");
        var reportDialog = officer.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(officer.GetByRole(AriaRole.Button, new() { Name = "Báo cáo tiến độ" }), reportDialog);
        await reportDialog.GetByLabel("Nội dung báo cáo").FillAsync("Đã trình phê duyệt hồ sơ cấp độ 3 và bổ sung phương án bảo đảm an toàn.");
        await reportDialog.GetByText("Đã hoàn thành").ClickAsync();
        await reportDialog.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".task-status")).ToHaveTextAsync("Đã báo cáo hoàn thành");
        var taskPath = new Uri(officer.Url).AbsolutePath;

        // The report reaches the finding through the bus; the inspector verifies the fix.
        await inspector.GotoAsync(new Uri(Fixture.WebUrl, findingPath).ToString());
        await ReloadUntilAsync(inspector, inspector.Locator(".finding-status", new() { HasText = "Đã báo cáo khắc phục" }));
        var verifyDialog = inspector.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(inspector.GetByRole(AriaRole.Button, new() { Name = "Xác minh đã khắc phục" }), verifyDialog);
        await verifyDialog.GetByLabel("Ý kiến xác minh").FillAsync("Đã kiểm tra lại hồ sơ và cấu hình, đạt yêu cầu.");
        await verifyDialog.GetByRole(AriaRole.Button, new() { Name = "Xác minh đã khắc phục" }).ClickAsync();
        await Assertions.Expect(inspector.Locator(".finding-status")).ToHaveTextAsync("Đã xác minh khắc phục");
        await Assertions.Expect(inspector.Locator(".finding-history")).ToContainTextAsync("Xác minh đã khắc phục");

        // Verifying closes the remediation task.
        await officer.GotoAsync(new Uri(Fixture.WebUrl, taskPath).ToString());
        await ReloadUntilAsync(officer, officer.Locator(".task-status", new() { HasText = "Đã nghiệm thu" }));

        // The latest inspection still failed a critical item: only the re-inspection clears the platform.
        await inspector.GotoAsync(new Uri(Fixture.WebUrl, systemPath).ToString());
        await Assertions.Expect(inspector.Locator(".readiness-badge").First).ToHaveTextAsync("Chưa đủ điều kiện");
        await InspectAsync(inspector, failCriticalItem: false, "Tái kiểm tra: các tồn tại đã được khắc phục, đủ điều kiện kết nối.");
        await inspector.GotoAsync(new Uri(Fixture.WebUrl, systemPath).ToString());
        await Assertions.Expect(inspector.Locator(".readiness-badge").First).ToHaveTextAsync("Đủ điều kiện kết nối");
        await Assertions.Expect(inspector.Locator(".readiness-history")).ToContainTextAsync("Chưa đủ điều kiện");
    }

    /// <summary>From the system's page: PA05 with the system checklist today, started, every item passed but (maybe) the first critical one, completed.</summary>
    private static async Task InspectAsync(IPage page, bool failCriticalItem, string conclusion)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "Lập đợt kiểm tra" }), dialog);
        await ChooseAsync(page, "Đoàn kiểm tra", "PA05");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Nội dung kiểm tra (bộ tiêu chí)" }))
            .ToHaveValueAsync(new Regex("^Hệ thống thông tin kết nối"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Lập đợt kiểm tra" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/kiem-tra/dot/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator(".inspection-status")).ToHaveTextAsync("Đã lập kế hoạch");

        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu kiểm tra" }).ClickAsync();
        await Assertions.Expect(page.Locator(".inspection-status")).ToHaveTextAsync("Đang kiểm tra");

        var items = page.Locator("tr.checklist-item");
        var count = await items.CountAsync();
        Assert.True(count > 0, "The checklist has no items.");
        var failed = false;
        for (var index = 0; index < count; index++)
        {
            var item = items.Nth(index);
            var critical = await item.Locator(".checklist-critical").CountAsync() > 0;
            var result = failCriticalItem && critical && !failed ? "Không đạt" : "Đạt";
            failed |= result == "Không đạt";
            await item.GetByRole(AriaRole.Radio, new() { Name = result, Exact = true }).CheckAsync(new() { Force = true });
        }

        Assert.Equal(failCriticalItem, failed);
        var completeDialog = page.GetByRole(AriaRole.Dialog);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc kiểm tra" }).ClickAsync();
        await completeDialog.GetByLabel("Kết luận").FillAsync(conclusion);
        await completeDialog.GetByRole(AriaRole.Button, new() { Name = "Kết thúc", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".inspection-status")).ToHaveTextAsync("Đã hoàn thành");
        await Assertions.Expect(page.Locator(".inspection-conclusion")).ToHaveTextAsync(conclusion);
    }

    /// <summary>
    /// At a phone's width (360 px) the table of <paramref name="cell"/> reads as cards (its cells are no longer table
    /// cells) and the page fits the screen; then back to the desktop size.
    /// </summary>
    private static async Task AssertReadsAsCardsOnAPhoneAsync(IPage page, ILocator cell)
    {
        var desktop = page.ViewportSize!;
        await page.SetViewportSizeAsync(360, 740);
        try
        {
            await Assertions.Expect(cell).ToBeVisibleAsync();
            Assert.NotEqual("table-cell", await cell.EvaluateAsync<string>("e => getComputedStyle(e).display"));
            await AssertFitsTheScreenAsync(page);
        }
        finally
        {
            await page.SetViewportSizeAsync(desktop.Width, desktop.Height);
        }
    }

    /// <summary>Reloads until <paramref name="appears"/> shows: what another service does through the bus arrives a moment later.</summary>
    private static async Task ReloadUntilAsync(IPage page, ILocator appears)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            try
            {
                await appears.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
            }
        }
    }
}
