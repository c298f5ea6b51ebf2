using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Customer;
using WaitWise.Web.Languages;

namespace WaitWise.Tests.Components;

/// <summary>A queue's public page: its state and line, joining, your own ticket live, its QR code.</summary>
public sealed class QueuePageStates(DatabaseFixture db) : LiveComponentTest(db)
{
    private IRenderedComponent<QueuePage> RenderQueue(Guid queueId) => Render<QueuePage>(p => p.Add(x => x.QueueId, queueId));

    [Fact]
    public async Task SendsAVisitorThroughSignInAndBackToTheQueue()
    {
        var s = await Data.SceneAsync();
        await Data.TicketInStateAsync(s, TicketStatus.Waiting, s.OtherCustomer);
        Ok(await Db.Services.GetRequiredService<ICounterPresences>().SeenAsync(s.StaffA, s.QueueId, 1));

        var page = RenderQueue(s.QueueId);

        page.WaitForAssertion(() => Assert.Equal("1 person waiting", page.Find("[data-testid=queue-waiting]").TextContent.Trim()));
        Assert.Equal("Open", page.Find("[data-testid=queue-status]").TextContent.Trim());
        Assert.Contains("ww-chip-success", page.Find("[data-testid=queue-status]").ClassList);
        // Counter 1 at work and free, one person ahead: one call of the default five minutes.
        Assert.Contains("about 2–8 min", page.Find("[data-testid=queue-wait]").TextContent);
        Assert.Equal($"Account/Login?ReturnUrl=%2Fqueues%2F{s.QueueId}", page.Find("a[data-testid=join]").GetAttribute("href"));
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == $"Account/Register?ReturnUrl=%2Fqueues%2F{s.QueueId}");
    }

    private async Task<int> TicketCountAsync(Guid queueId)
    {
        await using var db = await Db.Db.CreateDbContextAsync();
        return await db.QueueEntries.CountAsync(e => e.QueueId == queueId);
    }

    private async Task AllowGuestsAsync(Guid queueId)
    {
        await using var db = await Db.Db.CreateDbContextAsync();
        (await db.Queues.FindAsync(queueId))!.AllowGuests = true;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task OffersAVisitorAGuestJoinOnlyWhereTheQueueTakesGuests()
    {
        var s = await Data.SceneAsync();
        await AllowGuestsAsync(s.QueueId);

        var guests = RenderQueue(s.QueueId);
        var membersOnly = RenderQueue(s.QueueB.Id);

        guests.WaitForElement("button[data-testid=guest-join]");
        Assert.Equal($"Account/Login?ReturnUrl=%2Fqueues%2F{s.QueueId}", guests.Find("a[data-testid=join]").GetAttribute("href"));
        membersOnly.WaitForElement("a[data-testid=join]");
        Assert.Empty(membersOnly.FindAll("[data-testid=guest-join]"));
    }

    [Fact]
    public async Task AGuestWithoutANameIsToldSoAndAGuestWithOneGoesToTheTicketsPage()
    {
        var s = await Data.SceneAsync();
        await AllowGuestsAsync(s.QueueId);
        var page = RenderQueue(s.QueueId);

        page.WaitForElement("button[data-testid=guest-join]");
        Assert.Contains($"0 / {GuestDetails.NameMaxLength}", page.Markup);
        page.Find("button[data-testid=guest-join]").Click();
        page.WaitForAssertion(() => Assert.Contains("Give a name or nickname", page.Markup));
        Assert.Equal(0, await TicketCountAsync(s.QueueId));

        page.Find("#guest-name").Input("Hal");
        page.Find("#guest-phone").Change("0770");
        page.Find("button[data-testid=guest-join]").Click();
        page.WaitForAssertion(() => Assert.Contains("international form", page.Markup));

        page.Find("#guest-phone").Change("+447700900123");
        page.Find("button[data-testid=guest-join]").Click();

        var navigation = Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/tickets/[0-9a-f-]+#key=[A-Za-z0-9_-]{43}$", navigation.Uri));
        Assert.Equal(1, await TicketCountAsync(s.QueueId));
    }

    [Fact]
    public async Task JoinsAndShowsTheNewTicketInPlace()
    {
        var s = await Data.SceneAsync();
        SignInAs(s.Customer);
        var page = RenderQueue(s.QueueId);

        page.WaitForElement("button[data-testid=join]").Click();

        page.WaitForAssertion(() => Assert.Equal("WAITING", page.Find("[data-testid=ticket]").GetAttribute("data-status")));
        Assert.Equal("Q-001", page.Find("[data-testid=ticket-code]").TextContent.Trim());
        Assert.Equal("Number 1 in line", page.Find("[data-testid=ticket-position]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=join]"));
    }

    [Fact]
    public async Task ShowsTheCalledBannerWhenStaffCallWithoutAReload()
    {
        var s = await Data.SceneAsync();
        await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        SignInAs(s.Customer);
        var page = RenderQueue(s.QueueId);
        page.WaitForElement("[data-testid=ticket-position]");

        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));

        page.WaitForAssertion(() => Assert.Contains("Go to counter 1", page.Find("[data-testid=called-banner]").TextContent));
    }

    [Fact]
    public async Task OffersJoiningAgainAfterACancelledTicket()
    {
        var s = await Data.SceneAsync();
        var cancelled = await Data.TicketInStateAsync(s, TicketStatus.Cancelled);
        SignInAs(s.Customer);

        var page = RenderQueue(s.QueueId);

        page.WaitForAssertion(() => Assert.Contains($"{cancelled.Code}, is cancelled", page.Find("[data-testid=last-ticket]").TextContent));
        Assert.False(page.Find("button[data-testid=join]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task RefusesJoinsWhileTheQueueIsClosed()
    {
        var s = await Data.SceneAsync();
        Ok(await Control.CloseAsync(s.Owner, s.QueueId));
        SignInAs(s.Customer);

        var page = RenderQueue(s.QueueId);

        page.WaitForAssertion(() => Assert.Equal("Closed", page.Find("[data-testid=queue-status]").TextContent.Trim()));
        Assert.True(page.Find("button[data-testid=join]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=queue-wait]"));
    }

    [Fact]
    public async Task ShowsNoJoinEstimateWhileTheQueueTakesNobodyNew()
    {
        var s = await Data.SceneAsync();
        Ok(await Db.Services.GetRequiredService<ICounterPresences>().SeenAsync(s.StaffA, s.QueueId, 1));
        Ok(await Control.LockAsync(s.Owner, s.QueueId));
        SignInAs(s.Customer);

        var page = RenderQueue(s.QueueId);

        page.WaitForAssertion(() => Assert.Equal("Not taking new people", page.Find("[data-testid=queue-status]").TextContent.Trim()));
        Assert.True(page.Find("button[data-testid=join]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=queue-wait]"));
    }

    [Fact]
    public async Task SaysAFullQueueIsFullAndOffersTheJoinAgainOnceThereIsRoom()
    {
        var s = await Data.SceneAsync(maxSize: 1);
        Ok(await Db.Services.GetRequiredService<ICounterPresences>().SeenAsync(s.StaffA, s.QueueId, 1));
        var other = await Data.TicketInStateAsync(s, TicketStatus.Waiting, s.OtherCustomer);
        SignInAs(s.Customer);

        var page = RenderQueue(s.QueueId);

        page.WaitForAssertion(() => Assert.Contains("The queue is full", page.Find("[data-testid=queue-full]").TextContent));
        Assert.True(page.Find("button[data-testid=join]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=queue-wait]"));

        Ok(await Tickets.CancelAsync(s.OtherCustomer, other.Id));

        page.WaitForAssertion(() => Assert.False(page.Find("button[data-testid=join]").HasAttribute("disabled")));
        Assert.Empty(page.FindAll("[data-testid=queue-full]"));
        Assert.Single(page.FindAll("[data-testid=queue-wait]"));
    }

    [Fact]
    public async Task RefusesJoinsOutsideTheOpeningHoursAndSaysWhenItOpens()
    {
        var s = await Data.SceneAsync();
        await using (var context = await Db.Db.CreateDbContextAsync())
        {
            context.OpeningHours.Add(new OpeningHours { QueueId = s.QueueId, Day = DayOfWeek.Tuesday, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0) });
            await context.SaveChangesAsync();
        }
        SignInAs(s.Customer);

        var page = RenderQueue(s.QueueId);

        page.WaitForAssertion(() => Assert.Contains($"opens again on Tuesday March 3, {new DateTime(2026, 3, 3, 9, 0, 0).ToString("t", SiteLanguages.English.Culture)} (UTC time)", page.Find("[data-testid=queue-outside-hours]").TextContent));
        Assert.True(page.Find("button[data-testid=join]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=queue-wait]"));
    }

    [Fact]
    public async Task FollowsTheQueueWhenItsOwnerPausesIt()
    {
        var s = await Data.SceneAsync();
        var page = RenderQueue(s.QueueId);
        page.WaitForAssertion(() => Assert.Equal("Open", page.Find("[data-testid=queue-status]").TextContent.Trim()));

        Ok(await Control.PauseAsync(s.Owner, s.QueueId));

        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find("[data-testid=queue-status]").TextContent.Trim()));
    }

    [Fact]
    public async Task ShowsTheQrCodeOfItsJoinLink()
    {
        var s = await Data.SceneAsync();

        var page = RenderQueue(s.QueueId);

        var qr = page.WaitForElement("[data-testid=queue-qr]");
        Assert.Equal($"queues/{s.QueueId}/qr.svg", qr.GetAttribute("src"));
        Assert.Contains(s.QueueA.Name, qr.GetAttribute("alt"));
        Assert.Contains($"http://localhost/queues/{s.QueueId}", page.Markup);
        Assert.Equal($"queues/{s.QueueId}/qr", page.Find("[data-testid=print-qr]").GetAttribute("href"));
    }

    [Fact]
    public async Task SaysAQueueOfABusinessNotApprovedIsNotPublic()
    {
        var s = await Data.SceneAsync();
        var pending = await Data.QueueAsync(await Data.BusinessAsync(s.OtherOwner, Core.Businesses.BusinessStatus.Pending));

        var page = RenderQueue(pending.Id);

        page.WaitForElement("[data-testid=queue-not-found]");
        Assert.Empty(page.FindAll("[data-testid=join]"));
    }

    [Fact]
    public async Task PrintsTheQrCodeOnASheetOfItsOwn()
    {
        var s = await Data.SceneAsync();

        var sheet = Render<QueueQrPage>(p => p.Add(x => x.QueueId, s.QueueId));

        sheet.WaitForAssertion(() => Assert.Equal(s.QueueA.Name, sheet.Find("h1").TextContent.Trim()));
        Assert.Equal($"queues/{s.QueueId}/qr.svg", sheet.Find("[data-testid=queue-qr]").GetAttribute("src"));
        Assert.Contains(s.Business.Name, sheet.Markup);
        sheet.FindAll("button").Single(b => b.TextContent.Contains("Print")).Click();
        sheet.WaitForAssertion(() => Script.VerifyInvoke("print"));
    }

    [Fact]
    public async Task ShowsQueueStatusNamesForEveryState()
    {
        var s = await Data.SceneAsync();
        Ok(await Control.LockAsync(s.Owner, s.QueueId));

        var page = RenderQueue(s.QueueId);

        page.WaitForAssertion(() => Assert.Equal(QueueStatusText.Of(Words.English, QueueStatus.Locked), page.Find("[data-testid=queue-status]").TextContent.Trim()));
    }
}
