using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Api;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// A guest's ticket page on a phone can be added to the home screen (a web app manifest with icons), and opened
/// without a connection it shows the offline page from the service worker, then the ticket again once back online.
/// </summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed class InstallAndOffline(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ATicketPageIsInstallableAndOpenedOfflineSaysSoThenComesBackWithTheTicket()
    {
        var queueId = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var guest = await browser.App.Services.GetRequiredService<ITicketService>().JoinAsGuestAsync(queueId, new GuestDetails("Olly"));
        Assert.True(guest.IsSuccess, guest.ToString());
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"tickets/{guest.Value!.Placed.Ticket.Id}#key={guest.Value.Key}");
        await Assertions.Expect(page.GetByTestId("ticket-code")).ToHaveTextAsync(guest.Value.Placed.Ticket.Code);

        var manifest = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync(
            (await page.Locator("link[rel=manifest]").GetAttributeAsync("href"))!)).TextAsync()).RootElement;
        Assert.Equal(("WaitWise", "standalone", "/my-tickets"),
            (manifest.GetProperty("name").GetString(), manifest.GetProperty("display").GetString(), manifest.GetProperty("start_url").GetString()));
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512");
        foreach (var icon in icons)
        {
            var answer = await page.Context.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal((200, icon.GetProperty("type").GetString()), (answer.Status, answer.Headers["content-type"]));
        }

        // The page is the service worker's once it has taken control; then a reload without a connection is its to answer.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 10_000 });
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("offline")).ToHaveTextAsync("You are offline");
        var axe = await page.RunAxe(Accessibility.WcagAa);
        Assert.Empty(axe.Violations.Select(v => v.Id));
        await BrowserFixture.ScreenshotAsync(page, "offline-phone");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("ticket-code")).ToHaveTextAsync(guest.Value.Placed.Ticket.Code, new() { Timeout = 15_000 });
    }
}
