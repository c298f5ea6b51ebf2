using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using WaitWise.Tests.Api;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;
using WaitWise.Web.Languages;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// The pages in the browser's language (Accept-Language), or the one picked in the app bar and kept in a cookie;
/// Arabic right to left; the board and the kiosk in the business's language whatever the browser asks for.
/// </summary>
[Collection(BrowserTests.Collection)]
public sealed class Languages(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ABrowserAskingForArabicGetsTheQueuePageRightToLeft()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var page = await browser.NewPageInAsync("ar-EG");
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync($"queues/{frontDesk}");
        await BrowserFixture.InteractiveAsync(page, Words.In("ar"));

        var html = page.Locator("html");
        await Assertions.Expect(html).ToHaveAttributeAsync("lang", "ar");
        await Assertions.Expect(html).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator(".mud-rtl-provider")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-application-layout-rtl"));
        await Assertions.Expect(page.GetByTestId("guest-join")).ToHaveTextAsync(Words.In("ar")["Join as a guest"].Value);
        Assert.NotEqual(Words.English["Join as a guest"].Value, Words.In("ar")["Join as a guest"].Value);
        // The start of a line is on the right: the app bar's brand sits right of its end buttons.
        var brand = await page.Locator(".ww-brand").BoundingBoxAsync();
        var picker = await page.Locator("#ww-language").BoundingBoxAsync();
        Assert.True(brand!.X > picker!.X, $"The brand ({brand.X}) should be right of the language picker ({picker.X}).");
        await BrowserFixture.ScreenshotAsync(page, "queue-ar");
        // On a wide screen the menu is docked at the start of the line: on the right.
        await page.SetViewportSizeAsync(1280, 800);
        await Assertions.Expect(page.Locator(".ww-drawer")).ToBeVisibleAsync();
        var drawer = (await page.Locator(".ww-drawer").BoundingBoxAsync())!;
        Assert.True(drawer.X + drawer.Width >= 1279, $"The docked menu should end at the right edge, not at {drawer.X + drawer.Width}.");
        var axe = await page.RunAxe(Accessibility.WcagAa);
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    [Fact]
    public async Task AnAcceptLanguageWithARegionGetsItsLanguageAndOneWaitWiseDoesNotSpeakGetsEnglish()
    {
        var canadian = await browser.NewPageInAsync("fr-CA");
        await canadian.GotoAsync("");
        await Assertions.Expect(canadian.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(canadian.Locator("html")).ToHaveAttributeAsync("dir", "ltr");

        var german = await browser.NewPageInAsync("de-DE");
        await german.GotoAsync("");
        await Assertions.Expect(german.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task ThePickerInTheAppBarSwitchesThisBrowsersLanguageAndKeepsIt()
    {
        var page = await browser.NewPageInAsync("en-GB");
        await page.GotoAsync("queues");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.Locator("#ww-language").SelectOptionAsync("es");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = Words.In("es")["Use the dark theme"].Value })).ToBeVisibleAsync();
        Assert.Equal("c%3Des%7Cuic%3Des", (await page.Context.CookiesAsync()).Single(c => c.Name == SiteLanguages.CookieName).Value);
        // Kept: the next page, and a static account page, come in Spanish too.
        await page.GotoAsync("Account/Login");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = Words.In("es")["Sign in"].Value })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ww-language")).ToHaveValueAsync("es");
    }

    [Fact]
    public async Task TheBoardAndTheKioskSpeakTheBusinesssLanguageWhateverTheBrowserAsks()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        await browser.App.SetBusinessLanguageAsync(frontDesk, "fr");
        try
        {
            var french = Words.In("fr");
            var board = await browser.NewPageInAsync("en-US");
            await board.GotoAsync($"board/{frontDesk}");
            await Assertions.Expect(board.Locator("#now-heading")).ToHaveTextAsync(french["Now serving"].Value);

            var staff = await browser.NewPageInAsync("en-US");
            await BrowserFixture.SignInAsync(staff, DemoSeeder.Staff1Email);
            await staff.GotoAsync($"kiosk/{frontDesk}");
            await Assertions.Expect(staff.GetByTestId("kiosk-take")).ToHaveTextAsync(french["Take a ticket"].Value);
            // The rest of the site stays in the staff member's own language.
            await staff.GotoAsync("staff");
            await Assertions.Expect(staff.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }
        finally
        {
            await browser.App.SetBusinessLanguageAsync(frontDesk, "en");
        }
    }
}
