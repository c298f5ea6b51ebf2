using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Tickets;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// A customer joins from the queue page in real Chromium; staff call them; their pages and the board by the door
/// show it within two seconds without a reload.
/// </summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed partial class CustomerIsCalled(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2_000 };
    private static readonly LocatorAssertionsToHaveTextOptions WithinTwoSecondsText = new() { Timeout = 2_000 };

    private ITicketService Tickets => browser.App.Services.GetRequiredService<ITicketService>();
    private ITicketQueries Queries => browser.App.Services.GetRequiredService<ITicketQueries>();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]+")]
    private static partial Regex EmailAddress();

    private async Task<Guid> FrontDeskAsync()
    {
        await using var db = await browser.App.DbAsync();
        return await db.Queues.Where(q => q.Name == DemoSeeder.FrontDesk).Select(q => q.Id).SingleAsync();
    }

    [Fact]
    public async Task AVisitorSignsInOnTheWayJoinsAndSeesTheCallWithTheBoard()
    {
        var queueId = await FrontDeskAsync();
        var email = DemoSeeder.CustomerEmails[0];
        var board = await browser.NewPageAsync();
        await board.GotoAsync($"board/{queueId}");
        await Assertions.Expect(board.GetByRole(AriaRole.Heading, new() { Name = DemoSeeder.FrontDesk })).ToBeVisibleAsync();

        var customer = await browser.NewPageAsync();
        await customer.GotoAsync($"queues/{queueId}");
        // Like the other browser tests, follow links once the circuit is up: CI once followed this one while the
        // circuit was starting, and the sign-in that came after never arrived back here.
        await BrowserFixture.InteractiveAsync(customer);
        // The Front desk takes guests too; this visitor has an account and signs in.
        await customer.GetByRole(AriaRole.Link, new() { Name = "Sign in to join" }).ClickAsync();
        await customer.GetByLabel("Email").FillAsync(email);
        await customer.GetByLabel("Password").FillAsync(DemoSeeder.Password);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await BrowserFixture.ArrivesAtAsync(customer, new Regex($"/queues/{queueId}$"), "sign-in-on-the-way");
        await BrowserFixture.InteractiveAsync(customer);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Join the queue" }).ClickAsync();
        var code = customer.GetByTestId("ticket-code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        var ticketCode = (await code.TextContentAsync())!.Trim();
        await Assertions.Expect(board.GetByTestId("board-next").GetByText(ticketCode)).ToBeVisibleAsync(WithinTwoSeconds);
        await BrowserFixture.ScreenshotAsync(customer, "customer-waiting");

        var customerActor = await browser.App.ActorAsync(email);
        var mine = (await Queries.GetMyTicketAsync(customerActor, queueId)).Value!.Ticket;
        // The app's clock stands still unless moved; the board tells a new call by its later announcement time.
        browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var called = await Tickets.CallSpecificAsync(await browser.App.ActorAsync(DemoSeeder.Staff1Email), mine.Id);
        Assert.True(called.IsSuccess, called.ToString());

        await Assertions.Expect(customer.GetByTestId("called-banner")).ToContainTextAsync($"Go to counter {called.Value!.Slot}", new() { Timeout = 2_000 });
        var counter = board.Locator($"[data-testid=board-counter][data-slot='{called.Value.Slot}']");
        await Assertions.Expect(counter.GetByText(ticketCode)).ToBeVisibleAsync(WithinTwoSeconds);
        await Assertions.Expect(board.GetByTestId("board")).ToHaveClassAsync(new Regex("flash-"), new() { Timeout = 2_000 });
        Assert.Equal(ticketCode, called.Value.Code);
        Assert.Empty(EmailAddress().Matches(await board.ContentAsync()));
        await BrowserFixture.ScreenshotAsync(customer, "customer-called");
        await BrowserFixture.ScreenshotAsync(board, "board-called");
        await browser.App.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ACustomerWhoAllowedNotificationsGetsThePushServiceWorkerOnTheirTicketsPage()
    {
        var queueId = await FrontDeskAsync();
        var customer = await browser.NewPageAsync("notifications");
        await BrowserFixture.SignInAsync(customer, DemoSeeder.CustomerEmails[4]);
        await customer.GotoAsync($"queues/{queueId}");
        await BrowserFixture.InteractiveAsync(customer);

        await customer.GetByRole(AriaRole.Button, new() { Name = "Join the queue" }).ClickAsync();

        await Assertions.Expect(customer.GetByTestId("notifications-on")).ToBeVisibleAsync();
        // The push service itself is out of reach here, so the subscription fails and the page says it alerts while
        // open; what this browser does have is WaitWise's service worker, registered for the whole site under its CSP.
        var worker = await customer.WaitForFunctionAsync("""
            async () => (await navigator.serviceWorker.getRegistration("/"))?.active?.scriptURL ?? null
            """, null, new() { Timeout = 10_000 });
        Assert.EndsWith("/service-worker.js", await worker.JsonValueAsync<string>());
        Assert.Equal("granted", await customer.EvaluateAsync<string>("Notification.permission"));
    }

    /// <summary>
    /// The queue page's circuit takes over from the prerendered page without a loading bar in between (a flicker on
    /// every scan of the code, and a form gone from under the visitor's finger): for a visitor and for a customer.
    /// </summary>
    [Fact]
    public async Task TheQueuePageGoesLiveWithoutFlashingALoadingBar()
    {
        var queueId = await FrontDeskAsync();
        foreach (var (page, control) in new[] { (await browser.NewPageAsync(), "#guest-name"), (await browser.SignedInPageAsync(DemoSeeder.CustomerEmails[2]), "[data-testid=join]") })
        {
            Assert.Equal(0, await LoadingBarsSeenAsync(page, $"queues/{queueId}", page.Locator(control)));
            // Still live: the circuit follows the queue from there.
            var waiting = int.Parse((await page.GetByTestId("queue-waiting").TextContentAsync())!.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True((await Tickets.JoinAsGuestAsync(queueId, new GuestDetails("Live", null, null))).IsSuccess);
            await Assertions.Expect(page.GetByTestId("queue-waiting")).ToHaveTextAsync(waiting == 0 ? "1 person waiting" : $"{waiting + 1} people waiting", WithinTwoSecondsText);
        }
    }

    /// <summary>My tickets, where the installed app opens, shows the account's tickets from the prerender on, and live.</summary>
    [Fact]
    public async Task MyTicketsGoLiveWithoutFlashingALoadingBar()
    {
        var queueId = await FrontDeskAsync();
        var email = DemoSeeder.CustomerEmails[2];
        var customer = await browser.App.ActorAsync(email);
        var ticket = await Tickets.JoinAsync(customer, queueId);
        Assert.True(ticket.IsSuccess, ticket.ToString());
        var page = await browser.SignedInPageAsync(email);

        Assert.Equal(0, await LoadingBarsSeenAsync(page, "my-tickets", page.GetByTestId("ticket-position")));

        Assert.True((await Tickets.CancelAsync(customer, ticket.Value!.Id)).IsSuccess);
        await Assertions.Expect(page.GetByTestId("no-open-tickets")).ToBeVisibleAsync(WithinTwoSeconds);
    }

    /// <summary>Opens the page, waits for its circuit and for <paramref name="shown"/>, and counts the loading bars it inserted on the way.</summary>
    private static async Task<int> LoadingBarsSeenAsync(IPage page, string url, ILocator shown)
    {
        await page.AddInitScriptAsync("""
            window.loadingBarsSeen = 0;
            new MutationObserver(records => {
              for (const record of records) {
                for (const node of record.addedNodes) {
                  if (node.nodeType === 1 && (node.matches(".mud-progress-linear") || node.querySelector(".mud-progress-linear"))) window.loadingBarsSeen++;
                }
              }
            }).observe(document, { childList: true, subtree: true });
            """);
        await page.GotoAsync(url);
        await BrowserFixture.InteractiveAsync(page);
        await Assertions.Expect(shown).ToBeVisibleAsync();
        return await page.EvaluateAsync<int>("window.loadingBarsSeen");
    }

    [Fact]
    public async Task AGuestOnAPhoneJoinsWithANameAndTheirTicketPageShowsTheCall()
    {
        var queueId = await FrontDeskAsync();
        var guest = await browser.NewPageAsync();
        await guest.SetViewportSizeAsync(390, 844);
        await guest.GotoAsync($"queues/{queueId}");
        await BrowserFixture.InteractiveAsync(guest);

        await guest.GetByLabel("Your name or a nickname").FillAsync("Gus");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Join as a guest" }).ClickAsync();

        await BrowserFixture.ArrivesAtAsync(guest, new Regex("/tickets/[0-9a-f-]+#key=[A-Za-z0-9_-]{43}$"), "guest-join");
        var code = guest.GetByTestId("ticket-code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByTestId("ticket-position")).ToContainTextAsync("in line");
        await BrowserFixture.ScreenshotAsync(guest, "guest-waiting-phone");
        var ticketId = Guid.Parse(new Uri(guest.Url).Segments[^1]);
        browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var called = await Tickets.CallSpecificAsync(await browser.App.ActorAsync(DemoSeeder.Staff1Email), ticketId);
        Assert.True(called.IsSuccess, called.ToString());

        await Assertions.Expect(guest.GetByTestId("called-banner")).ToContainTextAsync($"Go to counter {called.Value!.Slot}", new() { Timeout = 2_000 });
        Assert.Equal((await code.TextContentAsync())!.Trim(), called.Value.Code);
        await BrowserFixture.ScreenshotAsync(guest, "guest-called-phone");

        // Back on the queue's page, this browser is known to be in line: no second ticket is offered.
        await guest.GotoAsync($"queues/{queueId}");
        await Assertions.Expect(guest.GetByTestId("guest-already-in-line")).ToContainTextAsync(called.Value.Code);
        await Assertions.Expect(guest.GetByTestId("guest-join")).ToHaveCountAsync(0);
        await guest.GetByRole(AriaRole.Link, new() { Name = "Open your ticket" }).ClickAsync();
        await Assertions.Expect(guest.GetByTestId("called-banner")).ToBeVisibleAsync();

        // My tickets lists the guest ticket this browser holds; signed in, the visitor takes it into the account.
        await guest.GotoAsync("my-tickets");
        await Assertions.Expect(guest.GetByTestId("guest-ticket").GetByTestId("ticket-code")).ToHaveTextAsync(called.Value.Code);
        await BrowserFixture.InteractiveAsync(guest);
        await guest.GetByTestId("guest-tickets-hint").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await guest.GetByLabel("Email").FillAsync(DemoSeeder.CustomerEmails[3]);
        await guest.GetByLabel("Password").FillAsync(DemoSeeder.Password);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await BrowserFixture.ArrivesAtAsync(guest, new Regex("/my-tickets$"), "guest-signs-in");
        await Assertions.Expect(guest.GetByTestId("guest-tickets").GetByTestId("ticket-code")).ToHaveTextAsync(called.Value.Code);
        await BrowserFixture.ScreenshotAsync(guest, "guest-tickets-to-take-phone");
        await guest.GetByTestId("attach-guest-tickets").ClickAsync();
        await Assertions.Expect(guest.GetByTestId("guest-tickets")).ToHaveCountAsync(0);
        await Assertions.Expect(guest.GetByTestId("ticket-code")).ToHaveTextAsync(called.Value.Code);
        await using (var db = await browser.App.DbAsync())
        {
            Assert.Equal((await browser.App.ActorAsync(DemoSeeder.CustomerEmails[3])).Id, (await db.QueueEntries.SingleAsync(e => e.Id == ticketId)).UserId);
        }

        // The link without its key opens nothing.
        var stranger = await browser.NewPageAsync();
        await stranger.GotoAsync($"tickets/{ticketId}");
        await Assertions.Expect(stranger.GetByTestId("guest-ticket-problem")).ToBeVisibleAsync();
        await browser.App.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TwoTabsOfOneCustomerStayInStepThroughCallNoShowAndRejoin()
    {
        var queueId = await FrontDeskAsync();
        var email = DemoSeeder.CustomerEmails[1];
        var queueTab = await browser.SignedInPageAsync(email);
        await queueTab.GotoAsync($"queues/{queueId}");
        await BrowserFixture.InteractiveAsync(queueTab);
        await queueTab.GetByRole(AriaRole.Button, new() { Name = "Join the queue" }).ClickAsync();
        await Assertions.Expect(queueTab.GetByTestId("ticket-position")).ToBeVisibleAsync();
        var ticketsTab = await queueTab.Context.NewPageAsync();
        await ticketsTab.GotoAsync("my-tickets");
        await BrowserFixture.InteractiveAsync(ticketsTab);
        await Assertions.Expect(ticketsTab.GetByTestId("ticket-position")).ToBeVisibleAsync();

        var staff = await browser.App.ActorAsync(DemoSeeder.Staff1Email);
        var mine = (await Queries.GetMyTicketAsync(await browser.App.ActorAsync(email), queueId)).Value!.Ticket;
        browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var called = (await Tickets.CallSpecificAsync(staff, mine.Id)).Value!;

        foreach (var tab in new[] { queueTab, ticketsTab })
        {
            await Assertions.Expect(tab.GetByTestId("called-banner")).ToContainTextAsync($"Go to counter {called.Slot}", new() { Timeout = 2_000 });
        }
        await BrowserFixture.ScreenshotAsync(ticketsTab, "my-tickets-called");

        Assert.True((await Tickets.NoShowAsync(staff, mine.Id)).IsSuccess);

        await Assertions.Expect(ticketsTab.GetByTestId("countdown")).ToBeVisibleAsync(WithinTwoSeconds);
        await Assertions.Expect(queueTab.GetByTestId("countdown")).ToBeVisibleAsync(WithinTwoSeconds);
        await BrowserFixture.ScreenshotAsync(ticketsTab, "my-tickets-late");
        await ticketsTab.GetByRole(AriaRole.Button, new() { Name = "Rejoin" }).ClickAsync();

        await Assertions.Expect(queueTab.GetByTestId("ticket-position")).ToBeVisibleAsync(WithinTwoSeconds);
        await Assertions.Expect(ticketsTab.GetByTestId("ticket-position")).ToBeVisibleAsync(WithinTwoSeconds);
        await browser.App.AssertInvariantsHoldAsync();
    }
}
