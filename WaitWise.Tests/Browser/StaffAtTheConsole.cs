using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Tickets;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>The staff console in real Chromium over the real app and its demo data.</summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed partial class StaffAtTheConsole(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<Guid> QueueIdAsync(string name)
    {
        await using var db = await browser.App.DbAsync();
        return await db.Queues.Where(q => q.Name == name).Select(q => q.Id).SingleAsync();
    }

    /// <summary>Opens the console and waits for the circuit: until then clicks and keys go nowhere.</summary>
    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await BrowserFixture.InteractiveAsync(page);
    }

    [Fact]
    public async Task StaffIssueAWalkInTicketWithoutCallingAnyoneAndPrintItsSlip()
    {
        var frontDesk = await QueueIdAsync(DemoSeeder.FrontDesk);
        var page = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);
        await OpenAsync(page, $"staff?queue={frontDesk}&slot=1");

        // Typing the name (an "n" in it) must not be taken for the call-next shortcut.
        await page.GetByLabel("Name (optional)").FillAsync("Nan");
        await page.GetByTestId("walk-in-issue").ClickAsync();

        var issued = page.GetByTestId("walk-in-issued");
        await Assertions.Expect(issued).ToContainTextAsync("issued");
        var slipUrl = await page.GetByTestId("walk-in-slip").GetAttributeAsync("href");
        Assert.Matches("/tickets/[0-9a-f-]+/slip#key=[A-Za-z0-9_-]{43}$", slipUrl);
        var slip = await browser.NewPageAsync();
        await slip.GotoAsync(slipUrl!);
        await Assertions.Expect(slip.GetByTestId("slip-code")).ToHaveTextAsync(new Regex("^A-\\d{3}$"));
        await Assertions.Expect(slip.Locator("[data-testid=slip-qr] svg")).ToBeVisibleAsync();
        Assert.Contains((await slip.GetByTestId("slip-code").TextContentAsync())!, await issued.TextContentAsync());
        await slip.SetViewportSizeAsync(302, 600);
        await slip.EmulateMediaAsync(new() { Media = Media.Print });
        await BrowserFixture.ScreenshotAsync(slip, "walk-in-slip-print-80mm");
        await Assertions.Expect(slip.GetByRole(AriaRole.Button, new() { Name = "Print" })).Not.ToBeVisibleAsync();
        await browser.App.AssertInvariantsHoldAsync();

        // The other tests of this class call the head of the Front desk's line: the walk-in leaves it.
        var walkIn = Guid.Parse(new Uri(slipUrl!).Segments[^2].TrimEnd('/'));
        var left = await browser.App.Services.GetRequiredService<ITicketService>().CancelAsync(await browser.App.ActorAsync(DemoSeeder.Staff1Email), walkIn);
        Assert.True(left.IsSuccess, left.ToString());
    }

    [Fact]
    public async Task StaffCallHoldResumeAndCompleteATicketAndTheAuditShowsExactlyThat()
    {
        var frontDesk = await QueueIdAsync(DemoSeeder.FrontDesk);
        var customer = await browser.App.ActorAsync(DemoSeeder.CustomerEmails[0]);
        var staff = await browser.App.ActorAsync(DemoSeeder.Staff1Email);
        var joined = await browser.App.Services.GetRequiredService<ITicketService>().JoinAsync(customer, frontDesk);
        Assert.True(joined.IsSuccess, joined.ToString());
        var ticket = joined.Value!;
        var page = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);

        await OpenAsync(page, $"staff?queue={frontDesk}&slot=1");
        var myTicket = page.GetByTestId("my-ticket");
        var myStatus = page.GetByTestId("my-ticket-status");
        await Assertions.Expect(page.Locator($"[data-testid=line] tr[data-ticket='{ticket.Code}']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "staff-console-waiting");

        // N calls the head of the line into my counter.
        await page.GetByTestId("console").FocusAsync();
        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(myTicket).ToHaveTextAsync(ticket.Code);
        await Assertions.Expect(myStatus).ToHaveTextAsync("Called");
        await BrowserFixture.ScreenshotAsync(page, "staff-console-called");

        await page.Locator("[data-testid=my-counter] button[data-command=Hold]").ClickAsync();
        var heldRow = page.Locator($"[data-testid=held] tr[data-ticket='{ticket.Code}']");
        await Assertions.Expect(heldRow).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("my-counter-free")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "staff-console-held");

        await heldRow.Locator("button[data-command=Resume]").ClickAsync();
        await Assertions.Expect(myStatus).ToHaveTextAsync("Being served");
        await Assertions.Expect(heldRow).ToHaveCountAsync(0);

        await page.Locator("[data-testid=my-counter] button[data-command=Complete]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("my-counter-free")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "staff-console-completed");

        await using var db = await browser.App.DbAsync();
        var events = await db.QueueEvents.AsNoTracking().Where(e => e.EntryId == ticket.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Command, e.FromStatus, e.ToStatus, e.ActorId, e.Slot }).ToListAsync();
        Assert.Equal(
            [
                new { Command = TicketCommand.Join, FromStatus = (TicketStatus?)null, ToStatus = TicketStatus.Waiting, ActorId = customer.Id, Slot = (int?)null },
                new { Command = TicketCommand.CallNext, FromStatus = (TicketStatus?)TicketStatus.Waiting, ToStatus = TicketStatus.Called, ActorId = staff.Id, Slot = (int?)1 },
                new { Command = TicketCommand.Hold, FromStatus = (TicketStatus?)TicketStatus.Called, ToStatus = TicketStatus.Held, ActorId = staff.Id, Slot = (int?)null },
                new { Command = TicketCommand.Resume, FromStatus = (TicketStatus?)TicketStatus.Held, ToStatus = TicketStatus.Serving, ActorId = staff.Id, Slot = (int?)1 },
                new { Command = TicketCommand.Complete, FromStatus = (TicketStatus?)TicketStatus.Serving, ToStatus = TicketStatus.Completed, ActorId = staff.Id, Slot = (int?)null },
            ],
            events);
        await browser.App.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task StaffChangingTheLinkToAQueueTheyDoNotOperateAreRefusedAndSeeNothingOfIt()
    {
        var pharmacy = await QueueIdAsync(DemoSeeder.Pharmacy);
        var customer = await browser.App.ActorAsync(DemoSeeder.CustomerEmails[1]);
        var joined = await browser.App.Services.GetRequiredService<ITicketService>().JoinAsync(customer, pharmacy);
        Assert.True(joined.IsSuccess, joined.ToString());
        var page = await browser.SignedInPageAsync(DemoSeeder.Staff2Email);

        await OpenAsync(page, $"staff?queue={pharmacy}&slot=1");

        await Assertions.Expect(page.GetByTestId("console-refused")).ToContainTextAsync("You do not operate this queue");
        await Assertions.Expect(page.GetByTestId("console")).ToHaveCountAsync(0);
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(joined.Value!.Code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoSeeder.Pharmacy, text, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "staff-console-refused");
    }

    [Fact]
    public async Task ACustomerOpeningTheConsoleIsRefused()
    {
        var frontDesk = await QueueIdAsync(DemoSeeder.FrontDesk);
        var page = await browser.SignedInPageAsync(DemoSeeder.CustomerEmails[2]);

        await page.GotoAsync($"staff?queue={frontDesk}");

        await Assertions.Expect(page.GetByText("does not have access")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("console")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Console" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "staff-console-customer-refused");
    }

    [Fact]
    public async Task StaffPickTheirCounterFromTheConsolesList()
    {
        var frontDesk = await QueueIdAsync(DemoSeeder.FrontDesk);
        var page = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);
        await OpenAsync(page, $"staff?queue={frontDesk}&slot=1");

        // The list opens in a MudBlazor popover, drawn by the provider the console renders itself, next to the select.
        var picker = page.GetByTestId("console-counter-picker");
        await picker.ClickAsync();
        var second = page.GetByRole(AriaRole.Option, new() { Name = "Counter 2" });
        await Assertions.Expect(second).ToBeInViewportAsync();
        var pickerBox = (await picker.BoundingBoxAsync())!;
        var optionBox = (await second.BoundingBoxAsync())!;
        Assert.InRange(optionBox.X, pickerBox.X - 50, pickerBox.X + pickerBox.Width);
        Assert.InRange(optionBox.Y, pickerBox.Y - 200, pickerBox.Y + pickerBox.Height + 200);
        await BrowserFixture.ScreenshotAsync(page, "staff-console-counter-list");

        await second.ClickAsync();
        await BrowserFixture.ArrivesAtAsync(page, SecondCounter(), "picking counter 2");
        await Assertions.Expect(picker).ToContainTextAsync("Counter 2");
    }

    [GeneratedRegex("slot=2")]
    private static partial Regex SecondCounter();
}
