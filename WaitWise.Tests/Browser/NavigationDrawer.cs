using System.Text.RegularExpressions;
using Microsoft.Playwright;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// The navigation drawer as people use it: docked beside the page on a wide screen, where the menu button hides and
/// shows it; over the page on a phone, where it stays out of the way until the menu button opens it, and closes
/// again when a link is followed or the page behind it is tapped.
/// </summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed partial class NavigationDrawer(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OnAWideScreenTheDrawerIsDockedAndTheMenuButtonHidesAndShowsIt()
    {
        var page = await PageAsync(1280, 800);
        var home = DrawerLink(page, "Home");
        var toggle = Toggle(page);

        await Assertions.Expect(home).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByText("Pick a business")).ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(page, "drawer-wide-docked");
        // Docked: the page starts beside the drawer, not under it.
        Assert.True(await LeftOfContentAsync(page) >= await DrawerWidthAsync(page));

        await toggle.ClickAsync();
        await Assertions.Expect(home).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.Locator(".ww-main")).ToHaveCSSAsync("margin-left", "0px");
        await Assertions.Expect(page.Locator("aside")).Not.ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "drawer-wide-hidden");

        await toggle.ClickAsync();
        await Assertions.Expect(home).ToBeInViewportAsync();
        await home.ClickAsync();
        await BrowserFixture.ArrivesAtAsync(page, HomeAddress(), "following Home on a wide screen");
        await Assertions.Expect(DrawerLink(page, "Queues")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task OnAPhoneTheDrawerOpensOverThePageAndClosesOnALinkOrATapBeside()
    {
        var page = await PageAsync(390, 844);
        var home = DrawerLink(page, "Home");
        var toggle = Toggle(page);

        await Assertions.Expect(home).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.GetByText("Pick a business")).ToBeInViewportAsync();
        Assert.True(await LeftOfContentAsync(page) < 50);
        await BrowserFixture.ScreenshotAsync(page, "drawer-phone-closed");

        await toggle.ClickAsync();
        await Assertions.Expect(home).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("aside")).ToHaveCSSAsync("left", "0px");
        await BrowserFixture.ScreenshotAsync(page, "drawer-phone-open");
        await home.ClickAsync();
        await BrowserFixture.ArrivesAtAsync(page, HomeAddress(), "following Home on a phone");
        await Assertions.Expect(DrawerLink(page, "Queues")).Not.ToBeInViewportAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(DrawerLink(page, "Queues")).ToBeInViewportAsync();
        // A tap on the page beside the drawer (its right edge is 240 px in) closes it.
        await page.Mouse.ClickAsync(360, 600);
        await Assertions.Expect(DrawerLink(page, "Queues")).Not.ToBeInViewportAsync();
    }

    /// <summary>The list of queues, as a visitor sees it, once its circuit is up (the menu button is enabled then).</summary>
    private async Task<IPage> PageAsync(int width, int height)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("queues");
        await BrowserFixture.InteractiveAsync(page);
        return page;
    }

    private static ILocator Toggle(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });

    private static ILocator DrawerLink(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static Task<double> LeftOfContentAsync(IPage page) =>
        page.Locator(".ww-main").EvaluateAsync<double>("e => e.getBoundingClientRect().left");

    private static Task<double> DrawerWidthAsync(IPage page) =>
        page.Locator("aside").EvaluateAsync<double>("e => e.getBoundingClientRect().width");

    [GeneratedRegex(@"/$")]
    private static partial Regex HomeAddress();
}
