using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>"My tickets": every open ticket of the signed-in person across queues, with positions, and their history.</summary>
public sealed class MyTicketsAcrossQueues(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task ListsOpenTicketsInEveryQueueWithPositionsAndNames()
    {
        var s = await SceneAsync();
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueA.Id));
        var inA = Ok(await Tickets.JoinAsync(s.Customer, s.QueueA.Id));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var inB = Ok(await Tickets.JoinAsync(s.Customer, s.QueueB.Id));

        Ok(await Presences.SeenAsync(s.StaffA, s.QueueA.Id, 1));

        var mine = Ok(await Queries.GetMyTicketsAsync(s.Customer));

        Assert.Equal([inB.Id, inA.Id], mine.Open.Select(t => t.Ticket.Ticket.Id));
        var a = mine.Open.Single(t => t.Ticket.Ticket.Id == inA.Id);
        Assert.Equal(2, a.Ticket.Position);
        // Counter 1 of A at work and free: one call ahead. Nobody works at B's counters: no estimate there.
        Assert.Equal(TimeSpan.FromSeconds(300), a.Ticket.EstimatedWait);
        Assert.Null(mine.Open.Single(t => t.Ticket.Ticket.Id == inB.Id).Ticket.EstimatedWait);
        Assert.Equal(s.QueueA.Name, a.QueueName);
        Assert.Equal(s.Business.Name, a.BusinessName);
        Assert.Equal(s.Business.Id, a.BusinessId);
        Assert.Equal(1, mine.Open.Single(t => t.Ticket.Ticket.Id == inB.Id).Ticket.Position);
        Assert.Empty(mine.Past);
    }

    [Fact]
    public async Task ShowsNobodyElsesTickets()
    {
        var s = await SceneAsync();
        await TicketInStateAsync(s, TicketStatus.Cancelled, s.OtherCustomer);
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueA.Id));

        var mine = Ok(await Queries.GetMyTicketsAsync(s.Customer));

        Assert.Empty(mine.Open);
        Assert.Empty(mine.Past);
    }

    [Fact]
    public async Task KeepsCalledAndLateTicketsOpenWithTheirCounterAndExpiry()
    {
        var s = await SceneAsync();
        var late = await TicketInStateAsync(s, TicketStatus.Late);
        var other = Ok(await Tickets.JoinAsync(s.Customer, s.QueueB.Id));
        var inB = Ok(await Tickets.CallSpecificAsync(s.StaffB, other.Id));

        var mine = Ok(await Queries.GetMyTicketsAsync(s.Customer));

        var lateView = mine.Open.Single(t => t.Ticket.Ticket.Id == late.Id).Ticket;
        Assert.Equal(TicketStatus.Late, lateView.Ticket.Status);
        Assert.Equal(late.ExpiresAt, lateView.Ticket.ExpiresAt);
        Assert.Null(lateView.Position);
        var calledView = mine.Open.Single(t => t.Ticket.Ticket.Id == inB.Id).Ticket;
        Assert.Equal(TicketStatus.Called, calledView.Ticket.Status);
        Assert.Equal(inB.Slot, calledView.Ticket.Slot);
    }

    [Fact]
    public async Task ListsFinishedTicketsNewestFirstUpToTheCountAsked()
    {
        var s = await SceneAsync();
        var completed = await TicketInStateAsync(s, TicketStatus.Completed);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var cancelled = await TicketInStateAsync(s, TicketStatus.Cancelled);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var missed = await TicketInStateAsync(s, TicketStatus.Missed);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var open = await TicketInStateAsync(s, TicketStatus.Waiting);

        var mine = Ok(await Queries.GetMyTicketsAsync(s.Customer, pastCount: 2));

        Assert.Equal([open.Id], mine.Open.Select(t => t.Ticket.Ticket.Id));
        Assert.Equal([missed.Id, cancelled.Id], mine.Past.Select(t => t.Ticket.Ticket.Id));
        Assert.All(mine.Past, t => Assert.Null(t.Ticket.Position));
        Assert.Contains(completed.Id, Ok(await Queries.GetMyTicketsAsync(s.Customer, pastCount: 3)).Past.Select(t => t.Ticket.Ticket.Id));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MyTickets.MaxPastCount + 1)]
    public async Task RefusesAPastCountOutOfBounds(int pastCount)
    {
        var customer = await UserAsync();
        var error = Refused(await Queries.GetMyTicketsAsync(customer, pastCount), ErrorKind.Validation);
        Assert.Contains("Past tickets", error.Message);
    }

    [Fact]
    public async Task IsEmptyForSomeoneWithoutTickets()
    {
        var mine = Ok(await Queries.GetMyTicketsAsync(new Actor(Guid.NewGuid().ToString())));
        Assert.Empty(mine.Open);
        Assert.Empty(mine.Past);
    }
}
