using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Identity;
using WaitWise.Tests.Api;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// Names as long as the app takes them, without a space to break at (a business and a queue of 100 characters, a
/// guest of 60, e-mails of 100), on every page of every role that shows one, on a 390 px phone: no page scrolls
/// sideways, each name is either all on the screen (wrapped) or cut with an ellipsis that carries the whole
/// name as its tooltip, and no button is pushed off the screen or out of its table, nor cuts its label.
/// </summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed class LongNamesOnAPhone(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string BusinessName = "Business " + new string('W', Business.NameMaxLength - 9);
    private static readonly string PendingName = "Pending " + new string('P', Business.NameMaxLength - 8);
    private static readonly string QueueName = new('Q', QueueLimits.NameMaxLength);
    private static readonly string GuestName = new('G', GuestDetails.NameMaxLength);
    private static readonly string OwnerEmail = LongEmail('o');
    private static readonly string StaffEmail = LongEmail('s');
    private static readonly string CustomerEmail = LongEmail('c');

    /// <summary>What each long name starts with: a text holding one of these is a name to check.</summary>
    private static readonly string[] Marks = ["WWWWWWWWWW", "PPPPPPPPPP", "QQQQQQQQQQ", "GGGGGGGGGG", "oooooooooo", "ssssssssss", "cccccccccc"];

    private static string LongEmail(char letter) => new string(letter, 60) + "@" + new string('e', 31) + ".example";

    [Fact]
    public async Task EveryPageThatShowsANameFitsAPhone()
    {
        var (business, pending, queue, guest) = await LongNamedSetupAsync();
        var broken = new List<string>();

        var visitor = await browser.NewPageAsync();
        foreach (var url in new[]
                 {
                     "queues", $"businesses/{business}", $"queues/{queue}", $"board/{queue}", $"queues/{queue}/qr",
                     $"tickets/{guest.Placed.Ticket.Id}#key={guest.Key}", $"tickets/{guest.Placed.Ticket.Id}/slip#key={guest.Key}",
                 })
        {
            broken.AddRange(await CheckAsync(visitor, url));
        }
        var customer = await browser.SignedInPageAsync(CustomerEmail);
        foreach (var url in new[] { "my-tickets", $"queues/{queue}", "Account/Manage" })
        {
            broken.AddRange(await CheckAsync(customer, url));
        }
        var staff = await browser.SignedInPageAsync(StaffEmail);
        foreach (var url in new[] { "staff", $"staff?queue={queue}&slot=1", $"kiosk/{queue}" })
        {
            broken.AddRange(await CheckAsync(staff, url));
        }
        var owner = await browser.SignedInPageAsync(OwnerEmail);
        foreach (var url in new[]
                 {
                     "owner", $"owner/businesses/{business}", $"owner/businesses/{business}/edit", $"owner/businesses/{business}/queues/new",
                     $"owner/businesses/{pending}", $"owner/queues/{queue}/dashboard", $"owner/queues/{queue}",
                 })
        {
            broken.AddRange(await CheckAsync(owner, url));
        }
        await owner.GetByRole(AriaRole.Tab, new() { Name = "Staff" }).ClickAsync();
        await Assertions.Expect(owner.GetByText(StaffEmail).First).ToBeAttachedAsync();
        broken.AddRange(await FindBrokenAsync(owner, $"owner/queues/{queue} (staff tab)"));
        await owner.GetByRole(AriaRole.Tab, new() { Name = "Tickets" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Audit trail" }).First.ClickAsync();
        await Assertions.Expect(owner.GetByTestId("audit-trail")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(owner, "long-names-owner-audit-trail");
        broken.AddRange(await FindBrokenAsync(owner, $"owner/queues/{queue} (a ticket's audit trail)"));
        var admin = await browser.SignedInPageAsync(DemoSeeder.AdminEmail);
        broken.AddRange(await CheckAsync(admin, "admin/businesses"));

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    /// <summary>
    /// Past tickets on a phone are short cards: each code whole on one line (never "A-" over "002"), the day and time
    /// of the join on one line, the queue and business on at most two.
    /// </summary>
    [Fact]
    public async Task PastTicketsOnAPhoneKeepEachCodeAndDateOnOneLine()
    {
        const string email = "past-tickets@test.example";
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, DemoSeeder.Password)).Succeeded);
        }
        var customer = await browser.App.ActorAsync(email);
        var tickets = browser.App.Services.GetRequiredService<ITicketService>();
        foreach (var name in new[] { DemoSeeder.FrontDesk, DemoSeeder.Pharmacy })
        {
            var queue = await browser.App.QueueIdAsync(name);
            var joined = Ok(await tickets.JoinAsync(customer, queue));
            Ok(await tickets.CancelAsync(customer, joined.Id));
        }
        var page = await browser.SignedInPageAsync(email);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("my-tickets");
        await BrowserFixture.InteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("past-tickets").GetByText("Cancelled")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "past-tickets-phone");

        // Read once the list is there (a circuit's first render may still replace the prerendered page).
        var read = await page.WaitForFunctionAsync(
            """
            () => {
              const list = document.querySelector('[data-testid=past-tickets]');
              if (!list) return null;
              const walker = document.createTreeWalker(list, NodeFilter.SHOW_TEXT);
              const read = [];
              for (let text = walker.nextNode(); text; text = walker.nextNode()) {
                if (!text.data.trim()) continue;
                const range = document.createRange();
                range.selectNodeContents(text);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                read.push(`${tops.size} ${text.data.trim()}`);
              }
              return read;
            }
            """);
        var lines = (await read.JsonValueAsync<string[]>())!;
        var codes = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ [A-Z]+-\d{3}$")).ToList();
        Assert.Equal(2, codes.Count);
        Assert.All(codes, l => Assert.StartsWith("1 ", l));
        var dates = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ Joined ")).ToList();
        Assert.Equal(2, dates.Count);
        Assert.All(dates, l => Assert.StartsWith("1 ", l));
        var queues = lines.Where(l => l.EndsWith(DemoSeeder.FrontDesk, StringComparison.Ordinal) || l.EndsWith(DemoSeeder.Pharmacy, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, queues.Count);
        Assert.All(queues, l => Assert.StartsWith("1 ", l));
    }

    /// <summary>Opens the page on a phone, waits for it to settle, and lists what does not fit.</summary>
    private static async Task<List<string>> CheckAsync(IPage page, string url)
    {
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex(string.Join("|", Marks))).First).ToBeAttachedAsync();
        var shown = System.Text.RegularExpressions.Regex.Replace(url.Split('#')[0], "[0-9a-f]{8}-[0-9a-f-]{27}", "id");
        await BrowserFixture.ScreenshotAsync(page, "long-names-" + new string(shown.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-'));
        return await FindBrokenAsync(page, url);
    }

    private static async Task<List<string>> FindBrokenAsync(IPage page, string url)
    {
        var found = await page.EvaluateAsync<string[]>(
            """
            marks => {
              const width = document.documentElement.clientWidth;
              const broken = [];
              if (document.documentElement.scrollWidth > width) {
                broken.push(`the page is ${document.documentElement.scrollWidth} px wide`);
              }
              const ancestors = function* (el) { for (let a = el.parentElement; a; a = a.parentElement) yield a; };
              const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let text = walker.nextNode(); text; text = walker.nextNode()) {
                if (!marks.some(m => text.data.includes(m))) continue;
                const holder = text.parentElement;
                if (!holder || holder.closest('[hidden], [aria-hidden=true], template, script, style')) continue;
                const range = document.createRange();
                range.selectNodeContents(text);
                const box = range.getBoundingClientRect();
                if (box.width === 0 || getComputedStyle(holder).visibility === 'hidden') continue;
                if (box.left >= -1 && box.right <= width + 1) continue;
                const cut = [holder, ...ancestors(holder)]
                  .find(a => getComputedStyle(a).textOverflow === 'ellipsis' && getComputedStyle(a).overflowX !== 'visible');
                if (cut && cut.getBoundingClientRect().right <= width + 1) {
                  const tip = cut.closest('[title]');
                  if (tip && tip.getAttribute('title').includes(text.data.trim())) continue;
                  broken.push(`${name(cut)} cuts "${text.data.trim().slice(0, 24)}…" without the whole name as its tooltip`);
                  continue;
                }
                broken.push(`${name(holder)} runs to ${Math.round(box.right)} px with "${text.data.trim().slice(0, 24)}…"`);
              }
              // Every control of the page is whole on the screen: not pushed out of a table's box, its label not cut.
              for (const control of document.querySelectorAll('.ww-main button, .ww-main a.ww-filled-button, .minimal-layout button')) {
                const box = control.getBoundingClientRect();
                if (box.width === 0 || box.height === 0 || control.closest('[hidden], [aria-hidden=true]')) continue;
                const label = (control.textContent || control.getAttribute('aria-label') || '').trim().slice(0, 24);
                const room = [...ancestors(control)].filter(a => getComputedStyle(a).overflowX !== 'visible').map(a => a.getBoundingClientRect())
                  .reduce((seen, b) => ({ left: Math.max(seen.left, b.left), right: Math.min(seen.right, b.right) }), { left: 0, right: width });
                if (box.left < room.left - 1 || box.right > room.right + 1) {
                  broken.push(`the button "${label}" is cut off at ${Math.round(room.right)} px (it runs ${Math.round(box.left)}–${Math.round(box.right)} px)`);
                  continue;
                }
                // The label's text, not the button's scroll width: a clicked button's ripple spreads past it for a moment.
                const words = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
                for (let text = words.nextNode(); text; text = words.nextNode()) {
                  const range = document.createRange();
                  range.selectNodeContents(text);
                  const inner = range.getBoundingClientRect();
                  if (inner.width > 0 && (inner.left < box.left - 1 || inner.right > box.right + 1)) {
                    broken.push(`the button "${label}" cuts its label at "${text.data.trim()}"`);
                    break;
                  }
                }
              }
              return broken;
            }
            """, Marks);
        return found.Select(f => $"/{url}: {f}").ToList();
    }

    /// <summary>
    /// A long-named owner with an approved business and a pending one, a queue whose staff member, customer and
    /// guests have long names too: a guest called to counter 1, one waiting, and a customer with a past ticket and an
    /// open one.
    /// </summary>
    private async Task<(Guid Business, Guid Pending, Guid Queue, GuestTicket Guest)> LongNamedSetupAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var email in new[] { OwnerEmail, StaffEmail, CustomerEmail })
        {
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, DemoSeeder.Password)).Succeeded);
            if (email == OwnerEmail)
            {
                Assert.True((await users.AddToRoleAsync(user, Roles.Owner)).Succeeded);
            }
        }
        var owner = await browser.App.ActorAsync(OwnerEmail);
        var staff = await browser.App.ActorAsync(StaffEmail);
        var admin = await browser.App.ActorAsync(DemoSeeder.AdminEmail);
        var businesses = services.GetRequiredService<IBusinessAdmin>();
        var business = Ok(await businesses.CreateAsync(owner, new BusinessSettings(BusinessName, "UTC"))).Id;
        var pending = Ok(await businesses.CreateAsync(owner, new BusinessSettings(PendingName, "UTC"))).Id;
        Ok(await services.GetRequiredService<IPlatformAdmin>().ApproveAsync(admin, business));
        var queues = services.GetRequiredService<IQueueAdmin>();
        var queue = Ok(await queues.CreateAsync(owner, business, new QueueChanges(QueueName, AllowGuests: true))).Id;
        Ok(await services.GetRequiredService<IQueueControl>().OpenAsync(owner, queue));
        Ok(await queues.AssignStaffAsync(owner, queue, StaffEmail));
        Ok(await services.GetRequiredService<ICounterPresences>().SeenAsync(staff, queue, 1));

        var tickets = services.GetRequiredService<ITicketService>();
        var called = Ok(await tickets.JoinAsGuestAsync(queue, new GuestDetails(GuestName, null, "+447700900123")));
        var customer = await browser.App.ActorAsync(CustomerEmail);
        var left = Ok(await tickets.JoinAsync(customer, queue));
        Ok(await tickets.CancelAsync(customer, left.Id));
        browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
        Ok(await tickets.CallSpecificAsync(staff, called.Placed.Ticket.Id));
        Ok(await tickets.JoinAsync(customer, queue));
        Ok(await tickets.JoinAsGuestAsync(queue, new GuestDetails(GuestName[..^1] + "H", "guest@test.example")));
        return (business, pending, queue, called);
    }

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.ToString());
        return result.Value!;
    }
}
