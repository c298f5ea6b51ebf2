using Microsoft.Playwright;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>The seeded demo accounts sign in through the real form in real Chromium, and the interactive app starts.</summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed class DemoSignIn(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ADemoOwnerSignsInAndSeesTheirAccountInTheInteractiveApp()
    {
        var page = await browser.SignedInPageAsync(DemoSeeder.OwnerEmail);

        // The drawer toggle is enabled only once the Blazor circuit is up, so this proves scripts and styles load.
        await BrowserFixture.InteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = DemoSeeder.OwnerEmail, Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "demo-owner-signed-in");
    }

    [Fact]
    public async Task ASignInWhoseReturnAddressIsElsewhereEndsOnTheHomePage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("Account/Login?ReturnUrl=https%3A%2F%2Fx.example%2F");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.CustomerEmails[0]);
        await page.GetByLabel("Password").FillAsync(DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(browser.App.BaseAddress.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WaitWise", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedOnThePage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.CustomerEmails[0]);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Invalid login attempt")).ToBeVisibleAsync();
    }
}
