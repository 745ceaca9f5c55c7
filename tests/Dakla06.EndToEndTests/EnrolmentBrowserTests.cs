using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Dakla06.Contracts.Http.Enrolment;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// Identity enrolment as Tân Lợi's commune officer lives it: an application file imported from the web (the line of
/// another commune rejected) and counted in the commune's funnel at once; the persons still missing, masked, a reason
/// and a home visit recorded for one of them and found kept after a reload.
/// </summary>
[Collection(typeof(BrowserCollection))]
public sealed class EnrolmentBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    private const string TanLoi = "24136";
    private const string AnLac = "24305";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task Tan_Loi_imports_applications_from_the_web_and_finds_them_in_its_funnel()
    {
        var api = new EnrolmentClient(await HttpForAsync("tanloi.officer"));
        var today = Today();
        var before = await api.GetFunnelAsync(new FunnelQuery(null, today));
        var file = ApplicationFile(today.AddDays(-10), [TanLoi, TanLoi, TanLoi, AnLac]);

        var page = await SignInAsync("tanloi.officer", "/dinh-danh/nhap-du-lieu");
        var form = page.Locator(".import-applications");
        await SetFileUntilShownAsync(form.Locator("input[type=file]"), file, form.Locator(".chosen-file", new() { HasText = Path.GetFileName(file) }));
        await form.GetByRole(AriaRole.Button, new() { Name = "Tải lên và nhập" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/dinh-danh/nhap-du-lieu/[0-9a-f-]{36}$"));

        // The job is followed to its end; An Lạc's line is not Tân Lợi's to import.
        await Assertions.Expect(page.Locator(".import-status")).ToHaveTextAsync("Đã hoàn thành", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".import-inserted .mud-typography-h5")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator(".import-rejected .mud-typography-h5")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator(".import-errors tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "enrolment-import");

        // The funnel counts them at once, in Vietnamese formats, every figure as a card.
        var after = await api.GetFunnelAsync(new FunnelQuery(null, today));
        Assert.Equal(Count(before, FunnelCodes.Applications) + 3, Count(after, FunnelCodes.Applications));
        await page.GotoAsync(new Uri(Fixture.WebUrl, "/dinh-danh").ToString());
        await Assertions.Expect(page.Locator(".funnel-unit")).ToHaveTextAsync("Phường Tân Lợi");
        await Assertions.Expect(page.Locator(".funnel-cards .funnel-step-applications .funnel-value")).ToHaveTextAsync(Number(Count(after, FunnelCodes.Applications)));
        await Assertions.Expect(page.Locator(".funnel-cards .funnel-step-cards_received .funnel-value")).ToHaveTextAsync(Number(Count(after, FunnelCodes.CardsReceived)));
        await Assertions.Expect(page.Locator(".funnel-indicators .indicator-card")).ToHaveCountAsync(after.Indicators.Count);
        await Assertions.Expect(page.Locator(".stage-times .stage-time")).ToHaveCountAsync(EnrolmentStages.All.Count);
        await ScreenshotAsync(page, "enrolment-funnel");
    }

    [Fact]
    public async Task Tan_Loi_reads_its_missing_list_masked_records_a_reason_and_a_home_visit_and_finds_them_kept()
    {
        var api = new EnrolmentClient(await HttpForAsync("tanloi.officer"));
        var withoutReason = await api.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.NoApplication, "none"), 1, 20);
        Assert.True(withoutReason.Total > 0, "The demo data leaves persons of Tân Lợi without an application.");
        var person = withoutReason.Items[0];
        Assert.True(person.Masked, "Tân Lợi's officer does not read personal data.");

        // The list as the API gives it: masked, the mask said.
        var page = await SignInAsync("tanloi.officer", "/dinh-danh/chua-thu-nhan");
        await Assertions.Expect(page.Locator(".pii-masked")).ToBeVisibleAsync();
        await ChooseAsync(page, "Lý do", "Chưa ghi lý do");
        var row = page.Locator(".missing-table tbody tr").First;
        await Assertions.Expect(row.Locator(".missing-id")).ToHaveTextAsync(person.IdNumber);
        Assert.Contains("*", person.IdNumber, StringComparison.Ordinal);
        await ScreenshotAsync(page, "enrolment-missing");

        // A reason, with a note that names this run.
        var note = $"Đi làm ở Bình Dương {Guid.NewGuid():N}"[..40];
        var reasonDialog = page.Locator(".missing-reason-dialog");
        await ClickUntilAsync(row.Locator(".record-reason"), reasonDialog);
        var workingAway = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Làm ăn xa" });
        await ClickUntilAsync(reasonDialog.Locator(".reason-select"), workingAway);
        await workingAway.ClickAsync();
        await reasonDialog.Locator(".reason-note textarea").FillAsync(note);
        await reasonDialog.Locator(".reason-save").ClickAsync();
        await Assertions.Expect(reasonDialog).ToBeHiddenAsync();

        // A home visit in three days, by the ward's police, on the same person: the list is filtered to persons without a
        // reason, so once the reason is saved their row is found under the reason chosen, by its note.
        await ChooseAsync(page, "Lý do", "Làm ăn xa");
        row = page.Locator(".missing-table tbody tr", new() { HasText = note });
        await Assertions.Expect(row.Locator(".missing-id")).ToHaveTextAsync(person.IdNumber);
        var visitOn = Today().AddDays(3);
        var visitDialog = page.Locator(".visit-dialog");
        await ClickUntilAsync(row.Locator(".plan-visit"), visitDialog);
        await visitDialog.Locator(".visit-date input").FillAsync(visitOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await visitDialog.Locator(".visit-date input").PressAsync("Enter");
        await visitDialog.Locator(".visit-note-input textarea").FillAsync("Công an phường, tổ 3");
        await visitDialog.Locator(".visit-save").ClickAsync();
        await Assertions.Expect(visitDialog.Locator(".visit-planned-on")).ToHaveTextAsync(visitOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await ScreenshotAsync(page, "enrolment-visit");

        // Kept: the API has both, and the list shows them after a reload.
        var withReason = await api.ListMissingAsync(new MissingQuery(TanLoi, MissingKinds.NoApplication, MissingReasons.WorkingAway), 1, 100);
        var kept = Assert.Single(withReason.Items, p => p.PersonRef == person.PersonRef);
        Assert.Equal((MissingReasons.WorkingAway, note), (kept.Reason?.Reason, kept.Reason?.Note));
        Assert.Equal(visitOn, kept.NextVisit?.PlannedOn);
        await page.ReloadAsync();
        var keptRow = page.Locator(".missing-table tbody tr", new() { HasText = note });
        await ChooseAsync(page, "Lý do", "Làm ăn xa");
        await Assertions.Expect(keptRow.Locator(".missing-reason")).ToContainTextAsync(note);
        await Assertions.Expect(keptRow.Locator(".missing-visit")).ToContainTextAsync(visitOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// An application file of one person per commune given, unique to this run: codes and ID numbers of Đắk Lắk (066),
    /// men born in 1990 (century-and-gender digit 0, year 90), received on <paramref name="receivedOn"/>.
    /// </summary>
    private static string ApplicationFile(DateOnly receivedOn, IReadOnlyList<string> communes)
    {
        string[] names = ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng", "Hoàng Văn Em"];
        var run = Random.Shared.Next(100_000, 999_999);
        var lines = new StringBuilder(string.Join(',', EnrolmentFileHeaders.Applications)).Append('\n');
        for (var i = 0; i < communes.Count; i++)
        {
            var idNumber = $"066090{(run * 10 + i) % 1_000_000:D6}";
            lines.Append(CultureInfo.InvariantCulture,
                $"HS-WEB-{run}-{i},{idNumber},{names[i % names.Length]},15/03/1990,Nam,{communes[i]},{receivedOn:dd/MM/yyyy},tai_tru_so,cap_moi,{i % 2}\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"ho-so-cccd-{run}.csv");
        File.WriteAllText(path, lines.ToString(), new UTF8Encoding(false));
        return path;
    }

    private async Task<HttpClient> HttpForAsync(string username)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("enrolment-api", timeout.Token);
        var http = new HttpClient { BaseAddress = Fixture.App.GetEndpoint("enrolment-api", "http") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Fixture.GetAccessTokenAsync(username));
        return http;
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static long Count(FunnelResponse funnel, string code) => funnel.Indicators.Single(i => i.Code == code).Numerator;

    private static string Number(long value) => value.ToString("N0", Vietnamese);
}
