using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Web.Languages;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Customer;

namespace WaitWise.Tests.Components;

/// <summary>A guest's ticket page, opened by its link: the key in the fragment opens the ticket live; anything else opens nothing.</summary>
public sealed class GuestTicketPageStates(DatabaseFixture db) : LiveComponentTest(db)
{
    private async Task<(Scene Scene, GuestTicket Ticket)> GuestTicketAsync()
    {
        var s = await Data.SceneAsync();
        await using (var context = await Db.Db.CreateDbContextAsync())
        {
            (await context.Queues.FindAsync(s.QueueId))!.AllowGuests = true;
            await context.SaveChangesAsync();
        }
        return (s, Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Ivy"))));
    }

    private IRenderedComponent<GuestTicketPage> Open(Guid ticketId, string fragment)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"tickets/{ticketId}{fragment}");
        return Render<GuestTicketPage>(p => p.Add(x => x.TicketId, ticketId));
    }

    [Fact]
    public async Task TheKeyInTheLinkOpensTheTicketAndItFollowsTheCall()
    {
        var (s, ticket) = await GuestTicketAsync();

        var page = Open(ticket.Placed.Ticket.Id, "#key=" + ticket.Key);

        page.WaitForAssertion(() => Assert.Equal("Number 1 in line", page.Find("[data-testid=ticket-position]").TextContent.Trim()));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        page.WaitForAssertion(() => Assert.Contains("Go to counter 1", page.Find("[data-testid=called-banner]").TextContent));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#key=")]
    [InlineData("#key=not-the-key")]
    [InlineData("#other=thing")]
    public async Task ALinkWithoutItsKeyOpensNothing(string fragment)
    {
        var (_, ticket) = await GuestTicketAsync();

        var page = Open(ticket.Placed.Ticket.Id, fragment);

        page.WaitForElement("[data-testid=guest-ticket-problem]");
        Assert.Empty(page.FindAll("[data-testid=ticket]"));
    }

    [Fact]
    public async Task TheSlipTellsTheTimeOfJoiningAsTheBusinessReadsIt()
    {
        var (s, ticket) = await GuestTicketAsync();
        await using (var context = await Db.Db.CreateDbContextAsync())
        {
            (await context.Businesses.FindAsync(s.Business.Id))!.TimeZoneId = "Asia/Tokyo";
            await context.SaveChangesAsync();
        }
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"tickets/{ticket.Placed.Ticket.Id}/slip#key={ticket.Key}");

        var slip = Render<TicketSlipPage>(p => p.Add(x => x.TicketId, ticket.Placed.Ticket.Id));

        var tokyo = ticket.Placed.Ticket.JoinedAt.ToOffset(TimeSpan.FromHours(9));
        slip.WaitForAssertion(() => Assert.Equal($"Joined {tokyo.ToString("g", SiteLanguages.English.Culture)}", slip.Find("[data-testid=slip-time]").TextContent.Trim()));
        Assert.Equal(ticket.Placed.Ticket.Code, slip.Find("[data-testid=slip-code]").TextContent);
    }
}
