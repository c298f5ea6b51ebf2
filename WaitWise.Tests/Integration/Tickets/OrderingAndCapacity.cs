using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

public sealed class OrderingAndCapacity(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task EqualJoinTimesAreOrderedByTicketNumberNumerically()
    {
        var s = await SceneAsync();
        var users = await UsersAsync(12);
        var tickets = new List<TicketView>();
        foreach (var user in users)
        {
            tickets.Add(Ok(await Tickets.JoinAsync(user, s.QueueId)));
        }
        var line = Ok(await Queries.GetLineAsync(s.StaffA, s.QueueId));
        Assert.Equal(Enumerable.Range(1, 12), line.Select(t => t.Number));
        for (var i = 0; i < tickets.Count; i++)
        {
            Assert.Equal(i + 1, Ok(await Queries.GetTicketAsync(users[i], tickets[i].Id)).Position);
        }
    }

    [Fact]
    public async Task AClockThatStepsBackNeverLetsAHigherNumberJoinEarlier()
    {
        var s = await SceneAsync();
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Clock.Advance(TimeSpan.FromMinutes(-5));

        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));

        Assert.Equal(first.JoinedAt, second.JoinedAt);
        Assert.Equal([first.Id, second.Id], Ok(await Queries.GetLineAsync(s.StaffA, s.QueueId)).Select(t => t.Id));
        Assert.Equal(2, Ok(await Queries.GetTicketAsync(s.OtherCustomer, second.Id)).Position);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ARejoinedTicketGoesAheadOfThoseWithoutBoostButKeepsItsJoinTime()
    {
        var s = await SceneAsync();
        var late = await TicketInStateAsync(s, TicketStatus.Late);
        var others = await UsersAsync(3);
        foreach (var user in others)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            Ok(await Tickets.JoinAsync(user, s.QueueId));
        }
        var before = Ok(await Queries.GetLineAsync(s.StaffA, s.QueueId));
        Assert.DoesNotContain(before, t => t.Id == late.Id);
        Ok(await Tickets.RejoinAsync(s.Customer, late.Id));
        var line = Ok(await Queries.GetLineAsync(s.StaffA, s.QueueId));
        Assert.Equal(late.Id, line[0].Id);
        Assert.Equal(1, Ok(await Queries.GetTicketAsync(s.Customer, late.Id)).Position);
        Assert.Equal(late.Id, Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId)).Id);
    }

    [Fact]
    public async Task LateTicketsAreNotCountedInAnyonesPosition()
    {
        var s = await SceneAsync();
        await TicketInStateAsync(s, TicketStatus.Late);
        var next = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Assert.Equal(1, Ok(await Queries.GetTicketAsync(s.OtherCustomer, next.Id)).Position);
    }

    [Fact]
    public async Task APositionAndEstimateExistOnlyWhileWaiting()
    {
        var s = await SceneAsync(slots: 2);
        var users = await UsersAsync(5);
        var tickets = new List<TicketView>();
        foreach (var user in users)
        {
            tickets.Add(Ok(await Tickets.JoinAsync(user, s.QueueId)));
        }
        // Both counters open and free, the default service time 300 s: the first two are called at once, the fifth
        // waits for three calls at two counters.
        Ok(await Presences.SeenAsync(s.StaffA, s.QueueId, 1));
        Ok(await Presences.SeenAsync(s.Owner, s.QueueId, 2));
        Assert.Equal(TimeSpan.Zero, Ok(await Queries.GetTicketAsync(users[1], tickets[1].Id)).EstimatedWait);
        var fifth = Ok(await Queries.GetTicketAsync(users[4], tickets[4].Id));
        Assert.Equal(5, fifth.Position);
        Assert.Equal(TimeSpan.FromSeconds(450), fifth.EstimatedWait);
        var called = Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        var calledView = Ok(await Queries.GetTicketAsync(users[0], called.Id));
        Assert.Null(calledView.Position);
        Assert.Null(calledView.EstimatedWait);
    }

    [Fact]
    public async Task TheEstimateIsUnknownWhileNobodyServes()
    {
        var s = await SceneAsync();
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Assert.Null(Ok(await Queries.GetTicketAsync(s.Customer, ticket.Id)).EstimatedWait);

        // A console at counter 1 counts for two minutes after it last spoke.
        Ok(await Presences.SeenAsync(s.StaffA, s.QueueId, 1));
        Assert.Equal(TimeSpan.Zero, Ok(await Queries.GetTicketAsync(s.Customer, ticket.Id)).EstimatedWait);
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(Ok(await Queries.GetTicketAsync(s.Customer, ticket.Id)).EstimatedWait);

        Ok(await Presences.SeenAsync(s.StaffA, s.QueueId, 1));
        Ok(await Control.PauseAsync(s.Owner, s.QueueId));
        var view = Ok(await Queries.GetTicketAsync(s.Customer, ticket.Id));
        Assert.Equal(1, view.Position);
        Assert.Null(view.EstimatedWait);
    }

    /// <summary>
    /// Nobody waiting and a free counter at work is no wait; and the estimate the queue page offers before joining is
    /// the one the join answers, the ticket's own read and my tickets give, for the same ticket in the same place.
    /// </summary>
    [Fact]
    public async Task OneTicketInOnePlaceHasOneEstimateWhereverItIsRead()
    {
        var s = await SceneAsync(slots: 2);
        Ok(await Presences.SeenAsync(s.StaffA, s.QueueId, 1));
        var empty = Ok(await Queries.GetBoardAsync(s.QueueId));
        Assert.Equal((0, TimeSpan.Zero), (empty.WaitingCount, empty.EstimatedWait));

        var users = await UsersAsync(2);
        var first = Ok(await Tickets.JoinAndPlaceAsync(users[0], s.QueueId));
        Assert.Equal(TimeSpan.Zero, first.EstimatedWait);
        var offered = Ok(await Queries.GetBoardAsync(s.QueueId)).EstimatedWait;
        var second = Ok(await Tickets.JoinAndPlaceAsync(users[1], s.QueueId));
        var read = Ok(await Queries.GetTicketAsync(users[1], second.Ticket.Id));
        var mine = Ok(await Queries.GetMyTicketsAsync(users[1])).Open.Single().Ticket;

        Assert.Equal(TimeSpan.FromSeconds(300), offered);
        Assert.Equal([offered, offered, offered], new[] { second.EstimatedWait, read.EstimatedWait, mine.EstimatedWait });
        Assert.Equal((2, 2, 2), (second.Position, read.Position, mine.Position));
    }

    [Fact]
    public async Task TheEstimateFollowsTheTimeCountersRecentlyGaveEachCall()
    {
        var s = await SceneAsync(slots: 1);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Ok(await Tickets.StartServiceAsync(s.StaffA, first.Id));
        Clock.Advance(TimeSpan.FromSeconds(60));
        Ok(await Tickets.CompleteAsync(s.StaffA, first.Id));
        var users = await UsersAsync(2);
        Ok(await Tickets.JoinAsync(users[0], s.QueueId));
        var second = Ok(await Tickets.JoinAsync(users[1], s.QueueId));

        // Counter 1 called 90 s ago, so it is at work, and free: the first is called at once, the second waits for
        // one call of 90 s (call to complete; the service alone was 60 s).
        Assert.Equal(TimeSpan.FromSeconds(90), Ok(await Queries.GetTicketAsync(users[1], second.Id)).EstimatedWait);
        // Five minutes after its last call, with no console open, the counter no longer counts as serving.
        Clock.Advance(TimeSpan.FromMinutes(4.5));
        Assert.Null(Ok(await Queries.GetTicketAsync(users[1], second.Id)).EstimatedWait);
    }

    [Fact]
    public async Task JoinsStopAtMaxSizeAndAFinishedTicketMakesRoom()
    {
        var s = await SceneAsync(maxSize: 2);
        var users = await UsersAsync(3);
        var first = Ok(await Tickets.JoinAsync(users[0], s.QueueId));
        Assert.False(Ok(await Queries.GetBoardAsync(s.QueueId)).Full);
        Ok(await Tickets.JoinAsync(users[1], s.QueueId));
        Assert.True(Ok(await Queries.GetBoardAsync(s.QueueId)).Full);
        Refused(await Tickets.JoinAsync(users[2], s.QueueId), ErrorKind.QueueFull);
        Ok(await Tickets.CancelAsync(users[0], first.Id));
        Assert.False(Ok(await Queries.GetBoardAsync(s.QueueId)).Full);
        Assert.Equal(3, Ok(await Tickets.JoinAsync(users[2], s.QueueId)).Number);
    }

    [Theory]
    [InlineData(QueueStatus.Locked, false)]
    [InlineData(QueueStatus.Closed, false)]
    [InlineData(QueueStatus.Paused, true)]
    public async Task JoiningFollowsTheQueueState(QueueStatus state, bool joins)
    {
        var s = await SceneAsync();
        var change = state switch
        {
            QueueStatus.Locked => await Control.LockAsync(s.Owner, s.QueueId),
            QueueStatus.Closed => await Control.CloseAsync(s.Owner, s.QueueId),
            _ => await Control.PauseAsync(s.Owner, s.QueueId),
        };
        Assert.Equal(state, Ok(change));
        var result = await Tickets.JoinAsync(s.Customer, s.QueueId);
        if (joins)
        {
            Ok(result);
        }
        else
        {
            Refused(result, ErrorKind.QueueNotOpen);
        }
    }

    [Fact]
    public async Task PausingStopsCallingButNotServing()
    {
        var s = await SceneAsync();
        var called = await TicketInStateAsync(s, TicketStatus.Called);
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Ok(await Control.PauseAsync(s.Owner, s.QueueId));
        Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueId), ErrorKind.QueueNotOpen);
        Ok(await Tickets.StartServiceAsync(s.StaffA, called.Id));
        Ok(await Control.OpenAsync(s.Owner, s.QueueId));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
    }

    [Fact]
    public async Task PausedTimeIsReadFromTheQueuesStatusChanges()
    {
        var s = await SceneAsync();
        var start = Clock.Now;
        Clock.Advance(TimeSpan.FromMinutes(10));
        Ok(await Control.PauseAsync(s.Owner, s.QueueId));
        Clock.Advance(TimeSpan.FromMinutes(15));
        Ok(await Control.OpenAsync(s.Owner, s.QueueId));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Ok(await Control.PauseAsync(s.Owner, s.QueueId));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(17), Ok(await Queries.GetPausedTimeAsync(s.Owner, s.QueueId, start, Clock.Now)));
        Assert.Equal(TimeSpan.FromMinutes(5), Ok(await Queries.GetPausedTimeAsync(s.StaffA, s.QueueId, start.AddMinutes(20), start.AddMinutes(25))));
        Refused(await Control.PauseAsync(s.Owner, s.QueueId), ErrorKind.Conflict);
    }

    [Fact]
    public async Task HistoryListsEveryTransitionInOrder()
    {
        var s = await SceneAsync();
        var done = await TicketInStateAsync(s, TicketStatus.Completed);
        var history = Ok(await Queries.GetHistoryAsync(s.Customer, done.Id));
        Assert.Equal(
            [TicketCommand.Join, TicketCommand.CallSpecific, TicketCommand.StartService, TicketCommand.Complete],
            history.Select(h => h.Command));
        Assert.Equal(TicketStatus.Completed, history[^1].To);
    }

    [Fact]
    public async Task TheBoardShowsCodesAtCountersAndTheNextInLine()
    {
        var s = await SceneAsync(slots: 2);
        var users = await UsersAsync(4);
        foreach (var user in users)
        {
            Ok(await Tickets.JoinAsync(user, s.QueueId));
        }
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId, slot: 2));
        var board = Ok(await Queries.GetBoardAsync(s.QueueId, nextCount: 2));
        Assert.Equal([new BoardSlot(2, "Q-001", TicketStatus.Called, Clock.Now)], board.AtCounters);
        Assert.Equal(["Q-002", "Q-003"], board.NextCodes);
        Assert.Equal(3, board.WaitingCount);
    }
}
