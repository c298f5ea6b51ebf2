using WaitWise.Core.Common;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Queues;

/// <summary>A console's word that its person is at a counter: checked like a command, and what the estimates count.</summary>
public sealed class CounterPresences(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task OnlyThoseWhoRunTheQueueSayTheyAreAtOneOfItsCounters()
    {
        var s = await SceneAsync(slots: 2);
        Assert.Equal(ErrorKind.Forbidden, (await Presences.SeenAsync(s.Customer, s.QueueId, 1)).Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Presences.SeenAsync(s.OtherOwner, s.QueueId, 1)).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Presences.SeenAsync(s.StaffA, Guid.NewGuid(), 1)).Error?.Kind);
        var outside = await Presences.SeenAsync(s.StaffA, s.QueueId, 3);
        Assert.Equal((ErrorKind.Validation, "This queue has counters 1 to 2."), (outside.Error?.Kind, outside.Error?.Message));
        Assert.Equal(ErrorKind.Validation, (await Presences.SeenAsync(s.StaffA, s.QueueId, 0)).Error?.Kind);
        Assert.True(Ok(await Presences.SeenAsync(s.StaffA, s.QueueId, 2)));
    }

    [Fact]
    public async Task EachCounterAtWorkCountsOnceAndLeavingTakesItBack()
    {
        var s = await SceneAsync(slots: 2);
        var users = await UsersAsync(3);
        var tickets = new List<Core.Tickets.TicketView>();
        foreach (var user in users)
        {
            tickets.Add(Ok(await Tickets.JoinAsync(user, s.QueueId)));
        }
        Ok(await Presences.SeenAsync(s.StaffA, s.QueueId, 1));
        Ok(await Presences.SeenAsync(s.Owner, s.QueueId, 1));
        // One counter at work however many say so, and free: the third waits for two calls of 300 s.
        Assert.Equal(TimeSpan.FromSeconds(600), Ok(await Queries.GetTicketAsync(users[2], tickets[2].Id)).EstimatedWait);

        // The owner moves to counter 2: two counters, both free, one call ahead at two counters.
        Ok(await Presences.SeenAsync(s.Owner, s.QueueId, 2));
        Assert.Equal(TimeSpan.FromSeconds(150), Ok(await Queries.GetTicketAsync(users[2], tickets[2].Id)).EstimatedWait);

        await Presences.LeftAsync(s.StaffA, s.QueueId);
        await Presences.LeftAsync(s.Owner, s.QueueId);
        Assert.Null(Ok(await Queries.GetTicketAsync(users[2], tickets[2].Id)).EstimatedWait);
    }
}
