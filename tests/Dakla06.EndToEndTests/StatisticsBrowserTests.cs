using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dakla06.Contracts.Http.Statistics;
using Dakla06.IntegrationTests.Support;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// The public-service scorecard as Buôn Ma Thuột's statistics officer reads it, on the year of dossiers the statistics
/// service seeds on first start: every indicator as a card with the API's figures in Vietnamese formats, the monthly
/// trend, the table by commune (exported to Excel), and a click on a commune that goes down to that commune's scorecard;
/// and the sample dossier file imported from the web, its job followed to the end, the lines outside the district rejected.
/// </summary>
[Collection(typeof(BrowserCollection))]
public sealed class StatisticsBrowserTests(AppHostFixture system) : BrowserTest(system)
{
    /// <summary>The seeded import's fixed id (<c>DemoDataSeeder.ImportId</c> in the statistics service).</summary>
    private static readonly Guid SeedImportId = new("5eed0011-0000-7000-8000-000000000001");

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task Buon_Ma_Thuot_sees_its_scorecard_in_Vietnamese_formats_and_its_communes_and_goes_down_to_Tan_Loi()
    {
        await WaitForSeededDossiersAsync();
        // The seed spreads its dossiers over the last twelve months: a range that holds all of them.
        var to = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var from = to.AddDays(-365);
        var query = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var api = new StatisticsClient(await HttpForAsync("bmt.officer"));
        var district = await api.GetIndicatorsAsync(new IndicatorQuery(null, from, to, IndicatorBreakdowns.Child));
        var received = Indicator(district.Indicators, "received");
        var onlineShare = Indicator(district.Indicators, "online_share");
        Assert.True(received.Numerator >= 1000, $"The seed gives Buôn Ma Thuột thousands of dossiers, not {received.Numerator}.");

        // The scorecard: a card per indicator, counts as 1.254.631, shares as 58,12% with what they are made of.
        var page = await SignInAsync("bmt.officer", "/dich-vu-cong");
        await page.GotoAsync(new Uri(Fixture.WebUrl, $"/dich-vu-cong?{query}").ToString());
        await Assertions.Expect(page.Locator(".scorecard-unit")).ToHaveTextAsync("Thành phố Buôn Ma Thuột");
        await Assertions.Expect(page.Locator(".indicator-card")).ToHaveCountAsync(district.Indicators.Count);
        await Assertions.Expect(page.Locator(".indicator-received .indicator-value")).ToHaveTextAsync(Number(received.Numerator));
        Assert.Contains(".", Number(received.Numerator), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".indicator-online_share .indicator-value")).ToHaveTextAsync(Percent(onlineShare.Value!.Value));
        await Assertions.Expect(page.Locator(".indicator-online_share .indicator-fraction"))
            .ToHaveTextAsync($"{Number(onlineShare.Numerator)}/{Number(onlineShare.Denominator!.Value)}");
        // Every card says its target, or that none was set.
        await Assertions.Expect(page.Locator(".indicator-card .indicator-target")).ToHaveCountAsync(district.Indicators.Count);
        await Assertions.Expect(page.Locator(".monthly-trend svg").First).ToBeVisibleAsync();

        // By commune: every commune of the district (with zeros where there is nothing), each with its figures.
        await page.GotoAsync(new Uri(Fixture.WebUrl, $"/dich-vu-cong/theo-don-vi?{query}").ToString());
        var rows = page.Locator(".by-child-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(district.Groups.Count);
        var tanLoi = district.Groups.Single(g => g.Key == "24136");
        var tanLoiRow = page.Locator(".by-child-table tbody tr", new() { HasText = "Phường Tân Lợi" });
        await Assertions.Expect(tanLoiRow.Locator(".child-received")).ToHaveTextAsync(Number(Indicator(tanLoi.Indicators, "received").Numerator));
        await Assertions.Expect(page.Locator(".by-child-chart svg").First).ToBeVisibleAsync();

        // The table as Excel: one row per commune, text as text.
        var download = await ClickUntilDownloadAsync(page, page.Locator(".excel-export"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var workbook = await WorkbookTextAsync(download);
        Assert.Contains("Phường Tân Lợi", workbook, StringComparison.Ordinal);
        Assert.Contains("Tỷ lệ trực tuyến", workbook, StringComparison.Ordinal);

        // A click on the commune goes down to its own scorecard, same period.
        await ClickUntilAsync(tanLoiRow.Locator(".child-name"), page.Locator(".scorecard-unit", new() { HasText = "Phường Tân Lợi" }));
        Assert.Matches(new Regex("/dich-vu-cong\\?unit=24136&from=.*&to=.*$"), page.Url);
        await Assertions.Expect(page.Locator(".indicator-received .indicator-value")).ToHaveTextAsync(Number(Indicator(tanLoi.Indicators, "received").Numerator));
    }

    [Fact]
    public async Task Buon_Ma_Thuot_imports_the_sample_dossiers_watches_the_job_complete_and_reads_the_lines_outside_its_district_rejected()
    {
        await WaitForSeededDossiersAsync();
        // The sample dossiers are of the sample catalogue's procedures: the province imports it first.
        var province = new StatisticsClient(await HttpForAsync("province.officer"));
        await using (var catalogue = File.OpenRead(SamplePath("Statistics", "procedures-sample.csv")))
        {
            var imported = await province.ImportProceduresAsync(catalogue, "procedures-sample.csv");
            Assert.Equal(0, imported.Rejected);
        }

        var sample = SamplePath("Statistics", "dossiers-sample.csv");
        var lines = File.ReadLines(sample).Count(line => line.Length > 0) - 1;
        var page = await SignInAsync("bmt.officer", "/dich-vu-cong/nhap-du-lieu");
        var chosen = page.Locator(".chosen-file", new() { HasText = "dossiers-sample.csv" });
        await SetFileUntilShownAsync(page.Locator(".dossier-file input[type=file]"), sample, chosen);

        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và nhập" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/dich-vu-cong/nhap-du-lieu/[0-9a-f-]{36}$"));
        var id = Guid.Parse(new Uri(page.Url).Segments[^1]);

        // The page follows the job until it completes, then shows the API's counts, which add up to the file.
        await Assertions.Expect(page.Locator(".import-status")).ToHaveTextAsync("Đã hoàn thành", new() { Timeout = 60_000 });
        var import = await new StatisticsClient(await HttpForAsync("bmt.officer")).GetImportAsync(id);
        Assert.NotNull(import);
        Assert.Equal(lines, import.Inserted + import.Updated + import.Unchanged + import.Rejected);
        await Assertions.Expect(page.Locator(".import-inserted .mud-typography-h5")).ToHaveTextAsync(Number(import.Inserted));
        await Assertions.Expect(page.Locator(".import-rejected .mud-typography-h5")).ToHaveTextAsync(Number(import.Rejected));

        // The lines of the province itself (66) and of another district's commune (An Lạc, 24305) are not Buôn Ma Thuột's to import.
        Assert.True(import.Rejected >= 2, $"At least the two lines outside the district are rejected, not {import.Rejected}.");
        var errors = await new StatisticsClient(await HttpForAsync("bmt.officer")).ListImportErrorsAsync(id, 1, 20);
        Assert.InRange(errors.Total, import.Rejected, 20);
        await Assertions.Expect(page.Locator(".import-errors tbody tr")).ToHaveCountAsync((int)errors.Total);
        foreach (var error in errors.Items)
        {
            await Assertions.Expect(page.Locator(".import-errors tbody tr", new() { HasText = error.Message }).First).ToBeVisibleAsync();
        }
    }

    /// <summary>The seeded year of dossiers is imported by an ordinary job on first start; the figures are final once it completes.</summary>
    private async Task WaitForSeededDossiersAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("statistics-api", timeout.Token);
        var province = new StatisticsClient(await HttpForAsync("province.officer"));
        await Eventually.ReturnsAsync(
            () => province.GetImportAsync(SeedImportId, timeout.Token),
            import => import?.Status == ImportStatuses.Completed,
            TimeSpan.FromMinutes(3),
            "the statistics service imports its seeded dossiers on first start");
    }

    private async Task<HttpClient> HttpForAsync(string username)
    {
        var http = new HttpClient { BaseAddress = Fixture.App.GetEndpoint("statistics-api", "http") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Fixture.GetAccessTokenAsync(username));
        return http;
    }

    /// <summary>Clicks until the browser gets a download: a click on the prerendered page, before the circuit connects, does nothing.</summary>
    private static async Task<IDownload> ClickUntilDownloadAsync(IPage page, ILocator button)
    {
        var download = page.WaitForDownloadAsync(new PageWaitForDownloadOptions { Timeout = Timeout });
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            await button.ClickAsync();
            try
            {
                return await download.WaitAsync(TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>Every text of the workbook's XML parts (shared strings or inline strings, whichever the writer chose).</summary>
    private static async Task<string> WorkbookTextAsync(IDownload download)
    {
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path);
        var parts = zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        var texts = new List<string>();
        foreach (var part in parts)
        {
            using var reader = new StreamReader(part.Open());
            texts.Add(await reader.ReadToEndAsync());
        }

        return string.Join('\n', texts);
    }

    private static IndicatorDto Indicator(IReadOnlyList<IndicatorDto> indicators, string code) => indicators.Single(i => i.Code == code);

    private static string Number(long value) => value.ToString("N0", Vietnamese);

    private static string Percent(decimal value) => value.ToString("N2", Vietnamese) + "%";
}
