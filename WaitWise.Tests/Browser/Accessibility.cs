using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Api;
using WaitWise.Web.Components.Layout;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// axe-core's rules for WCAG 2.0 and 2.1, levels A and AA, over the pages of every role in the states people meet
/// them in, on a desktop and a phone: none may be broken. A failure lists every rule broken, where, and why.
/// </summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed class Accessibility(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The WCAG 2.0 and 2.1 rules of levels A and AA, as every accessibility check here runs them.</summary>
    internal static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1280, 800), ("phone", 390, 844)];

    private ITicketService Tickets => browser.App.Services.GetRequiredService<ITicketService>();

    [Fact]
    public async Task PagesAVisitorSeesBreakNoRule()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var business = await BusinessOfAsync(frontDesk);
        var called = await CalledGuestAsync(frontDesk);
        var page = await browser.NewPageAsync();

        var broken = new List<string>();
        try
        {
            foreach (var url in new[]
                     {
                         "", "queues", $"businesses/{business}", $"queues/{frontDesk}", $"board/{frontDesk}",
                         $"tickets/{called.Placed.Ticket.Id}#key={called.Key}", $"tickets/{called.Placed.Ticket.Id}/slip#key={called.Key}",
                         "Account/Login", "Account/Register", "Account/ForgotPassword", "no-such-page",
                     })
            {
                broken.AddRange(await ScanAsync(page, url));
            }
        }
        finally
        {
            await FreeCounterAsync(called);
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public async Task PagesACustomerSeesInEveryStateOfTheirTicketBreakNoRule()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var email = DemoSeeder.CustomerEmails[1];
        var customer = await browser.App.ActorAsync(email);
        var staff = await browser.App.ActorAsync(DemoSeeder.Staff1Email);
        var page = await browser.SignedInPageAsync(email);
        var broken = new List<string>();

        var joined = await Tickets.JoinAsync(customer, frontDesk);
        Assert.True(joined.IsSuccess, joined.ToString());
        broken.AddRange(await ScanAsync(page, "my-tickets", "waiting"));
        broken.AddRange(await ScanAsync(page, $"queues/{frontDesk}", "waiting"));
        browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Tickets.CallSpecificAsync(staff, joined.Value!.Id)).IsSuccess);
        broken.AddRange(await ScanAsync(page, "my-tickets", "called"));
        Assert.True((await Tickets.NoShowAsync(staff, joined.Value.Id)).IsSuccess);
        broken.AddRange(await ScanAsync(page, "my-tickets", "late"));
        foreach (var url in new[] { "Account/Manage", "Account/Manage/Notifications", "Account/Manage/ChangePassword", "Account/Manage/PersonalData" })
        {
            broken.AddRange(await ScanAsync(page, url));
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public async Task PagesOfStaffOwnersAndAdminsBreakNoRule()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var called = await CalledGuestAsync(frontDesk);
        Assert.True((await Tickets.JoinAsGuestAsync(frontDesk, new GuestDetails("Waiting guest", "w@test.example"))).IsSuccess);
        var broken = new List<string>();
        try
        {
            await ScanStaffOwnerAndAdminPagesAsync(frontDesk, broken);
        }
        finally
        {
            await FreeCounterAsync(called);
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    private async Task ScanStaffOwnerAndAdminPagesAsync(Guid frontDesk, List<string> broken)
    {
        var business = await BusinessOfAsync(frontDesk);

        var staff = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);
        foreach (var url in new[] { "staff", $"staff?queue={frontDesk}&slot=1", $"kiosk/{frontDesk}" })
        {
            broken.AddRange(await ScanAsync(staff, url));
        }
        var owner = await browser.SignedInPageAsync(DemoSeeder.OwnerEmail);
        foreach (var url in new[]
                 {
                     "owner", $"owner/businesses/{business}", $"owner/businesses/{business}/edit", $"owner/businesses/{business}/queues/new",
                     $"owner/queues/{frontDesk}", $"owner/queues/{frontDesk}/dashboard", "owner/businesses/new",
                 })
        {
            broken.AddRange(await ScanAsync(owner, url));
        }
        var admin = await browser.SignedInPageAsync(DemoSeeder.AdminEmail);
        foreach (var url in new[] { "admin/businesses", "admin/health" })
        {
            broken.AddRange(await ScanAsync(admin, url));
        }
    }

    /// <summary>The called guest misses their turn, so the next test finds the Front desk's counters free.</summary>
    private async Task FreeCounterAsync(GuestTicket called) =>
        Assert.True((await Tickets.NoShowAsync(await browser.App.ActorAsync(DemoSeeder.Staff1Email), called.Placed.Ticket.Id)).IsSuccess);

    [Fact]
    public async Task InTheDarkThemeThePagesOfEveryRoleBreakNoRule()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var called = await CalledGuestAsync(frontDesk);
        var broken = new List<string>();
        try
        {
            var visitor = await DarkAsync(await browser.NewPageAsync());
            foreach (var url in new[] { "", $"queues/{frontDesk}", $"tickets/{called.Placed.Ticket.Id}#key={called.Key}", "Account/Login", $"board/{frontDesk}" })
            {
                broken.AddRange(await ScanAsync(visitor, url, "dark"));
            }
            var staff = await DarkAsync(await browser.SignedInPageAsync(DemoSeeder.Staff1Email));
            broken.AddRange(await ScanAsync(staff, $"staff?queue={frontDesk}&slot=1", "dark"));
            await staff.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
            await BrowserFixture.ScreenshotAsync(staff, "console-dark");
            var owner = await DarkAsync(await browser.SignedInPageAsync(DemoSeeder.OwnerEmail));
            foreach (var url in new[] { "owner", $"owner/queues/{frontDesk}", $"owner/queues/{frontDesk}/dashboard" })
            {
                broken.AddRange(await ScanAsync(owner, url, "dark"));
            }
            var admin = await DarkAsync(await browser.SignedInPageAsync(DemoSeeder.AdminEmail));
            broken.AddRange(await ScanAsync(admin, "admin/health", "dark"));
        }
        finally
        {
            await FreeCounterAsync(called);
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public async Task TheAppBarsToggleSwitchesThisBrowserToTheDarkThemeAndBack()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("");
        await BrowserFixture.InteractiveAsync(page);
        Assert.Null(await page.Locator("body").GetAttributeAsync("class"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Use the dark theme" }).ClickAsync();

        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync("ww-dark");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" })).ToBeVisibleAsync();
        Assert.Equal("dark", (await page.Context.CookiesAsync()).Single(c => c.Name == ThemeChoice.CookieName).Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the dark theme" })).ToBeVisibleAsync();
        Assert.Null(await page.Locator("body").GetAttributeAsync("class"));
    }

    [Fact]
    public async Task ABrowserWhoseSystemIsDarkGetsTheDarkThemeUntilItChoosesOtherwise()
    {
        var page = await browser.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        await page.GotoAsync("");

        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync("ww-dark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the dark theme" })).ToBeVisibleAsync();
    }

    /// <summary>The page's person chose the dark theme (the toggle's cookie).</summary>
    private async Task<IPage> DarkAsync(IPage page)
    {
        await page.Context.AddCookiesAsync([new Cookie { Name = ThemeChoice.CookieName, Value = "dark", Url = browser.App.BaseAddress.ToString() }]);
        return page;
    }

    /// <summary>Opens the page at each size, lets its circuit render, and lists what axe finds broken.</summary>
    private static async Task<List<string>> ScanAsync(IPage page, string url, string? state = null)
    {
        var broken = new List<string>();
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await page.RunAxe(WcagAa);
            broken.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n =>
                $"/{url}{(state is null ? "" : $" ({state})")} [{size}]: {v.Id} ({v.Impact}) {v.Help} at {n.Target}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")));
        }
        return broken;
    }

    private async Task<GuestTicket> CalledGuestAsync(Guid queueId)
    {
        var guest = await Tickets.JoinAsGuestAsync(queueId, new GuestDetails("Called guest", null, "+447700900123"));
        Assert.True(guest.IsSuccess, guest.ToString());
        browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var called = await Tickets.CallSpecificAsync(await browser.App.ActorAsync(DemoSeeder.Staff1Email), guest.Value!.Placed.Ticket.Id);
        Assert.True(called.IsSuccess, called.ToString());
        return guest.Value;
    }

    private async Task<Guid> BusinessOfAsync(Guid queueId)
    {
        await using var db = await browser.App.DbAsync();
        return db.Queues.Where(q => q.Id == queueId).Select(q => q.BusinessId).Single();
    }
}
