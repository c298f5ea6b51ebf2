using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// Real headless Chromium (Debian's, at /usr/bin/chromium or WAITWISE_CHROMIUM) driven by Playwright, with the
/// real app on loopback. Each test opens its own browser contexts, one per person. Screenshots go to
/// artifacts/screenshots at the repository root.
/// </summary>
public sealed partial class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Browser() : this(new AppHost())
    {
    }

    /// <summary>A browser on an app host set up otherwise than the others (see <see cref="AppHost.Replace"/>).</summary>
    internal Browser(AppHost app) => App = app;

    public AppHost App { get; }

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await LaunchAsync(_playwright);
    }

    /// <summary>Debian's headless Chromium, as every browser test drives it.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WAITWISE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

    /// <summary>A fresh browser context (its own cookies: one person) with a page on the app, granted these permissions.</summary>
    public async Task<IPage> NewPageAsync(params string[] permissions)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), Permissions = permissions });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context whose browser asks for pages in <paramref name="locale"/> (its Accept-Language).</summary>
    public async Task<IPage> NewPageInAsync(string locale)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), Locale = locale });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new person, signed in through the real sign-in form.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password = Web.Hosting.DemoSeeder.Password)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, email, password);
        return page;
    }

    /// <summary>Signs the page's person in through the real sign-in form.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Web.Hosting.DemoSeeder.Password)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ArrivesAtAsync(page, SignedInUrl(), "sign-in");
    }

    /// <summary>
    /// Waits until the page's circuit is up: interactive pages enable the drawer toggle only then, and until then a
    /// click on a button or link may go nowhere.
    /// </summary>
    public static Task InteractiveAsync(IPage page) => InteractiveAsync(page, Words.English);

    /// <summary>As <see cref="InteractiveAsync(IPage)"/>, for a page in another language.</summary>
    public static Task InteractiveAsync(IPage page, IStringLocalizer words) =>
        Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = words["Toggle navigation"].Value })).ToBeEnabledAsync();

    [GeneratedRegex("^(?!.*Account/Login)", RegexOptions.IgnoreCase)]
    private static partial Regex SignedInUrl();

    /// <summary>
    /// Waits for the page's address to become <paramref name="url"/>, as it does when a circuit navigates (a history
    /// push, with no load event for <c>WaitForURLAsync</c> to wait for: that wait timed out on CI with the page
    /// already there). If it never does, fails with what the page shows instead and leaves a screenshot.
    /// </summary>
    public static async Task ArrivesAtAsync(IPage page, Regex url, string step)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });
        }
        catch (PlaywrightException e)
        {
            await ScreenshotAsync(page, "stuck-" + step);
            var shown = await page.Locator("main, .ww-main").First.InnerTextAsync();
            throw new TimeoutException($"After {step} the page stayed at {page.Url}, showing:\n{shown}", e);
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir.Parent is not null && !File.Exists(Path.Combine(dir.FullName, "WaitWise.sln")))
        {
            dir = dir.Parent;
        }
        return dir.FullName;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Browser test classes run one after another (each with its own app and Chromium), beside the other tests:
/// several Chromiums and apps at once on a small machine make page timings, not the code, decide the outcome.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class BrowserTests
{
    public const string Collection = "Browser";
}
