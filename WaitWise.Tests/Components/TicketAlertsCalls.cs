using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Components.Pages.Customer;

namespace WaitWise.Tests.Components;

/// <summary>The being-called alerts while the browser is slow to answer: every call alerted once, and the page lives on.</summary>
public sealed class TicketAlertsCalls : ComponentTest, IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Joined = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public TicketAlertsCalls(DatabaseFixture db)
    {
        Context.Services.AddSingleton(db.Services.GetRequiredService<IPushSubscriptions>());
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static MyTicket Ticket(int number, TicketStatus status) => new(
        new TicketPosition(
            new TicketView(Guid.CreateVersion7(), Guid.Empty, "customer", number, $"A-{number:000}", status, 0,
                status == TicketStatus.Called ? number : null, Joined, status == TicketStatus.Called ? Joined.AddMinutes(5) : null,
                null, null, null, null, null, null),
            status == TicketStatus.Waiting ? number : null, null),
        Guid.Empty, "Bakery", "Front desk", "UTC");

    [Fact]
    public async Task ACallArrivingWhileTheLastOneIsStillBeingAlertedIsAlertedOnceItself()
    {
        var script = Context.JSInterop.SetupModule(AlertsScript.ModulePath);
        script.Mode = JSRuntimeMode.Loose;
        var alerting = script.SetupVoid("called", _ => true);
        var first = Ticket(1, TicketStatus.Waiting);
        var second = Ticket(2, TicketStatus.Waiting);
        var page = Render<TicketAlerts>(p => p.Add(x => x.Tickets, [first, second]));

        var firstCalled = first with { Ticket = first.Ticket with { Ticket = first.Ticket.Ticket with { Status = TicketStatus.Called, Slot = 1, CalledAt = Joined.AddMinutes(5) } } };
        page.Render(p => p.Add(x => x.Tickets, [firstCalled, second]));
        page.WaitForAssertion(() => Assert.Single(alerting.Invocations));
        // The browser has not answered the first alert yet when the second ticket is called.
        var secondCalled = second with { Ticket = second.Ticket with { Ticket = second.Ticket.Ticket with { Status = TicketStatus.Called, Slot = 2, CalledAt = Joined.AddMinutes(6) } } };
        page.Render(p => p.Add(x => x.Tickets, [firstCalled, secondCalled]));
        alerting.SetVoidResult();

        page.WaitForAssertion(() => Assert.Equal(2, alerting.Invocations.Count));
        Assert.Equal(["A-001 at Front desk: go to counter 1.", "A-002 at Front desk: go to counter 2."],
            alerting.Invocations.Select(i => (string)i.Arguments[1]!));
        var crash = Context.Renderer.UnhandledException;
        Assert.False(crash.IsCompleted, crash.IsCompleted ? (await crash).ToString() : null);
        Assert.Contains("counter 2", page.Find("[data-testid=announce-call]").TextContent);
    }

    [Fact]
    public async Task ABrowserThatThrowsOnTheNotificationStillShowsTheCall()
    {
        var script = Context.JSInterop.SetupModule(AlertsScript.ModulePath);
        script.Mode = JSRuntimeMode.Loose;
        var alerting = script.SetupVoid("called", _ => true);
        alerting.SetException(new JSException("Failed to construct 'Notification': Illegal constructor."));
        var ticket = Ticket(1, TicketStatus.Waiting);
        var page = Render<TicketAlerts>(p => p.Add(x => x.Tickets, [ticket]));

        page.Render(p => p.Add(x => x.Tickets, [ticket with { Ticket = ticket.Ticket with { Ticket = ticket.Ticket.Ticket with { Status = TicketStatus.Called, Slot = 3, CalledAt = Joined.AddMinutes(5) } } }]));

        page.WaitForAssertion(() => Assert.Single(alerting.Invocations));
        var crash = Context.Renderer.UnhandledException;
        Assert.False(crash.IsCompleted, crash.IsCompleted ? (await crash).ToString() : null);
        Assert.Contains("Go to counter 3", page.Find("[data-testid=announce-call]").TextContent);
    }
}
