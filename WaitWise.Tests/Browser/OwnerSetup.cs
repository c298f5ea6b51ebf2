using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Analytics;
using WaitWise.Core.Auth;
using WaitWise.Data.Identity;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>The demo owner sets up a queue in real Chromium; other owners and customers who type its URLs see nothing.</summary>
[Collection(Infrastructure.BrowserTests.Collection)]
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
        await BrowserFixture.InteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "My businesses" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoSeeder.BusinessName }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New queue" }).ClickAsync();

        await FillAsync(page, "#queue-name", "Returns");
        await FillAsync(page, "#queue-prefix", "R-");
        await FillAsync(page, "#queue-slots", "2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create queue" }).ClickAsync();
        await BrowserFixture.ArrivesAtAsync(page, QueuePageUrl(), "create-queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Returns" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Staff" }).ClickAsync();
        await FillAsync(page, "#staff-email", DemoSeeder.Staff2Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("staff-list")).ToContainTextAsync(DemoSeeder.Staff2Email);
        await Assertions.Expect(page.GetByTestId("staff-done")).ToHaveTextAsync($"{DemoSeeder.Staff2Email} can now run Returns.");
        await BrowserFixture.ScreenshotAsync(page, "owner-assigned-staff2");
        // Again: said so, and listed once. The owner's own e-mail: refused on the field, the list unchanged.
        await FillAsync(page, "#staff-email", DemoSeeder.Staff2Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("staff-done")).ToHaveTextAsync($"{DemoSeeder.Staff2Email} was already assigned to Returns.");
        await Assertions.Expect(page.GetByTestId("staff-list").GetByText(DemoSeeder.Staff2Email)).ToHaveCountAsync(1);
        await FillAsync(page, "#staff-email", DemoSeeder.OwnerEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{DemoSeeder.OwnerEmail} owns this business and already runs every queue of it.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("staff-done")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("staff-list")).Not.ToContainTextAsync(DemoSeeder.OwnerEmail);

        var queueId = Guid.Parse(page.Url[^36..]);
        await using (var db = await browser.App.DbAsync())
        {
            var queue = await db.Queues.SingleAsync(q => q.Id == queueId);
            Assert.Equal(("Returns", "R-", 2), (queue.Name, queue.TicketPrefix, queue.ServiceSlots));
        }
        // staff2 finds the new queue among their queues in the staff console and opens it; staff1, not assigned, is refused.
        var staff2 = await browser.SignedInPageAsync(DemoSeeder.Staff2Email);
        await staff2.GotoAsync("staff");
        await BrowserFixture.InteractiveAsync(staff2);
        await staff2.GetByTestId("console-queue-picker").ClickAsync();
        await staff2.GetByText($"{DemoSeeder.BusinessName} · Returns").ClickAsync();
        await Assertions.Expect(staff2.GetByTestId("console")).ToBeVisibleAsync();
        await Assertions.Expect(staff2.GetByTestId("queue-status")).ToHaveTextAsync("Closed");
        await BrowserFixture.ScreenshotAsync(staff2, "staff2-finds-the-new-queue");

        var staff1 = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);
        await staff1.GotoAsync($"staff?queue={queueId}&slot=1");
        await Assertions.Expect(staff1.GetByTestId("console-refused")).ToBeVisibleAsync();
        await Assertions.Expect(staff1.GetByTestId("console")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheOwnerDownloadsTheFiguresAsCsvAndABadRangeIsAProblemNotAFile()
    {
        var (_, frontDeskId) = await DemoAsync();
        var page = await browser.SignedInPageAsync(DemoSeeder.OwnerEmail);

        var csv = await page.APIRequest.GetAsync($"owner/queues/{frontDeskId}/figures.csv?from=2026-01-01&to=2026-01-03");
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([DashboardCsv.Header, "2026-01-01,0,0,0,0,,,0,,", "2026-01-02,0,0,0,0,,,0,,", "2026-01-03,0,0,0,0,,,0,,", "total,0,0,0,0,,,0,,"], lines);

        // Every refusal is the API's problem details: a status, the field, and the stable code.
        foreach (var (query, field) in new[]
                 {
                     ("from=yesterday&to=2026-01-03", "from"), ("from=2026-01-03&to=2026-01-01", "to"),
                     ("from=2026-01-01&to=2026-13-01", "to"), ("from=2025-01-01&to=2026-01-03", "to"),
                 })
        {
            var refused = await page.APIRequest.GetAsync($"owner/queues/{frontDeskId}/figures.csv?{query}");
            Assert.Equal(400, refused.Status);
            Assert.StartsWith("application/problem+json", refused.Headers["content-type"]);
            var problem = JsonDocument.Parse(await refused.TextAsync()).RootElement;
            Assert.Equal("validation", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), query);
        }
        var missing = await page.APIRequest.GetAsync($"owner/queues/{Guid.NewGuid()}/figures.csv?from=2026-01-01&to=2026-01-03");
        Assert.Equal(404, missing.Status);
        Assert.Equal("not_found", JsonDocument.Parse(await missing.TextAsync()).RootElement.GetProperty("code").GetString());
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
        var refusal = await csv.TextAsync();
        Assert.DoesNotContain("day,joined", refusal);
        Assert.Equal("forbidden", JsonDocument.Parse(refusal).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ACustomerWhoTypesTheOwnerUrlsIsTurnedAwayBeforeAnyData()
    {
        var (businessId, frontDeskId) = await DemoAsync();
        var page = await browser.SignedInPageAsync(DemoSeeder.CustomerEmails[0]);

        foreach (var url in new[] { "owner", $"owner/queues/{frontDeskId}", $"owner/businesses/{businessId}", $"owner/queues/{frontDeskId}/dashboard", "admin/businesses" })
        {
            await page.GotoAsync(url);
            await BrowserFixture.ArrivesAtAsync(page, new Regex("/Account/"), "owner-url-refused");
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
