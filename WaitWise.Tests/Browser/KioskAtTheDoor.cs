using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Queues;
using WaitWise.Tests.Api;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>A tablet by the door (issue 18): staff open the kiosk; people take tickets; it says when the queue closes.</summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed class KioskAtTheDoor(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task StaffOpenTheKioskAPersonTakesATicketAndTheKioskSaysWhenTheQueueCloses()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var kiosk = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);
        await kiosk.SetViewportSizeAsync(1024, 768);
        await kiosk.GotoAsync($"kiosk/{frontDesk}");

        var take = kiosk.GetByTestId("kiosk-take");
        // Enabled once the kiosk's circuit is up: a tap before that would go nowhere.
        await Assertions.Expect(take).ToBeEnabledAsync();
        // The kiosk leads nowhere else: no menu, no links.
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToHaveCountAsync(0);
        await Assertions.Expect(kiosk.Locator("a:visible")).ToHaveCountAsync(0);
        await kiosk.GetByLabel("Your name (optional)").FillAsync("Kit");
        await take.ClickAsync();

        await Assertions.Expect(kiosk.GetByTestId("kiosk-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^A-\\d{3}$"));
        await Assertions.Expect(kiosk.GetByTestId("kiosk-place")).ToContainTextAsync("in line");
        await Assertions.Expect(kiosk.Locator("[data-testid=kiosk-qr] svg")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(kiosk, "kiosk-ticket");
        // More time keeps the ticket on the screen (its timer starts again); Done takes it off at once.
        await kiosk.GetByTestId("kiosk-more-time").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("kiosk-code")).ToBeVisibleAsync();
        await kiosk.GetByTestId("kiosk-done").ClickAsync();
        await Assertions.Expect(take).ToBeVisibleAsync();

        var closed = await browser.App.Services.GetRequiredService<IQueueControl>().CloseAsync(await browser.App.ActorAsync(DemoSeeder.OwnerEmail), frontDesk);
        Assert.True(closed.IsSuccess, closed.ToString());
        await Assertions.Expect(kiosk.GetByTestId("kiosk-closed")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Assertions.Expect(take).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(kiosk, "kiosk-closed");
        await browser.App.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ACustomerCannotOpenAKiosk()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var customer = await browser.SignedInPageAsync(DemoSeeder.CustomerEmails[2]);

        await customer.GotoAsync($"kiosk/{frontDesk}");

        await Assertions.Expect(customer.GetByTestId("kiosk-take")).ToHaveCountAsync(0);
        await Assertions.Expect(customer.GetByText("not authorized", new() { Exact = false }).Or(customer.GetByText("Access denied", new() { Exact = false })).First).ToBeVisibleAsync();
    }
}
