using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using WaitWise.Tests.Api;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// What the page-by-page axe scans do not reach: the dialogs and the kiosk's ticket, open on the page; targets of at
/// least 24 × 24 px (WCAG 2.2's target-size rule); and a guest who joins with the keyboard alone, seeing at every
/// stop where the focus is.
/// </summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed partial class KeyboardAndTargets(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly AxeRunOptions TargetSize = new() { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["target-size"] } };

    [Fact]
    public async Task OpenDialogsAndTheKiosksTicketBreakNoRule()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var broken = new List<string>();

        var customer = await browser.SignedInPageAsync(DemoSeeder.CustomerEmails[3]);
        await customer.GotoAsync($"queues/{frontDesk}");
        await BrowserFixture.InteractiveAsync(customer);
        await customer.GetByTestId("join").ClickAsync();
        await customer.GotoAsync("my-tickets");
        await BrowserFixture.InteractiveAsync(customer);
        await customer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Cancel ticket ") }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        broken.AddRange(await ScanHereAsync(customer, "the customer's cancel dialog", Accessibility.WcagAa));
        await customer.GetByRole(AriaRole.Button, new() { Name = "Keep my place" }).ClickAsync();

        var owner = await browser.SignedInPageAsync(DemoSeeder.OwnerEmail);
        await owner.GotoAsync($"owner/queues/{frontDesk}");
        await BrowserFixture.InteractiveAsync(owner);
        await owner.GetByRole(AriaRole.Tab, new() { Name = "Delete" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Delete queue" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        broken.AddRange(await ScanHereAsync(owner, "the owner's delete dialog", Accessibility.WcagAa));
        await owner.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();

        var kiosk = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);
        await kiosk.GotoAsync($"kiosk/{frontDesk}");
        await Assertions.Expect(kiosk.GetByTestId("kiosk-take")).ToBeEnabledAsync();
        await kiosk.GetByTestId("kiosk-take").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("kiosk-code")).ToBeVisibleAsync();
        broken.AddRange(await ScanHereAsync(kiosk, "the kiosk's ticket", Accessibility.WcagAa));

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public async Task EveryTargetIsAtLeast24PixelsSquareOrSpacedAsIf()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var broken = new List<string>();
        var visitor = await browser.NewPageAsync();
        await visitor.SetViewportSizeAsync(390, 844);
        foreach (var url in new[] { "", "queues", $"queues/{frontDesk}", $"board/{frontDesk}", "Account/Login", "Account/Register" })
        {
            await visitor.GotoAsync(url);
            await visitor.WaitForLoadStateAsync(LoadState.NetworkIdle);
            broken.AddRange(await ScanHereAsync(visitor, url, TargetSize));
        }
        var staff = await browser.SignedInPageAsync(DemoSeeder.Staff1Email);
        var owner = await browser.SignedInPageAsync(DemoSeeder.OwnerEmail);
        foreach (var (page, url) in new[] { (staff, $"staff?queue={frontDesk}&slot=1"), (staff, $"kiosk/{frontDesk}"), (owner, $"owner/queues/{frontDesk}"),
                     (owner, $"owner/queues/{frontDesk}/dashboard"), (owner, "Account/Manage") })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            broken.AddRange(await ScanHereAsync(page, url, TargetSize));
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public async Task AGuestJoinsWithTheKeyboardAloneAndSeesTheFocusAtEveryStop()
    {
        var frontDesk = await browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"queues/{frontDesk}");
        await BrowserFixture.InteractiveAsync(page);
        // The circuit's first render shows a loading bar until the queue is read: Tab waits for the form, as a person would.
        await Assertions.Expect(page.Locator("#guest-name")).ToBeEditableAsync();
        var unseen = new List<string>();

        await TabToAsync(page, "guest-name", unseen);
        await page.Keyboard.TypeAsync("Kay");
        await TabToAsync(page, "guest-join", unseen);
        await page.Keyboard.PressAsync("Enter");

        await BrowserFixture.ArrivesAtAsync(page, GuestTicketUrl(), "keyboard join");
        await Assertions.Expect(page.GetByTestId("ticket")).ToBeVisibleAsync();
        Assert.True(unseen.Count == 0, "Focus stops without a visible ring:\n" + string.Join("\n", unseen));
    }

    /// <summary>
    /// Presses Tab until the element with this id or test id has the focus (failing after 40 stops), noting each stop
    /// on the way whose focus ring is not drawn or that lies off the screen.
    /// </summary>
    private static async Task TabToAsync(IPage page, string target, List<string> unseen)
    {
        for (var stop = 0; stop < 40; stop++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<FocusStop>("""
                () => {
                    const el = document.activeElement;
                    const style = getComputedStyle(el);
                    const box = el.getBoundingClientRect();
                    return {
                        name: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40)}"`,
                        id: el.id || el.dataset.testid || "",
                        ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
                        programmatic: el.getAttribute("tabindex") === "-1",
                    };
                }
                """);
            // The router may move the focus to the page's heading (tabindex -1, FocusOnNavigate) just after a press:
            // that is no Tab stop, and the next press goes on from there.
            if (!focus.Programmatic && (!focus.Ring || !focus.OnScreen))
            {
                unseen.Add($"{focus.Name}: ring {focus.Ring}, on screen {focus.OnScreen}");
            }
            if (focus.Id == target)
            {
                return;
            }
        }
        Assert.Fail($"Forty presses of Tab never reached {target}.");
    }

    private sealed class FocusStop
    {
        public string Name { get; init; } = "";
        public string Id { get; init; } = "";
        public bool Ring { get; init; }
        public bool OnScreen { get; init; }
        public bool Programmatic { get; init; }
    }

    private static async Task<List<string>> ScanHereAsync(IPage page, string what, AxeRunOptions rules)
    {
        var result = await page.RunAxe(rules);
        // Each rule asked for ran here (a rule this axe did not know would pass silently).
        Assert.All(rules.RunOnly!.Type == "rule" ? rules.RunOnly.Values! : [], rule =>
            Assert.Contains(result.Passes.Concat(result.Violations).Concat(result.Incomplete).Concat(result.Inapplicable), r => r.Id == rule));
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{what}: {v.Id} ({v.Impact}) {v.Help} at {n.Target}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))];
    }

    [GeneratedRegex("/tickets/[0-9a-f-]+#key=[A-Za-z0-9_-]{43}$")]
    private static partial Regex GuestTicketUrl();
}
