using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Health;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>Every state × command pair through the real service: allowed pairs move, the rest change nothing.</summary>
public sealed class EveryTransition(DatabaseFixture fixture) : TicketTest(fixture)
{
    private static readonly TicketCommand[] TicketCommands =
    [
        TicketCommand.CallSpecific, TicketCommand.StartService, TicketCommand.Complete, TicketCommand.Hold,
        TicketCommand.Resume, TicketCommand.NoShow, TicketCommand.Rejoin, TicketCommand.Expire,
        TicketCommand.Cancel, TicketCommand.Recall,
    ];

    public static TheoryData<TicketStatus, TicketCommand> Pairs()
    {
        var data = new TheoryData<TicketStatus, TicketCommand>();
        foreach (var state in Enum.GetValues<TicketStatus>())
        {
            foreach (var command in TicketCommands)
            {
                data.Add(state, command);
            }
        }
        return data;
    }

    private Task<Result<TicketView>> RunAsync(Scene s, TicketCommand command, Guid id) => command switch
    {
        TicketCommand.CallSpecific => Tickets.CallSpecificAsync(s.StaffA, id),
        TicketCommand.StartService => Tickets.StartServiceAsync(s.StaffA, id),
        TicketCommand.Complete => Tickets.CompleteAsync(s.StaffA, id),
        TicketCommand.Hold => Tickets.HoldAsync(s.StaffA, id),
        TicketCommand.Resume => Tickets.ResumeAsync(s.StaffA, id),
        TicketCommand.NoShow => Tickets.NoShowAsync(s.StaffA, id),
        TicketCommand.Rejoin => Tickets.RejoinAsync(s.Customer, id),
        TicketCommand.Expire => Tickets.ExpireAsync(Actor.System, id),
        TicketCommand.Cancel => Tickets.CancelAsync(s.Customer, id),
        TicketCommand.Recall => Tickets.RecallAsync(s.StaffA, id),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task MovesOrRefusesAsTheTableSays(TicketStatus state, TicketCommand command)
    {
        var s = await SceneAsync();
        var ticket = await TicketInStateAsync(s, state);
        if (state == TicketStatus.Late && command == TicketCommand.Expire)
        {
            Clock.Now = ticket.ExpiresAt!.Value;
        }
        var before = await TicketAsync(ticket.Id);
        var eventsBefore = (await EventsAsync(ticket.Id)).Count;

        var result = await RunAsync(s, command, ticket.Id);

        var expected = TicketTransitions.Decide(state, command);
        var after = await TicketAsync(ticket.Id);
        var events = await EventsAsync(ticket.Id);
        if (expected.IsSuccess)
        {
            Assert.True(result.IsSuccess, result.ToString());
            Assert.Equal(expected.Value, after.Status);
            Assert.Equal(expected.Value, result.Value!.Status);
            Assert.Equal(eventsBefore + 1, events.Count);
            Assert.Equal(state, events[^1].FromStatus);
            Assert.Equal(expected.Value, events[^1].ToStatus);
            Assert.Equal(command, events[^1].Command);
        }
        else
        {
            // A MISSED ticket is one whose grace time ran out, and its holder is told that when rejoining.
            Refused(result, (state, command) == (TicketStatus.Missed, TicketCommand.Rejoin) ? ErrorKind.GraceExpired : ErrorKind.InvalidTransition);
            Assert.Equivalent(before, after);
            Assert.Equal(eventsBefore, events.Count);
        }
        Assert.Empty(await Fixture.Services.GetRequiredService<InvariantChecker>().CheckAsync());
    }

    [Fact]
    public async Task JoinWritesWaitingWithTheNextNumberAndOneEvent()
    {
        var s = await SceneAsync();
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Assert.Equal((1, 2), (first.Number, second.Number));
        Assert.Equal("Q-001", first.Code);
        Assert.Equal(TicketStatus.Waiting, first.Status);
        Assert.Equal(Clock.Now, first.JoinedAt);
        var events = await EventsAsync(first.Id);
        Assert.Single(events);
        Assert.Null(events[0].FromStatus);
        Assert.Equal(s.Customer.Id, events[0].ActorId);
    }

    [Fact]
    public async Task JoinIsRefusedWhileTheUserHoldsAnOpenTicket()
    {
        var s = await SceneAsync();
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Refused(await Tickets.JoinAsync(s.Customer, s.QueueId), ErrorKind.AlreadyInQueue);
    }

    [Theory]
    [InlineData(TicketStatus.Completed)]
    [InlineData(TicketStatus.Cancelled)]
    [InlineData(TicketStatus.Missed)]
    public async Task AFinishedTicketLetsTheUserJoinAgainAtTheBack(TicketStatus finished)
    {
        var s = await SceneAsync();
        var old = await TicketInStateAsync(s, finished);
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        var again = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Assert.NotEqual(old.Id, again.Id);
        Assert.Equal(TicketStatus.Waiting, again.Status);
        Assert.Equal(2, Ok(await Queries.GetTicketAsync(s.Customer, again.Id)).Position);
        Assert.Equal(finished, (await TicketAsync(old.Id)).Status);
    }

    [Fact]
    public async Task CallNextCallsTheHeadIntoTheLowestFreeSlot()
    {
        var s = await SceneAsync();
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        var called = Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        Assert.Equal(first.Id, called.Id);
        Assert.Equal(TicketStatus.Called, called.Status);
        Assert.Equal(1, called.Slot);
        Assert.Equal(Clock.Now, called.CalledAt);
    }

    [Fact]
    public async Task CallNextRefusesWhenAllSlotsAreBusyOrNobodyWaits()
    {
        var s = await SceneAsync(slots: 1);
        Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueId), ErrorKind.Conflict);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueId), ErrorKind.NoFreeSlot);
    }

    [Fact]
    public async Task ARequestedSlotMustExistAndBeFree()
    {
        var s = await SceneAsync(slots: 2);
        var a = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var b = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Refused(await Tickets.CallSpecificAsync(s.StaffA, a.Id, slot: 3), ErrorKind.Validation);
        Assert.Equal(2, Ok(await Tickets.CallSpecificAsync(s.StaffA, b.Id, slot: 2)).Slot);
        Refused(await Tickets.CallSpecificAsync(s.StaffA, a.Id, slot: 2), ErrorKind.NoFreeSlot);
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(a.Id)).Status);
    }

    [Fact]
    public async Task ResumeNeedsAFreeSlotAndBypassesTheLine()
    {
        var s = await SceneAsync(slots: 1);
        var held = await TicketInStateAsync(s, TicketStatus.Held);
        var other = await UserAsync();
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Ok(await Tickets.JoinAsync(other, s.QueueId));
        var busy = Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        Refused(await Tickets.ResumeAsync(s.StaffA, held.Id), ErrorKind.NoFreeSlot);
        Ok(await Tickets.CancelAsync(s.StaffA, busy.Id));
        var resumed = Ok(await Tickets.ResumeAsync(s.StaffA, held.Id));
        Assert.Equal(TicketStatus.Serving, resumed.Status);
        Assert.Equal(1, resumed.Slot);
        Assert.Equal(Clock.Now, resumed.ServedAt);
    }

    [Fact]
    public async Task HoldWipesServedAtSoServiceTimeExcludesTheBreak()
    {
        var s = await SceneAsync();
        var serving = await TicketInStateAsync(s, TicketStatus.Serving);
        Clock.Advance(TimeSpan.FromMinutes(3));
        var held = Ok(await Tickets.HoldAsync(s.StaffA, serving.Id));
        Assert.Null(held.ServedAt);
        Assert.Null(held.Slot);
        Clock.Advance(TimeSpan.FromMinutes(20));
        Ok(await Tickets.ResumeAsync(s.StaffA, serving.Id));
        Clock.Advance(TimeSpan.FromMinutes(4));
        var done = Ok(await Tickets.CompleteAsync(s.StaffA, serving.Id));
        Assert.Equal(TimeSpan.FromMinutes(4), done.CompletedAt - done.ServedAt);
    }

    [Fact]
    public async Task NoShowOpensTheGraceWindowAndFreesTheSlot()
    {
        var s = await SceneAsync(graceSeconds: 300);
        var late = await TicketInStateAsync(s, TicketStatus.Late);
        Assert.Null(late.Slot);
        Assert.Equal(Clock.Now, late.LateAt);
        Assert.Equal(Clock.Now.AddSeconds(300), late.ExpiresAt);
    }

    [Fact]
    public async Task RejoinInsideGraceKeepsJoinedAtAndGetsTheBoost()
    {
        var s = await SceneAsync(graceSeconds: 300);
        var late = await TicketInStateAsync(s, TicketStatus.Late);
        Clock.Now = late.ExpiresAt!.Value.AddTicks(-10);
        var back = Ok(await Tickets.RejoinAsync(s.Customer, late.Id));
        Assert.Equal(TicketStatus.Waiting, back.Status);
        Assert.Equal(1, back.PriorityBoost);
        Assert.Equal(late.JoinedAt, back.JoinedAt);
        Assert.Null(back.ExpiresAt);
    }

    [Fact]
    public async Task RejoinAtExpiryIsRefusedAndTheTicketIsMissed()
    {
        var s = await SceneAsync(graceSeconds: 300);
        var late = await TicketInStateAsync(s, TicketStatus.Late);
        Clock.Now = late.ExpiresAt!.Value;
        var result = await Tickets.RejoinAsync(s.Customer, late.Id);
        Assert.False(result.IsSuccess);
        var after = await TicketAsync(late.Id);
        Assert.Equal(TicketStatus.Missed, after.Status);
        Assert.Equal(0, after.PriorityBoost);
    }

    [Fact]
    public async Task ExpireIsRefusedInsideTheGraceTime()
    {
        var s = await SceneAsync(graceSeconds: 300);
        var late = await TicketInStateAsync(s, TicketStatus.Late);
        Clock.Now = late.ExpiresAt!.Value.AddTicks(-1);
        Refused(await Tickets.ExpireAsync(Actor.System, late.Id), ErrorKind.Conflict);
        Assert.Equal(TicketStatus.Late, (await TicketAsync(late.Id)).Status);
    }

    [Fact]
    public async Task CancelRecordsWhoAndWhenAndFreesTheSlot()
    {
        var s = await SceneAsync();
        var serving = await TicketInStateAsync(s, TicketStatus.Serving);
        var cancelled = Ok(await Tickets.CancelAsync(s.StaffA, serving.Id));
        Assert.Equal(s.StaffA.Id, cancelled.CancelledBy);
        Assert.Equal(Clock.Now, cancelled.CancelledAt);
        Assert.Null(cancelled.Slot);
        Assert.Null(cancelled.ServedAt);
    }

    [Fact]
    public async Task RecallChangesNothingButWritesAnAnnouncement()
    {
        var s = await SceneAsync();
        var called = await TicketInStateAsync(s, TicketStatus.Called);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var recalled = Ok(await Tickets.RecallAsync(s.StaffA, called.Id));
        Assert.Equal(called with { }, recalled);
        var board = Ok(await Queries.GetBoardAsync(s.QueueId));
        Assert.Equal(Clock.Now, board.LastAnnouncementAt);
    }

    [Fact]
    public async Task UnknownTicketsAndQueuesAreNotFound()
    {
        var s = await SceneAsync();
        Refused(await Tickets.CompleteAsync(s.StaffA, Guid.NewGuid()), ErrorKind.NotFound);
        Refused(await Tickets.JoinAsync(s.Customer, Guid.NewGuid()), ErrorKind.NotFound);
        Refused(await Queries.GetTicketAsync(s.Customer, Guid.NewGuid()), ErrorKind.NotFound);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.QueueEntries.CountAsync());
    }
}
