using System.Security.Claims;
using Bunit;
using WaitWise.Core.Auth;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Customer;
using WaitWise.Web.Components.Pages.Owner;
using WaitWise.Web.Languages;

namespace WaitWise.Tests.Components;

/// <summary>
/// A ticket's times are told by its business's clock wherever they are listed, as its slip tells them: a business in
/// Tokyo (nine hours ahead of UTC, no summer time) makes a 09:00 UTC join read 18:00.
/// </summary>
public sealed class TimesByTheBusinesssClock(DatabaseFixture db) : LiveComponentTest(db)
{
    private const string Tokyo = "Asia/Tokyo";

    private async Task InTokyoAsync(Scene s)
    {
        await using var context = await Db.Db.CreateDbContextAsync();
        (await context.Businesses.FindAsync(s.Business.Id))!.TimeZoneId = Tokyo;
        await context.SaveChangesAsync();
    }

    private static string InTokyo(DateTimeOffset at, string format) => at.ToOffset(TimeSpan.FromHours(9)).ToString(format, SiteLanguages.English.Culture);

    [Fact]
    public async Task PastTicketsTellWhenTheyJoinedByTheBusinesssClock()
    {
        var s = await Data.SceneAsync();
        await InTokyoAsync(s);
        var missed = await Data.TicketInStateAsync(s, TicketStatus.Missed);
        SignInAs(s.Customer);

        var page = Render<MyTicketsPage>();

        page.WaitForElement("[data-testid=past-tickets] li time");
        var joined = page.Find("[data-testid=past-tickets] li time");
        Assert.Equal($"Joined {InTokyo(missed.JoinedAt, "g")}", joined.TextContent.Trim());
        Assert.Equal($"{Tokyo} time", joined.GetAttribute("title"));
        Assert.Equal(missed.JoinedAt, DateTimeOffset.Parse(joined.GetAttribute("datetime")!, SiteLanguages.English.Culture));
    }

    [Fact]
    public async Task TheOwnersTicketListAndAuditTrailTellTimesByTheBusinesssClock()
    {
        var s = await Data.SceneAsync();
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(75));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, ticket.Id, slot: 1));
        SignIn("owner@test.example", Roles.Owner);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, s.Owner.Id));

        var panel = Render<TicketAuditPanel>(p => p.Add(x => x.QueueId, s.QueueId).Add(x => x.TimeZoneId, Tokyo));

        panel.WaitForElement("[data-testid=ticket-list] tbody tr");
        Assert.Equal(InTokyo(ticket.JoinedAt, "g"), panel.Find("[data-testid=ticket-list] tbody td[data-label=Joined]").TextContent.Trim());
        panel.FindAll("[data-testid=ticket-list] button").Single(b => b.TextContent.Trim() == "Audit trail").Click();
        panel.WaitForElement("[data-testid=audit-trail] tbody tr");
        Assert.Contains($"When ({Tokyo} time)", panel.Find("[data-testid=audit-trail] thead").TextContent);
        var when = panel.FindAll("[data-testid=audit-trail] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal([InTokyo(ticket.JoinedAt, "G"), InTokyo(ticket.JoinedAt.AddSeconds(75), "G")], when);
    }
}
