using Dakla06.Contracts.Http.Cleansing;
using Dakla06.IntegrationTests.Support;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// Data cleansing as a commune officer does it: Phường Tân Lợi's cleansing officer (no pii-reader) uploads the shipped
/// vaccination sample, watches it validated against the registry the AppHost seeded, reads the classes, opens a
/// flagged record (personal data masked), accepts the suggested person, and sees the record counted as cleaned — in
/// the record list, in its campaign's "x/y (z%)" and in the downloaded results, which another commune's officer cannot download.
/// </summary>
[Collection(typeof(BrowserCollection))]
public sealed class CleansingBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    private const string SampleName = "vaccination-sample.csv";

    [Fact]
    public async Task Tan_Loi_uploads_the_sample_sees_it_validated_and_classified_and_cleans_a_flagged_record_by_accepting_a_suggestion()
    {
        var sample = SamplePath("Cleansing", SampleName);
        var lines = File.ReadLines(sample).Count(line => line.Length > 0) - 1;
        using var http = await WaitForSeededRegistryAsync();

        // The commune's campaign the batch counts towards (unique per run).
        var campaignName = $"Làm sạch dữ liệu tiêm chủng COVID-19 {Guid.NewGuid():N}"[..45];
        var created = await new CleansingClient(http).CreateCampaignAsync(
            new CreateCampaignRequest(campaignName, "vaccination", new DateOnly(2027, 6, 30), ["24136"]));
        var campaignPath = $"/lam-sach/chien-dich/{created.Id}";

        // Upload for the officer's own commune (the unit picker starts there), as vaccination data, in the campaign.
        var page = await SignInAsync("tanloi.officer", "/lam-sach");
        await Assertions.Expect(page.Locator(".registry-info")).ToContainTextAsync("công dân");
        var chosen = page.Locator(".chosen-file", new() { HasText = SampleName });
        await SetFileUntilShownAsync(page.Locator(".batch-file input[type=file]"), sample, chosen);

        await ChooseAsync(page, "Chiến dịch", campaignName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và kiểm tra" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/lam-sach/lo/[0-9a-f-]{36}$"));
        var batchPath = new Uri(page.Url).AbsolutePath;

        // The page polls the batch until it is done: completed, every line counted once.
        await Assertions.Expect(page.Locator(".batch-status")).ToHaveTextAsync("Đã hoàn thành", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".batch-processed")).ToContainTextAsync($"{Vietnamese(lines)} / {Vietnamese(lines)} bản ghi");
        await Assertions.Expect(page.Locator(".batch-speed")).ToContainTextAsync("bản ghi/giây");

        // The chart and the counts by class, which add up to the file.
        await Assertions.Expect(page.Locator(".class-chart svg").First).ToBeVisibleAsync();
        var counts = page.Locator(".class-counts .class-row .class-count");
        await Assertions.Expect(counts).ToHaveCountAsync(8);
        var total = 0;
        foreach (var text in await counts.AllInnerTextsAsync())
        {
            total += int.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(lines, total);
        var matched = page.Locator(".class-counts .class-matched .class-count");
        Assert.NotEqual("0", await matched.InnerTextAsync());
        await Assertions.Expect(page.Locator(".class-counts .class-matched .class-share")).ToContainTextAsync("%");
        Assert.NotEqual("0", await page.Locator(".class-counts .class-info_mismatch .class-count").InnerTextAsync());
        var flagged = (await page.Locator(".class-counts .class-total td").Nth(1).InnerTextAsync()).Trim();

        // Nothing cleaned yet: the campaign reports 0 of the flagged records.
        await page.GotoAsync(new Uri(Fixture.WebUrl, campaignPath).ToString());
        await Assertions.Expect(page.Locator(".campaign-figure")).ToHaveTextAsync($"0/{flagged} (0%)");
        await page.GotoAsync(new Uri(Fixture.WebUrl, batchPath).ToString());

        // Flagged records of one class; the officer may not read personal data, so it comes masked.
        await ChooseAsync(page, "Loại", "Sai lệch thông tin");
        var rows = page.Locator(".records-table tbody tr", new() { Has = page.Locator(".record-class", new() { HasText = "Sai lệch thông tin" }) });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".records-table tbody tr .record-class", new() { HasText = "Khớp CSDL dân cư" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".pii-masked")).ToBeVisibleAsync();
        await Assertions.Expect(rows.First.Locator("td.pii").First).ToContainTextAsync("******");

        // The record page: the record next to the suggested people; the officer accepts the first suggestion.
        var lineLink = rows.First.GetByRole(AriaRole.Link).First;
        var line = await lineLink.InnerTextAsync();
        await lineLink.ClickAsync();
        await page.WaitForURLAsync(new Regex($"{Regex.Escape(batchPath)}/ban-ghi/{line.Replace(".", string.Empty, StringComparison.Ordinal)}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Dòng {line}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".record-compare td.mismatch").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".suggestion-score").First).ToContainTextAsync("điểm");

        // On a phone (360 px) the comparison lists its values per field: nothing to scroll sideways, the buttons within the screen.
        await page.SetViewportSizeAsync(360, 740);
        await page.Locator(".accept-suggestion").First.ScrollIntoViewIfNeededAsync();
        Assert.True(await page.EvaluateAsync<bool>(
            """
            () => {
                const table = document.querySelector('.record-compare');
                const widest = Math.max(...[...document.querySelectorAll('.accept-suggestion, .correct-submit, .unfixable-submit, .record-compare td')]
                    .map(e => e.getBoundingClientRect().right));
                return table.scrollWidth <= table.parentElement.clientWidth && widest <= document.documentElement.clientWidth;
            }
            """), "the record comparison or its buttons are wider than a 360 px phone");
        await AssertFitsTheScreenAsync(page);
        await ClickUntilAsync(page.Locator(".accept-suggestion").First, page.Locator(".revalidation"));
        await page.SetViewportSizeAsync(1280, 720);
        await Assertions.Expect(page.Locator(".revalidation")).ToContainTextAsync("đã làm sạch");
        await Assertions.Expect(page.Locator(".record-cleaned")).ToHaveTextAsync("Đã làm sạch");
        await Assertions.Expect(page.Locator(".accept-suggestion")).ToHaveCountAsync(0);

        // Back on the batch, the record's row says so.
        await page.GotoAsync(new Uri(Fixture.WebUrl, batchPath).ToString());
        var row = page.Locator(".records-table tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = line, Exact = true }) });
        await Assertions.Expect(row.Locator(".record-resolution")).ToContainTextAsync("Đã làm sạch");

        // The campaign's figure moved by one.
        await page.GotoAsync(new Uri(Fixture.WebUrl, campaignPath).ToString());
        await Assertions.Expect(page.Locator(".campaign-figure")).ToHaveTextAsync(new Regex($"^1/{Regex.Escape(flagged)} \\([0-9]+(,[0-9])?%\\)$"));
        await page.GotoAsync(new Uri(Fixture.WebUrl, batchPath).ToString());

        // The results download through the web app with the officer's token: every line, personal data masked.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".download-csv").ClickAsync());
        var results = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal(lines + 1, results.Count(l => l.Length > 0));
        Assert.Contains("ho_ten", results[0], StringComparison.Ordinal);
        Assert.Contains("******", results[1], StringComparison.Ordinal);

        // The web's download answers what the API answers the one asking: another commune's officer gets a 404, not the
        // file; a request without a session is sent to sign in.
        var resultsUrl = new Uri(Fixture.WebUrl, $"{batchPath}/ket-qua.csv");
        var neighbour = await SignInAsync("tanlap.officer", "/lam-sach");
        var refused = await neighbour.APIRequest.GetAsync(resultsUrl.ToString());
        Assert.Equal(404, refused.Status);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var challenged = await anonymous.GetAsync(resultsUrl, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.DoesNotContain("ho_ten", await challenged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>The AppHost seeds the registry when cleansing-api first starts; a batch needs it loaded.</summary>
    /// <returns>An HTTP client of cleansing-api with the officer's token.</returns>
    private async Task<HttpClient> WaitForSeededRegistryAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("cleansing-api", timeout.Token);
        var http = new HttpClient { BaseAddress = Fixture.App.GetEndpoint("cleansing-api", "http") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Fixture.GetAccessTokenAsync("tanloi.officer"));
        // The seed commits in one transaction: the registry is either empty or complete.
        await Eventually.ReturnsAsync(
            () => new CleansingClient(http).GetRegistryAsync(timeout.Token),
            registry => registry.PersonCount > 0,
            TimeSpan.FromMinutes(2),
            "the cleansing service seeds its registry on first start");
        return http;
    }

    private static string Vietnamese(int value) => value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
}
