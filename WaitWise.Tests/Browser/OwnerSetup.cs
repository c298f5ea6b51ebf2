using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Identity;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>The demo owner sets up a queue in real Chromium; other owners and customers who type its URLs see nothing.</summary>
public sealed partial class OwnerSetup(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex("/owner/queues/[0-9a-f-]{36}$")]
    private static partial Regex QueuePageUrl();

    private async Task<(Guid BusinessId, Guid FrontDeskId)> DemoAsync()
    {
        await using var db = await browser.App.DbAsync();
        var business = await db.Businesses.SingleAsync(b => b.Name == DemoSeeder.BusinessName);
        var frontDesk = await db.Queues.SingleAsync(q => q.BusinessId == business.Id && q.Name == DemoSeeder.FrontDesk);
        return (business.Id, frontDesk.Id);
    }

    private static async Task FillAsync(IPage page, string selector, string value)
    {
        await page.Locator(selector).FillAsync(value);
        // MudBlazor fields bind on change, which the browser fires when the field loses focus.
        await page.Locator(selector).PressAsync("Tab");
    }

    [Fact]
    public async Task TheDemoOwnerCreatesAQueueAndAssignsStaff2WhoMayThenOperateIt()
    {
        var page = await browser.SignedInPageAsync(DemoSeeder.OwnerEmail);
        await page.GetByRole(AriaRole.Link, new() { Name = "My businesses" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoSeeder.BusinessName }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New queue" }).ClickAsync();

        await FillAsync(page, "#queue-name", "Returns");
        await FillAsync(page, "#queue-prefix", "R-");
        await FillAsync(page, "#queue-slots", "2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }).ClickAsync();
        await page.WaitForURLAsync(QueuePageUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Returns" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Staff" }).ClickAsync();
        await FillAsync(page, "#staff-email", DemoSeeder.Staff2Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("staff-list")).ToContainTextAsync(DemoSeeder.Staff2Email);
        await BrowserFixture.ScreenshotAsync(page, "owner-assigned-staff2");

        var queueId = Guid.Parse(page.Url[^36..]);
        await using (var db = await browser.App.DbAsync())
        {
            var queue = await db.Queues.SingleAsync(q => q.Id == queueId);
            Assert.Equal(("Returns", "R-", 2), (queue.Name, queue.TicketPrefix, queue.ServiceSlots));
        }
        // The staff console (branch staff) is not on main yet: staff2's right to operate the queue is asked of the Core
        // service the console reads, and staff1, who was not assigned, is refused.
        var queries = browser.App.Services.GetRequiredService<ITicketQueries>();
        Assert.True((await queries.GetLineAsync(await browser.App.ActorAsync(DemoSeeder.Staff2Email), queueId)).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, (await queries.GetLineAsync(await browser.App.ActorAsync(DemoSeeder.Staff1Email), queueId)).Error?.Kind);
    }

    [Fact]
    public async Task AnotherOwnerWhoTypesTheDemoOwnersUrlsIsRefusedAndSeesNothing()
    {
        var (businessId, frontDeskId) = await DemoAsync();
        const string intruder = "intruding-owner@test.example";
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = intruder, Email = intruder, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, DemoSeeder.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Owner)).Succeeded);
        }
        var page = await browser.SignedInPageAsync(intruder);

        foreach (var url in new[] { $"owner/queues/{frontDeskId}", $"owner/businesses/{businessId}", $"owner/businesses/{businessId}/edit",
                     $"owner/businesses/{businessId}/queues/new", $"owner/queues/{frontDeskId}/dashboard" })
        {
            await page.GotoAsync(url);
            await Assertions.Expect(page.GetByTestId("refused")).ToBeVisibleAsync();
            Assert.DoesNotContain(DemoSeeder.FrontDesk, await page.ContentAsync());
            Assert.DoesNotContain(DemoSeeder.BusinessName, await page.ContentAsync());
        }
        await BrowserFixture.ScreenshotAsync(page, "owner-url-tampering-refused");

        var csv = await page.APIRequest.GetAsync($"owner/queues/{frontDeskId}/figures.csv?from=2026-01-01&to=2026-01-31");
        Assert.Equal(403, csv.Status);
        Assert.DoesNotContain("day,joined", await csv.TextAsync());
    }

    [Fact]
    public async Task ACustomerWhoTypesTheOwnerUrlsIsTurnedAwayBeforeAnyData()
    {
        var (businessId, frontDeskId) = await DemoAsync();
        var page = await browser.SignedInPageAsync(DemoSeeder.CustomerEmails[0]);

        foreach (var url in new[] { "owner", $"owner/queues/{frontDeskId}", $"owner/businesses/{businessId}", $"owner/queues/{frontDeskId}/dashboard", "admin/businesses" })
        {
            await page.GotoAsync(url);
            await page.WaitForURLAsync(u => u.Contains("/Account/", StringComparison.Ordinal));
            Assert.DoesNotContain(DemoSeeder.FrontDesk, await page.ContentAsync());
        }
        await page.GotoAsync($"owner/businesses/{businessId}/edit");
        await Assertions.Expect(page.GetByTestId("refused")).ToBeVisibleAsync();
        Assert.DoesNotContain(DemoSeeder.BusinessName, await page.ContentAsync());

        var csv = await page.APIRequest.GetAsync($"owner/queues/{frontDeskId}/figures.csv?from=2026-01-01&to=2026-01-31");
        Assert.DoesNotContain("day,joined", await csv.TextAsync());
        await BrowserFixture.ScreenshotAsync(page, "customer-owner-url-refused");
    }
}
