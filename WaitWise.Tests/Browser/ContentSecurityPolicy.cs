using Microsoft.Playwright;
using WaitWise.Tests.Api;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// The site works under its Content-Security-Policy (issue 17 item 11): Chromium reports no violation on the way
/// through the customer, owner, staff, board and account pages, whether loaded or reached by enhanced navigation,
/// and the circuit comes up on each interactive page.
/// </summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed class ContentSecurityPolicy(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EveryKindOfPageRunsWithoutAViolation()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
        var queue = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);

        await page.GotoAsync("");
        await BrowserFixture.InteractiveAsync(page);
        await BrowserFixture.SignInAsync(page, DemoSeeder.OwnerEmail);
        foreach (var path in new[] { "queues", $"queues/{queue}", "owner", $"owner/queues/{queue}", "staff", "my-tickets" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.InteractiveAsync(page);
        }
        await page.GotoAsync($"board/{queue}");
        await Assertions.Expect(page.GetByText(DemoSeeder.FrontDesk).First).ToBeVisibleAsync();
        await page.GotoAsync("Account/Manage");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profile" })).ToBeVisibleAsync();
        // Enhanced navigation: a link followed inside the app patches the page instead of loading it.
        await page.GotoAsync("");
        await BrowserFixture.InteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Queues" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/queues$"));
        await BrowserFixture.InteractiveAsync(page);

        lock (violations)
        {
            Assert.Empty(violations);
        }
    }
}
