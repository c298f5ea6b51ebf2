using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Admin;

namespace WaitWise.Tests.Components;

/// <summary>The admin's review of businesses over the real platform-admin service: what takes a business off the public list is asked first.</summary>
public sealed class AdminBusinessesPage(DatabaseFixture db) : LiveComponentTest(db)
{
    private async Task AdminAsync()
    {
        var id = await Db.CreateUserAsync($"admin-{Guid.NewGuid():N}@test.example", Roles.Admin);
        SignIn("admin@waitwise.test", Roles.Admin);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
    }

    private async Task<BusinessStatus> StatusAsync(Guid businessId)
    {
        await using var db = await Db.Db.CreateDbContextAsync();
        return (await db.Businesses.SingleAsync(b => b.Id == businessId)).Status;
    }

    private static AngleSharp.Dom.IElement SuspendButton(IRenderedComponent<Businesses> page, string business) =>
        page.FindAll("tr").Single(r => r.TextContent.Contains(business, StringComparison.Ordinal))
            .QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Suspend");

    [Fact]
    public async Task SuspendingAsksFirstNamingTheBusinessItsQueuesAndOpenTicketsAndThenLeadsToItsNewTab()
    {
        var s = await Data.SceneAsync();
        await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        await Data.TicketInStateAsync(s, TicketStatus.Serving, s.OtherCustomer);
        await AdminAsync();
        var dialogs = DialogProvider();
        var page = Render<Businesses>();
        page.WaitForElement("[data-testid=business-list]");
        page.FindAll("button.mud-chip").Single(c => c.TextContent.Trim() == "Approved").Click();
        page.WaitForAssertion(() => Assert.Contains(s.Business.Name, page.Find("[data-testid=business-list]").TextContent));

        SuspendButton(page, s.Business.Name).Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"Suspend {s.Business.Name}?", dialogs.Markup));
        Assert.Contains("Its queues (2) leave the public list", dialogs.Markup);
        Assert.Contains("Its open tickets (2) stay", dialogs.Markup);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it as it is").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Suspend ", dialogs.Markup));
        Assert.Equal(BusinessStatus.Approved, await StatusAsync(s.Business.Id));
        Assert.Empty(page.FindAll("[data-testid=review-message]"));

        SuspendButton(page, s.Business.Name).Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Suspend").Click());

        page.WaitForAssertion(() => Assert.Contains($"{s.Business.Name} is now suspended.", page.Find("[data-testid=review-message]").TextContent));
        Assert.Equal(BusinessStatus.Suspended, await StatusAsync(s.Business.Id));
        Assert.DoesNotContain(s.Business.Name, page.Find("[data-testid=business-list]").TextContent);

        page.Find("[data-testid=review-show]").Click();
        page.WaitForAssertion(() => Assert.Contains(s.Business.Name, page.Find("[data-testid=business-list]").TextContent));
        Assert.Contains("Suspended", page.Find("[data-testid=business-list]").TextContent);
        Assert.Contains("Approve", page.Find("[data-testid=business-list]").TextContent);
    }

    [Fact]
    public async Task RejectingAsksFirstAndApprovingDoesNot()
    {
        var s = await Data.SceneAsync();
        var pending = await Data.BusinessAsync(s.OtherOwner, BusinessStatus.Pending);
        await AdminAsync();
        var dialogs = DialogProvider();
        var page = Render<Businesses>();
        page.WaitForAssertion(() => Assert.Contains(pending.Name, page.Find("[data-testid=business-list]").TextContent));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Reject").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"Reject {pending.Name}?", dialogs.Markup));
        Assert.Contains("may change it, which sends it for review again", dialogs.Markup);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it as it is").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Reject ", dialogs.Markup));
        Assert.Equal(BusinessStatus.Pending, await StatusAsync(pending.Id));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Approve").Click();
        page.WaitForAssertion(() => Assert.Contains($"{pending.Name} is now approved.", page.Find("[data-testid=review-message]").TextContent));
        Assert.Equal(BusinessStatus.Approved, await StatusAsync(pending.Id));
        Assert.DoesNotContain("Approve", dialogs.Markup);
    }
}
