using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components;
using WaitWise.Web.Components.Pages.Staff;

namespace WaitWise.Tests.Components;

/// <summary>The staff console over the real queue services, notifier and database; only sign-in is bUnit's.</summary>
public sealed class StaffConsolePage : ComponentTest, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _db;
    private readonly Builders _data;

    public StaffConsolePage(DatabaseFixture db)
    {
        _db = db;
        _data = new Builders(db);
        foreach (var service in new[] { typeof(IOperatedQueues), typeof(ITicketQueries), typeof(ITicketService), typeof(IQueueNotifier), typeof(IQueueMessages), typeof(OutboxChannels), typeof(ICounterPresences) })
        {
            Context.Services.AddSingleton(service, db.Services.GetRequiredService(service));
        }
        Context.Services.AddSingleton<TimeProvider>(db.Clock);
        Context.Services.AddScoped<CurrentActor>();
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The database tests' builders (a scene of two queues and their staff, tickets in any state), borrowed.</summary>
    private sealed class Builders(DatabaseFixture fixture) : TicketTest(fixture)
    {
        public new Task<Scene> SceneAsync(int maxSize = 50, int slots = 2, bool autoCall = false, int graceSeconds = 600, int callTimeoutSeconds = 180) =>
            base.SceneAsync(maxSize, slots, autoCall, graceSeconds, callTimeoutSeconds);

        public new Task<TicketView> TicketInStateAsync(Scene s, TicketStatus state, Actor? holder = null) => base.TicketInStateAsync(s, state, holder);

        public new Task<List<Actor>> UsersAsync(int count, string prefix = "user") => base.UsersAsync(count, prefix);

        public new Task<QueueEntry> TicketAsync(Guid id) => base.TicketAsync(id);
    }

    private ITicketService Tickets => _db.Services.GetRequiredService<ITicketService>();

    private async Task<Scene> SceneAsync(int slots = 2)
    {
        await _db.ResetAsync();
        return await _data.SceneAsync(slots: slots);
    }

    private IRenderedComponent<StaffConsole> Open(Actor staff, Guid? queue = null, string? slot = null, string? rawQueue = null)
    {
        SignIn("staff@test.example", Roles.Staff);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, staff.Id));
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("staff", new Dictionary<string, object?>
        {
            ["queue"] = rawQueue ?? queue?.ToString(),
            ["slot"] = slot,
        }));
        var console = Render<StaffConsole>();
        console.WaitForAssertion(() => Assert.NotEmpty(console.FindAll("[data-testid=console], [data-testid=console-refused], [data-testid=console-no-queues]")));
        return console;
    }

    private static IElement Button(IRenderedComponent<StaffConsole> console, string scope, TicketCommand command, string? ticketCode = null) =>
        console.Find(ticketCode is null
            ? $"[data-testid={scope}] button[data-command={command}]"
            : $"[data-testid={scope}] tr[data-ticket='{ticketCode}'] button[data-command={command}]");

    private static bool Enabled(IElement button) => !button.HasAttribute("disabled");

    [Fact]
    public async Task ShowsAnEmptyLineAFreeCounterAndTheShortcuts()
    {
        var s = await SceneAsync();

        var console = Open(s.StaffA, s.QueueId);

        console.Find("[data-testid=line-empty]");
        console.Find("[data-testid=my-counter-free]");
        Assert.False(Enabled(Button(console, "my-counter", TicketCommand.CallNext)));
        var shortcuts = console.Find("[data-testid=console-shortcuts]");
        Assert.Equal(["N", "S", "C", "H", "R"], shortcuts.QuerySelectorAll("kbd").Select(k => k.TextContent));
        Assert.All(new[] { "Call next", "Start", "Complete", "Hold", "Recall" }, label => Assert.Contains(label, shortcuts.TextContent));
    }

    private async Task<List<(int Slot, DateTimeOffset SeenAt)>> PresenceAsync(Actor staff)
    {
        await using var db = await _db.Db.CreateDbContextAsync();
        return (await db.CounterPresence.Where(p => p.UserId == staff.Id).ToListAsync()).Select(p => (p.Slot, p.SeenAt)).ToList();
    }

    [Fact]
    public async Task AnOpenConsoleSaysWhichCounterItsPersonIsAtAndTakesItBackWhenItCloses()
    {
        var s = await SceneAsync();

        var console = Open(s.StaffA, s.QueueId, slot: "2");

        Assert.NotNull(console.Find("[data-testid=console]"));
        await Eventually.TrueAsync(async () => (await PresenceAsync(s.StaffA)).SequenceEqual([(2, _db.Clock.Now)]), "the console said counter 2");
        // A customer's estimate counts the counter: both of the line's first two are called at once.
        var ticket = await Tickets.JoinAndPlaceAsync(s.Customer, s.QueueId);
        Assert.Equal(TimeSpan.Zero, ticket.Value!.EstimatedWait);

        await Context.DisposeComponentsAsync();
        Assert.Empty(await PresenceAsync(s.StaffA));
    }

    [Fact]
    public async Task ShowsAGuestsNameAndWhetherTheyLeftAPhoneBesideTheirTicketAndNothingBesideAnAccountsOne()
    {
        var s = await SceneAsync();
        Assert.True((await Tickets.JoinAsync(s.Customer, s.QueueId)).IsSuccess);
        var walkIn = await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "Lou");
        Assert.True(walkIn.IsSuccess, walkIn.ToString());
        await using (var db = await _db.Db.CreateDbContextAsync())
        {
            (await db.Queues.FindAsync(s.QueueId))!.AllowGuests = true;
            await db.SaveChangesAsync();
        }
        Assert.True((await Tickets.JoinAsGuestAsync(s.QueueId, new("Max", Phone: "+447700900123"))).IsSuccess);

        var console = Open(s.StaffA, s.QueueId);

        var rows = console.FindAll("[data-testid=line] tr");
        Assert.Null(rows[0].QuerySelector("[data-testid=guest-name]"));
        Assert.Equal("Lou (guest)", rows[1].QuerySelector("[data-testid=guest-name]")!.TextContent.Trim());
        Assert.Equal("Max (guest · phone)", rows[2].QuerySelector("[data-testid=guest-name]")!.TextContent.Trim());
    }

    [Fact]
    public async Task SendsAMessageToEveryoneWaitingShowsItAsTheBannerAndListsItWithItsSender()
    {
        var s = await SceneAsync();
        Assert.True((await Tickets.JoinAsync(s.Customer, s.QueueId)).IsSuccess);
        var console = Open(s.StaffA, s.QueueId);
        var text = $"#queue-message-text-{s.QueueId}";

        await console.InvokeAsync(() => console.Find(text).Input(new string('x', 501)));
        await console.InvokeAsync(() => console.Find("[data-testid=queue-message-send]").Click());
        console.WaitForAssertion(() => Assert.Contains("at most 500 characters; this one has 501", console.Markup));
        Assert.Empty(console.FindAll("[data-testid=queue-notice]"));

        await console.InvokeAsync(() => console.Find(text).Input("We are running 20 minutes late"));
        await console.InvokeAsync(() => console.Find("[data-testid=queue-message-send]").Click());

        console.WaitForAssertion(() => Assert.Contains("We are running 20 minutes late", console.Find("[data-testid=queue-notice]").TextContent));
        var row = console.WaitForElement("[data-testid=queue-messages-sent] tbody tr");
        Assert.Contains("staff1-", row.TextContent);
        Assert.EndsWith("1", row.QuerySelectorAll("td").Last().TextContent.Trim());
        await console.InvokeAsync(() => console.Find(text).Input("And now?"));
        await console.InvokeAsync(() => console.Find("[data-testid=queue-message-send]").Click());
        console.WaitForAssertion(() => Assert.Contains("One message a minute", console.Find("[data-testid=queue-message-error]").TextContent));
    }

    [Fact]
    public async Task ShowsHowTheNewestMessageToEachTicketWentWithTheProvidersReasonForAFailure()
    {
        var s = await SceneAsync();
        var ticket = await Tickets.JoinAsync(s.Customer, s.QueueId);
        Assert.True((await Tickets.CallNextAsync(s.StaffA, s.QueueId, slot: 1)).IsSuccess);
        await using (var db = await _db.Db.CreateDbContextAsync())
        {
            var mail = await db.Notifications.SingleAsync();
            (mail.Status, mail.Attempts, mail.LastError) = (DeliveryStatus.Failed, 5, "550 mailbox unavailable");
            await db.SaveChangesAsync();
        }

        var console = Open(s.StaffA, s.QueueId, slot: "1");

        var label = console.Find($"tr[data-ticket='{ticket.Value!.Code}'] [data-testid=delivery-status] [data-channel=Email]");
        Assert.Equal(("E-mail (called) failed", "550 mailbox unavailable"), (label.TextContent.Trim(), label.GetAttribute("title")));
    }

    [Fact]
    public async Task ShowsTheLineInServingOrderWithPositions()
    {
        var s = await SceneAsync();
        var customers = await _data.UsersAsync(3, "line");
        foreach (var customer in customers)
        {
            Assert.True((await Tickets.JoinAsync(customer, s.QueueId)).IsSuccess);
        }

        var console = Open(s.StaffA, s.QueueId);

        var rows = console.FindAll("[data-testid=line] tr");
        Assert.Equal(["Q-001", "Q-002", "Q-003"], rows.Select(r => r.GetAttribute("data-ticket")));
        Assert.Equal(["1", "2", "3"], rows.Select(r => r.QuerySelector("[data-testid=position]")!.TextContent));
        Assert.All(rows, row => Assert.True(Enabled(row.QuerySelector($"button[data-command={TicketCommand.CallSpecific}]")!)));
        Assert.True(Enabled(Button(console, "my-counter", TicketCommand.CallNext)));
        Assert.Contains("3 waiting", console.Find("[data-testid=line] h2").TextContent);
    }

    public static TheoryData<TicketStatus, TicketCommand[]> AtMyCounter() => new()
    {
        { TicketStatus.Called, [TicketCommand.StartService, TicketCommand.Hold, TicketCommand.Recall, TicketCommand.NoShow, TicketCommand.Cancel] },
        { TicketStatus.Serving, [TicketCommand.Complete, TicketCommand.Hold, TicketCommand.Cancel] },
    };

    [Theory]
    [MemberData(nameof(AtMyCounter))]
    public async Task EnablesExactlyTheCommandsTheStateMachineAllowsForTheTicketAtMyCounter(TicketStatus state, TicketCommand[] allowed)
    {
        var s = await SceneAsync();
        var ticket = await _data.TicketInStateAsync(s, state);
        Assert.True((await Tickets.JoinAsync(s.OtherCustomer, s.QueueId)).IsSuccess);

        var console = Open(s.StaffA, s.QueueId, slot: ticket.Slot!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ticket.Code, console.Find("[data-testid=my-ticket]").TextContent);
        var enabled = console.FindAll("[data-testid=my-counter] button[data-command]").Where(Enabled)
            .Select(b => Enum.Parse<TicketCommand>(b.GetAttribute("data-command")!));
        // Call next stays off while my counter is busy, though somebody waits.
        Assert.Equal(allowed.Order(), enabled.Order());
        Assert.False(Enabled(Button(console, "line", TicketCommand.CallSpecific, "Q-002")));
    }

    [Fact]
    public async Task ResumesAHeldTicketOnlyIntoAFreeCounter()
    {
        var s = await SceneAsync();
        var held = await _data.TicketInStateAsync(s, TicketStatus.Held);
        var other = await _data.UsersAsync(1, "busy");
        var busy = await Tickets.JoinAsync(other[0], s.QueueId);
        Assert.True((await Tickets.CallSpecificAsync(s.StaffA, busy.Value!.Id, slot: 1)).IsSuccess);

        var atBusyCounter = Open(s.StaffA, s.QueueId, slot: "1");
        Assert.False(Enabled(Button(atBusyCounter, "held", TicketCommand.Resume, held.Code)));
        Assert.True(Enabled(Button(atBusyCounter, "held", TicketCommand.Cancel, held.Code)));
        // One console on screen at a time, as in a browser tab: each renders the popover provider its selects need.
        await Context.DisposeComponentsAsync();

        var atFreeCounter = Open(s.StaffA, s.QueueId, slot: "2");
        Assert.Equal("Counter 2", atFreeCounter.Find("[data-testid=console-counter-picker]").TextContent.Trim());
        Assert.Equal($"{s.Business.Name} · {s.QueueA.Name}", atFreeCounter.Find("[data-testid=console-queue-picker]").TextContent.Trim());
        Button(atFreeCounter, "held", TicketCommand.Resume, held.Code).Click();

        atFreeCounter.WaitForAssertion(() => Assert.Equal(held.Code, atFreeCounter.Find("[data-testid=my-ticket]").TextContent));
        var resumed = await _data.TicketAsync(held.Id);
        Assert.Equal((TicketStatus.Serving, 2), (resumed.Status, resumed.Slot));
        Assert.Empty(atFreeCounter.FindAll("[data-testid=held] tr"));
    }

    [Fact]
    public async Task RecallsAndMarksANoShowAtMyCounter()
    {
        var s = await SceneAsync();
        var called = await _data.TicketInStateAsync(s, TicketStatus.Called);
        var console = Open(s.StaffA, s.QueueId);

        // The dispatch completes when the handler has, so the command has committed by then.
        await console.Find("[data-testid=console]").KeyDownAsync(new KeyboardEventArgs { Key = "R" });

        await using (var db = await _db.Db.CreateDbContextAsync())
        {
            Assert.Equal([TicketCommand.Join, TicketCommand.CallSpecific, TicketCommand.Recall],
                await db.QueueEvents.Where(e => e.EntryId == called.Id).OrderBy(e => e.Id).Select(e => e.Command).ToListAsync());
        }
        var recalled = await _data.TicketAsync(called.Id);
        Assert.Equal((TicketStatus.Called, 1), (recalled.Status, recalled.Slot));

        console.WaitForAssertion(() => Assert.True(Enabled(Button(console, "my-counter", TicketCommand.NoShow))));
        Button(console, "my-counter", TicketCommand.NoShow).Click();

        console.WaitForAssertion(() => console.Find($"[data-testid=late] tr[data-ticket='{called.Code}']"));
        console.Find("[data-testid=my-counter-free]");
        Assert.Equal(TicketStatus.Late, (await _data.TicketAsync(called.Id)).Status);
    }

    [Fact]
    public async Task CountsDownTheGraceTimeOfALateTicket()
    {
        var s = await SceneAsync();
        var late = await _data.TicketInStateAsync(s, TicketStatus.Late);

        var console = Open(s.StaffA, s.QueueId);
        Assert.Contains("can rejoin for 10:00", console.Find($"[data-testid=late] tr[data-ticket='{late.Code}']").TextContent);
        _db.Clock.Advance(TimeSpan.FromSeconds(90));

        console.WaitForAssertion(() => Assert.Contains("can rejoin for 8:30", console.Find($"[data-testid=late] tr[data-ticket='{late.Code}']").TextContent));
    }

    [Fact]
    public async Task CallsTheHeadOfTheLineIntoMyCounterWithTheShortcut()
    {
        var s = await SceneAsync();
        var first = await _data.TicketInStateAsync(s, TicketStatus.Waiting);
        Assert.True((await Tickets.JoinAsync(s.OtherCustomer, s.QueueId)).IsSuccess);

        var console = Open(s.StaffA, s.QueueId, slot: "2");
        console.Find("[data-testid=console]").KeyDown(new KeyboardEventArgs { Key = "n" });

        console.WaitForAssertion(() => Assert.Equal(first.Code, console.Find("[data-testid=my-ticket]").TextContent));
        var called = await _data.TicketAsync(first.Id);
        Assert.Equal((TicketStatus.Called, 2), (called.Status, called.Slot));
        Assert.Equal(["Q-002"], console.FindAll("[data-testid=line] tr").Select(r => r.GetAttribute("data-ticket")));
    }

    [Fact]
    public async Task IgnoresASecondPressWhileTheFirstCommandRuns()
    {
        var s = await SceneAsync();
        await _data.TicketInStateAsync(s, TicketStatus.Waiting);
        Assert.True((await Tickets.JoinAsync(s.OtherCustomer, s.QueueId)).IsSuccess);
        var snackbars = Render<MudSnackbarProvider>();
        var console = Open(s.StaffA, s.QueueId);
        console.WaitForAssertion(() => Assert.True(Enabled(Button(console, "my-counter", TicketCommand.CallNext))));

        // The first command waits for the queue's lock, held here, so the second press comes while it certainly runs
        // (pressed one after the other, a busy machine let the first finish in between: the second was then refused).
        await using (var holder = await _db.Db.CreateDbContextAsync())
        await using (var locked = await holder.Database.BeginTransactionAsync())
        {
            await holder.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Queues\" WHERE \"Id\" = {s.QueueId} FOR UPDATE");
            console.Find("[data-testid=console]").KeyDown(new KeyboardEventArgs { Key = "n" });
            console.WaitForAssertion(() => Assert.False(Enabled(Button(console, "my-counter", TicketCommand.CallNext))));
            console.Find("[data-testid=console]").KeyDown(new KeyboardEventArgs { Key = "n" });
            await locked.RollbackAsync();
        }

        console.WaitForAssertion(() => Assert.Equal("Q-001", console.Find("[data-testid=my-ticket]").TextContent));
        await using var db = await _db.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.QueueEvents.CountAsync(e => e.QueueId == s.QueueId && e.Command == TicketCommand.CallNext));
        // Ignored, not refused: the second press never reached the service.
        Assert.DoesNotContain("busy", snackbars.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FollowsChangesMadeElsewhereLive()
    {
        var s = await SceneAsync();
        var console = Open(s.StaffA, s.QueueId);
        console.Find("[data-testid=line-empty]");

        var joined = await _data.TicketInStateAsync(s, TicketStatus.Waiting);

        console.WaitForAssertion(() => console.Find($"[data-testid=line] tr[data-ticket='{joined.Code}']"));
    }

    [Fact]
    public async Task HidesTheQueueOnceTheStaffMemberIsTakenOffIt()
    {
        var s = await SceneAsync();
        var waiting = await _data.TicketInStateAsync(s, TicketStatus.Waiting);
        var console = Open(s.StaffA, s.QueueId);
        console.Find($"[data-testid=line] tr[data-ticket='{waiting.Code}']");

        // Taking someone off a queue sends no hint: the timed re-read finds it.
        await using (var scope = _db.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IQueueAdmin>().RemoveStaffAsync(s.Owner, s.QueueId, s.StaffA.Id)).IsSuccess);
        }

        console.WaitForAssertion(() => Assert.Contains("You no longer operate this queue", console.Find("[data-testid=console-refused]").TextContent));
        Assert.Empty(console.FindAll("[data-testid=console]"));
        Assert.DoesNotContain(waiting.Code, console.Markup);
    }

    [Fact]
    public async Task ShowsTheServicesReasonWhenACommandIsRefused()
    {
        var s = await SceneAsync();
        var waiting = await _data.TicketInStateAsync(s, TicketStatus.Waiting);
        var snackbars = Render<MudSnackbarProvider>();
        var console = Open(s.StaffA, s.QueueId);
        // Paused on another server whose hint never arrived: the page still offers the call, the service refuses it.
        await using (var db = await _db.Db.CreateDbContextAsync())
        {
            await db.Queues.Where(q => q.Id == s.QueueId).ExecuteUpdateAsync(q => q.SetProperty(x => x.Status, QueueStatus.Paused));
        }

        Button(console, "my-counter", TicketCommand.CallNext).Click();

        snackbars.WaitForAssertion(() => Assert.Contains("The queue is paused; resume it to call tickets.", snackbars.Markup));
        Assert.Equal(TicketStatus.Waiting, (await _data.TicketAsync(waiting.Id)).Status);
        // The page re-reads after every command, and then offers no call while the queue is paused.
        console.WaitForAssertion(() => Assert.Equal("Paused", console.Find("[data-testid=queue-status]").TextContent.Trim()));
        Assert.False(Enabled(Button(console, "my-counter", TicketCommand.CallNext)));
    }

    [Fact]
    public async Task CancelsOnlyAfterConfirmation()
    {
        var s = await SceneAsync();
        var waiting = await _data.TicketInStateAsync(s, TicketStatus.Waiting);
        var dialogs = Render<MudDialogProvider>();
        var console = Open(s.StaffA, s.QueueId);

        await console.InvokeAsync(() => Button(console, "line", TicketCommand.Cancel, waiting.Code).Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"Cancel {waiting.Code}?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain($"Cancel {waiting.Code}?", dialogs.Markup));
        Assert.Equal(TicketStatus.Waiting, (await _data.TicketAsync(waiting.Id)).Status);

        console.WaitForAssertion(() => Assert.True(Enabled(Button(console, "line", TicketCommand.Cancel, waiting.Code))));
        await console.InvokeAsync(() => Button(console, "line", TicketCommand.Cancel, waiting.Code).Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel ticket").Click());

        console.WaitForAssertion(() => console.Find("[data-testid=line-empty]"));
        var cancelled = await _data.TicketAsync(waiting.Id);
        Assert.Equal((TicketStatus.Cancelled, s.StaffA.Id), (cancelled.Status, cancelled.CancelledBy));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RefusesAQueueTheStaffMemberDoesNotOperateAndShowsNothingOfIt(bool garbledLink)
    {
        var s = await SceneAsync();
        var theirs = await Tickets.JoinAsync(s.Customer, s.QueueB.Id);
        Assert.True(theirs.IsSuccess);

        var console = Open(s.StaffA, s.QueueB.Id, rawQueue: garbledLink ? "not-a-queue" : null);

        Assert.Contains("You do not operate this queue", console.Find("[data-testid=console-refused]").TextContent);
        Assert.Empty(console.FindAll("[data-testid=console]"));
        Assert.DoesNotContain(theirs.Value!.Code, console.Markup);
        Assert.DoesNotContain(s.QueueB.Name, console.Markup);
    }

    [Fact]
    public async Task SaysSoWhenThePersonOperatesNoQueue()
    {
        var s = await SceneAsync();

        var console = Open(s.Customer);

        console.Find("[data-testid=console-no-queues]");
        Assert.Empty(console.FindAll("[data-testid=console]"));
    }

    [Fact]
    public void TheMenuOffersTheConsoleToStaffAndOwnersOnly()
    {
        SignIn("customer@test.example", Roles.Customer);
        Assert.Empty(RenderLayout().FindAll("a[href='staff']"));

        Auth.SetPolicies(Policies.Staff);
        Assert.Equal("Console", RenderLayout().Find("a[href='staff']").TextContent.Trim());
    }
}
