using System.Text.Json;
using Microsoft.Playwright;

namespace Dakla06.EndToEndTests;

/// <summary>
/// A headless Debian Chromium driven by Playwright against the system the AppHost started, with the helpers the
/// web app's tests share: signing in through the identity provider's page and waiting out the moment between
/// the prerendered page and the connected Blazor circuit.
/// </summary>
/// <summary>
/// The browser tests run one after another: each drives a Blazor Server circuit through the one web instance, and on
/// two cores several circuits plus the AppHost's start-up work (the registry seed) starve one another until clicks
/// before a circuit connects time out.
/// </summary>
[CollectionDefinition]
public sealed class BrowserCollection;

public abstract class BrowserTest(AppHostFixture system) : IAsyncLifetime
{
    protected const float Timeout = 30_000;

    /// <summary>The entry point's cookie naming the browser's web replica (web/Dakla06.WebEntry).</summary>
    protected const string ReplicaCookie = "dakla06.replica";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    protected AppHostFixture Fixture { get; } = system;

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

    /// <summary>
    /// Opens <paramref name="path"/> in a fresh browser context (a desktop one unless <paramref name="device"/> says
    /// otherwise) and signs in on the identity provider's page. With several web replicas, <paramref name="replica"/>
    /// (<c>web-2</c>) pins the browser to one, as the entry point's cookie would after its first visit.
    /// </summary>
    protected async Task<IPage> SignInAsync(string username, string path, BrowserNewContextOptions? device = null, string? replica = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions(device ?? new BrowserNewContextOptions()) { Locale = "vi-VN" });
        if (replica is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = ReplicaCookie, Value = replica, Url = Fixture.WebUrl.ToString() }]);
        }

        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        Assertions.SetDefaultExpectTimeout(Timeout);
        await page.GotoAsync(new Uri(Fixture.WebUrl, path).ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", "Dakla06@demo");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        return page;
    }

    /// <summary>Playwright's Pixel 5 (touch, mobile user agent, device pixel ratio) with its whole screen, 393×851, as the viewport.</summary>
    protected BrowserNewContextOptions Pixel5() =>
        new(_playwright.Devices["Pixel 5"]) { ViewportSize = new ViewportSize { Width = 393, Height = 851 } };

    /// <summary>
    /// Clicks until <paramref name="appears"/> shows: a click on the prerendered page, before the circuit is
    /// connected, does nothing. A click that was taken disables or removes the button while its answer is on the way
    /// (slow on a loaded machine): the next click then gives up after a short wait and the loop keeps waiting for
    /// <paramref name="appears"/>, instead of waiting the whole timeout for a button that is gone.
    /// </summary>
    protected static async Task ClickUntilAsync(ILocator button, ILocator appears)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            try
            {
                await button.ClickAsync(new LocatorClickOptions { Timeout = 2_000 });
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }

            try
            {
                await appears.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>Types into a field until <paramref name="appears"/> shows: typing before the circuit connects is lost.</summary>
    protected static async Task FillUntilAsync(ILocator field, string text, ILocator appears)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            await field.FillAsync(string.Empty);
            await field.FillAsync(text);
            try
            {
                await appears.WaitForAsync(new LocatorWaitForOptions { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>
    /// Where <paramref name="element"/> lies on the screen, once it has one: while the connected circuit re-renders the
    /// prerendered page an element can be attached yet have no box for a moment.
    /// </summary>
    protected static async Task<LocatorBoundingBoxResult> BoxOfAsync(ILocator element)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            await Assertions.Expect(element).ToBeVisibleAsync();
            if (await element.BoundingBoxAsync() is { } box)
            {
                return box;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{element} has no bounding box after {Timeout} ms.");
            }
        }
    }

    /// <summary>
    /// Sets the file of an upload input until <paramref name="shown"/> appears: a file set before the circuit is connected
    /// is not seen by the component.
    /// </summary>
    protected static async Task SetFileUntilShownAsync(ILocator input, string path, ILocator shown)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            await input.SetInputFilesAsync(path);
            try
            {
                await shown.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>A sample file shipped with a service: <c>services/{service}/samples/{name}</c> of this checkout.</summary>
    public static string SamplePath(string service, string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dakla06.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "services", service, "samples", name);
    }

    /// <summary>Opens a MudSelect by its label and picks an option from its popover, retrying the opening.</summary>
    protected static async Task ChooseAsync(IPage page, string label, string option)
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

    /// <summary>
    /// A full-page screenshot <c>{name}.png</c> in the folder <c>DAKLA06_SCREENSHOTS</c> names, when it names one: to read
    /// the pages a test walks through (a test never asserts on pixels).
    /// </summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("DAKLA06_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }

    /// <summary>Nothing on the page reaches past the right edge of the screen (no sideways scrolling).</summary>
    protected static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<JsonElement>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0].GetInt32() <= widths[1].GetInt32(),
            $"{new Uri(page.Url).AbsolutePath} is {widths[0]} px wide on a {widths[1]} px screen.");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        GC.SuppressFinalize(this);
    }
}
