using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Owner;

namespace WaitWise.Tests.Components;

/// <summary>The dashboard's panel on how close the shown estimates were, over tickets made by the real commands.</summary>
public sealed class DashboardAccuracy(DatabaseFixture db) : LiveComponentTest(db)
{
    private void SignInAsOwner(Actor owner)
    {
        SignIn("owner@test.example", Roles.Owner);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, owner.Id));
    }

    /// <summary>
    /// Counter 1 open at 09:00 and free. The first to join is shown no wait and called ten minutes later; the second
    /// is shown one call of the default five minutes (2–8 min) and called at 09:05, so the mean error is five minutes
    /// and one of the two waits fell inside its range.
    /// </summary>
    [Fact]
    public async Task ShowsHowFarTheShownEstimatesWereFromTheActualWaits()
    {
        var s = await Data.SceneAsync(slots: 1);
        Ok(await Db.Services.GetRequiredService<ICounterPresences>().SeenAsync(s.StaffA, s.QueueId, 1));
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, second.Id));
        Ok(await Tickets.CompleteAsync(s.StaffA, Ok(await Tickets.StartServiceAsync(s.StaffA, second.Id)).Id));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, first.Id));
        SignInAsOwner(s.Owner);

        var page = Render<DashboardPage>(p => p.Add(x => x.QueueId, s.QueueId));

        page.WaitForAssertion(() => Assert.Equal("5:00", page.Find("[data-testid='figure-Mean estimate error']").TextContent.Trim()), TimeSpan.FromSeconds(15));
        Assert.Equal("50 %", page.Find("[data-testid='figure-Inside the range']").TextContent.Trim());
        Assert.Equal("2", page.Find("[data-testid='figure-Estimates compared']").TextContent.Trim());
        var day = page.Find("[data-testid=estimates-by-day] tbody tr");
        Assert.Equal("2026-03-02", day.GetAttribute("data-day"));
        Assert.Equal(["2026-03-02", "2", "5:00", "50 %"], day.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=estimates-none]"));
    }

    [Fact]
    public async Task SaysSoWhenNoEstimateCanBeCompared()
    {
        var s = await Data.SceneAsync(slots: 1);
        // Nobody at work when they joined: no estimate was shown, so there is nothing to compare once called.
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, ticket.Id));
        SignInAsOwner(s.Owner);

        var page = Render<DashboardPage>(p => p.Add(x => x.QueueId, s.QueueId));

        page.WaitForElement("[data-testid=estimates-none]", TimeSpan.FromSeconds(15));
        Assert.Empty(page.FindAll("[data-testid=estimates-by-day]"));
        Assert.Equal("5:00", page.Find("[data-testid='figure-Average wait']").TextContent.Trim());
    }
}
