using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Customer;

namespace WaitWise.Tests.Components;

/// <summary>My tickets in every state a customer meets, over the real services; changes arrive without a reload.</summary>
public sealed class MyTicketsPageStates(DatabaseFixture db) : LiveComponentTest(db)
{
    [Fact]
    public async Task ShowsAWaitingTicketWithItsPlaceAndAWaitRange()
    {
        var s = await Data.SceneAsync();
        await Data.TicketInStateAsync(s, TicketStatus.Waiting, s.OtherCustomer);
        var mine = await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        Assert.True((await Db.Services.GetRequiredService<ICounterPresences>().SeenAsync(s.StaffA, s.QueueId, 1)).IsSuccess);
        SignInAs(s.Customer);

        var page = Render<MyTicketsPage>();

        page.WaitForAssertion(() => Assert.Equal(mine.Code, page.Find("[data-testid=ticket-code]").TextContent.Trim()));
        Assert.Equal("WAITING", page.Find("[data-testid=ticket]").GetAttribute("data-status"));
        Assert.Equal("Number 2 in line", page.Find("[data-testid=ticket-position]").TextContent.Trim());
        // Second in line, one counter open and free: one call ahead, the queue's default five minutes, shown as
        // 5 − √5 to 5 + 1.2·√5 minutes.
        Assert.Contains("about 2–8 min", page.Find("[data-testid=ticket-wait]").TextContent);
        Assert.Contains(s.QueueA.Name, page.Markup);
    }

    [Fact]
    public async Task ShowsTheBannerWithTheCounterAndAlertsAtOnceWhenStaffCall()
    {
        var s = await Data.SceneAsync();
        var mine = await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        SignInAs(s.Customer);
        var page = Render<MyTicketsPage>();
        page.WaitForElement("[data-testid=ticket-position]");

        var called = Ok(await Tickets.CallSpecificAsync(s.StaffA, mine.Id, slot: 2));

        page.WaitForAssertion(() => Assert.Contains("Go to counter 2", page.Find("[data-testid=called-banner]").TextContent));
        Assert.Equal(2, called.Slot);
        Assert.Contains("counter 2", page.Find("[data-testid=announce-call]").TextContent);
        page.WaitForAssertion(() => Assert.Contains("counter 2", (string)Script.VerifyInvoke("called").Arguments[0]!));
    }

    [Fact]
    public async Task AnnouncesANewPlaceInLineToScreenReaders()
    {
        var s = await Data.SceneAsync();
        var ahead = await Data.TicketInStateAsync(s, TicketStatus.Waiting, s.OtherCustomer);
        await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        SignInAs(s.Customer);
        var page = Render<MyTicketsPage>();
        page.WaitForAssertion(() => Assert.Equal("Number 2 in line", page.Find("[data-testid=ticket-position]").TextContent.Trim()));

        Ok(await Tickets.CancelAsync(s.OtherCustomer, ahead.Id));

        page.WaitForAssertion(() => Assert.Contains("you are number 1 in line", page.Find("[data-testid=announce-status]").TextContent));
        Assert.Equal("Number 1 in line", page.Find("[data-testid=ticket-position]").TextContent.Trim());
    }

    [Fact]
    public async Task ShowsTheCounterWhileBeingServed()
    {
        var s = await Data.SceneAsync();
        var serving = await Data.TicketInStateAsync(s, TicketStatus.Serving);
        SignInAs(s.Customer);

        var page = Render<MyTicketsPage>();

        page.WaitForAssertion(() => Assert.Equal($"Being served at counter {serving.Slot}", page.Find("[data-testid=ticket-counter]").TextContent.Trim()));
        Assert.Equal("Being served", page.Find("[data-testid=ticket-status]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=called-banner]"));
    }

    [Fact]
    public async Task CountsDownTheGraceTimeWhileLateAndRejoins()
    {
        var s = await Data.SceneAsync(graceSeconds: 600);
        var late = await Data.TicketInStateAsync(s, TicketStatus.Late);
        SignInAs(s.Customer);
        var page = Render<MyTicketsPage>();
        page.WaitForAssertion(() => Assert.Equal("10:00", page.Find("[data-testid=countdown]").TextContent.Trim()));

        Clock.Advance(TimeSpan.FromSeconds(61));

        page.WaitForAssertion(() => Assert.Equal("8:59", page.Find("[data-testid=countdown]").TextContent.Trim()));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Rejoin").Click();
        page.WaitForAssertion(() => Assert.Equal("WAITING", page.Find("[data-testid=ticket]").GetAttribute("data-status")));
        Assert.Equal(1, (await Data.TicketAsync(late.Id)).PriorityBoost);
    }

    [Fact]
    public async Task ListsAMissedTicketAmongThePastOnes()
    {
        var s = await Data.SceneAsync();
        var missed = await Data.TicketInStateAsync(s, TicketStatus.Missed);
        SignInAs(s.Customer);

        var page = Render<MyTicketsPage>();

        page.WaitForElement("[data-testid=no-open-tickets]");
        var row = page.Find("[data-testid=past-tickets] li");
        Assert.Contains(missed.Code, row.TextContent);
        Assert.Contains("Missed", row.TextContent);
    }

    [Fact]
    public async Task TurnsTheMessagesAboutOneTicketOffAndOnAgain()
    {
        var s = await Data.SceneAsync();
        var mine = await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        SignInAs(s.Customer);
        var page = Render<MyTicketsPage>();
        page.WaitForElement("[data-testid=ticket-position]");
        Assert.True(page.Find("input[data-testid=ticket-notify]").HasAttribute("checked"));

        page.Find("input[data-testid=ticket-notify]").Change(false);

        page.WaitForAssertion(() => Assert.False(page.Find("input[data-testid=ticket-notify]").HasAttribute("checked")));
        // The switch shows the new value at once; the command that stores it is still on its way.
        await Eventually.TrueAsync(async () => !(await Data.TicketAsync(mine.Id)).Notify, "the ticket's messages are off");
        page.Find("input[data-testid=ticket-notify]").Change(true);
        page.WaitForAssertion(() => Assert.True(page.Find("input[data-testid=ticket-notify]").HasAttribute("checked")));
        await Eventually.TrueAsync(async () => (await Data.TicketAsync(mine.Id)).Notify, "the ticket's messages are on again");
    }

    [Fact]
    public async Task ShowsTheStaffsMessageToEveryoneAsSoonAsItIsSentNamingTheQueue()
    {
        var s = await Data.SceneAsync();
        await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        SignInAs(s.Customer);
        var page = Render<MyTicketsPage>();
        page.WaitForElement("[data-testid=ticket-position]");
        Assert.Empty(page.FindAll("[data-testid=queue-notice]"));

        Ok(await Db.Services.GetRequiredService<IQueueMessages>().SendAsync(s.StaffA, s.QueueId, "Counter 2 is closed for lunch"));

        page.WaitForAssertion(() => Assert.Equal($"Message from {s.QueueA.Name}: Counter 2 is closed for lunch",
            page.Find("[data-testid=queue-notice]").TextContent.Trim()));
        // Two hours on, the page's next reading (each few seconds) no longer shows it.
        Clock.Advance(QueueMessage.Shown);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=queue-notice]")));
    }

    [Fact]
    public async Task OnceNotificationsAreAllowedThisBrowsersPushSubscriptionIsKeptForEachOpenTicket()
    {
        var s = await Data.SceneAsync();
        var mine = await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        using var browser = new LocalPush.Browser { Endpoint = new Uri("https://push.example.test/send/1") };
        Script.Setup<string>("notificationPermission").SetResult("granted");
        PushModule.Setup<PushSubscriptionKeys?>("subscribe", _ => true).SetResult(browser.Subscription);
        SignInAs(s.Customer);

        var page = Render<MyTicketsPage>();

        page.WaitForAssertion(() => Assert.Contains("even with this page closed", page.Find("[data-testid=notifications-on]").TextContent));
        var publicKey = await Db.Services.GetRequiredService<IPushSubscriptions>().PublicKeyAsync();
        Assert.Equal(publicKey, PushModule.VerifyInvoke("subscribe").Arguments[0]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        WaitWise.Data.Notifications.WebPushSubscription? kept;
        do
        {
            await using var db = await Db.Db.CreateDbContextAsync();
            kept = await db.WebPushSubscriptions.SingleOrDefaultAsync();
            Assert.True(kept is not null || DateTime.UtcNow < deadline, "The page kept no push subscription.");
            await Task.Delay(kept is null ? 25 : 0);
        }
        while (kept is null);
        Assert.Equal((mine.Id, browser.Subscription.Endpoint, browser.Subscription.P256dh), (kept.TicketId, kept.Endpoint, kept.P256dh));
    }

    [Fact]
    public async Task CancelsOnlyAfterTheConfirmation()
    {
        var s = await Data.SceneAsync();
        var mine = await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        SignInAs(s.Customer);
        var dialogs = DialogProvider();
        var page = Render<MyTicketsPage>();
        page.WaitForElement("[data-testid=ticket-position]");

        page.Find($"button[aria-label='Cancel ticket {mine.Code}']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Leave the queue?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep my place").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Leave the queue?", dialogs.Markup));
        Assert.Equal(TicketStatus.Waiting, (await Data.TicketAsync(mine.Id)).Status);

        page.Find($"button[aria-label='Cancel ticket {mine.Code}']").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel ticket").Click());

        page.WaitForAssertion(() => Assert.Contains("Cancelled", page.Find("[data-testid=past-tickets]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=ticket]"));
        Assert.Equal(TicketStatus.Cancelled, (await Data.TicketAsync(mine.Id)).Status);
    }

    [Fact]
    public async Task SaysTheWaitIsUnknownWhileTheQueueIsPaused()
    {
        var s = await Data.SceneAsync();
        await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        Ok(await Control.PauseAsync(s.Owner, s.QueueId));
        SignInAs(s.Customer);

        var page = Render<MyTicketsPage>();

        page.WaitForAssertion(() => Assert.Contains("unknown", page.Find("[data-testid=ticket-wait]").TextContent));
        Assert.Contains("nobody is calling", page.Find("[data-testid=ticket-wait]").TextContent);
    }

    /// <summary>A walk-in ticket, and the browser remembering it as its own.</summary>
    private async Task<GuestTicket> RememberedWalkInAsync(Scene s, string name = "Gus")
    {
        var walkIn = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, name));
        Memory.Setup<GuestTicketMemory.Remembered[]?>("list").SetResult([new(walkIn.Placed.Ticket.Id, walkIn.Key)]);
        return walkIn;
    }

    [Fact]
    public async Task AVisitorSeesTheGuestTicketsThisBrowserHoldsLiveAndIsOfferedToSignIn()
    {
        var s = await Data.SceneAsync();
        var walkIn = await RememberedWalkInAsync(s);

        var page = Render<MyTicketsPage>();

        page.WaitForAssertion(() => Assert.Equal(walkIn.Placed.Ticket.Code, page.Find("[data-testid=guest-ticket] [data-testid=ticket-code]").TextContent.Trim()));
        Assert.EndsWith($"/tickets/{walkIn.Placed.Ticket.Id}#key={walkIn.Key}", page.Find("[data-testid=guest-ticket-link]").GetAttribute("href"));
        Assert.Contains("Account/Login?ReturnUrl=%2Fmy-tickets", page.Find("[data-testid=guest-tickets-hint]").InnerHtml);
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        page.WaitForAssertion(() => Assert.Contains("Go to counter", page.Find("[data-testid=called-banner]").TextContent));
    }

    [Fact]
    public async Task AVisitorWhoseBrowserHoldsNothingIsToldSoAndAStaleTicketIsForgotten()
    {
        Memory.Setup<GuestTicketMemory.Remembered[]?>("list").SetResult([new(Guid.NewGuid(), "not-a-key")]);

        var page = Render<MyTicketsPage>();

        page.WaitForElement("[data-testid=no-guest-tickets]");
        Assert.Empty(page.FindAll("[data-testid=guest-ticket]"));
        Assert.Single((Guid[])Memory.VerifyInvoke("forget").Arguments[0]!);
    }

    [Fact]
    public async Task ASignedInPersonTakesTheBrowsersGuestTicketsIntoTheAccountAndIsToldOfOneThatCannotGo()
    {
        var s = await Data.SceneAsync();
        var own = await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        var blocked = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "Gus"));
        var taken = Ok(await Tickets.IssueWalkInAsync(s.Owner, s.QueueB.Id, "Gus"));
        Memory.Setup<GuestTicketMemory.Remembered[]?>("list").SetResult(
            [new(blocked.Placed.Ticket.Id, blocked.Key), new(taken.Placed.Ticket.Id, taken.Key)]);
        SignInAs(s.Customer);
        var page = Render<MyTicketsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=guest-tickets] [data-testid=guest-ticket]").Count));

        page.Find("[data-testid=attach-guest-tickets]").Click();

        page.WaitForAssertion(() => Assert.Contains(own.Code, page.Find("[data-testid=attach-problem]").TextContent));
        Assert.Equal(s.Customer.Id, (await Data.TicketAsync(taken.Placed.Ticket.Id)).UserId);
        Assert.NotEqual(s.Customer.Id, (await Data.TicketAsync(blocked.Placed.Ticket.Id)).UserId);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=guest-tickets] [data-testid=guest-ticket]")));
        Assert.Equal(3, page.FindAll("[data-testid=ticket]").Count);
        // The re-reads after the attach (the page's own, and the live one) find the taken ticket's key spent. A live
        // re-read may still be forgetting on the page's dispatcher, so the invocations are copied there.
        var forgets = await page.InvokeAsync(() => Memory.Invocations["forget"].ToArray());
        Assert.NotEmpty(forgets);
        Assert.All(forgets, forget => Assert.Equal([taken.Placed.Ticket.Id], (Guid[])forget.Arguments[0]!));
    }
}
