using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>Many commands at once on one queue: the invariants hold and the counts are exact.</summary>
public sealed class Concurrency(DatabaseFixture fixture) : TicketTest(fixture)
{
    /// <summary>Starts every call at once, not as the loop reaches it.</summary>
    private static async Task<Result<T>[]> AllAtOnceAsync<T>(int count, Func<int, Task<Result<T>>> command)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await command(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task ThreeHundredJoinsIntoMaxSizeTwoHundredAdmitExactlyTwoHundred()
    {
        var s = await SceneAsync(maxSize: 200);
        var users = await UsersAsync(300);
        var results = await AllAtOnceAsync(300, i => Tickets.JoinAsync(users[i], s.QueueId));

        Assert.Equal(200, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorKind.QueueFull, r.Error!.Kind));
        Assert.Equal(Enumerable.Range(1, 200), results.Where(r => r.IsSuccess).Select(r => r.Value!.Number).Order());
        await using var db = await DbAsync();
        Assert.Equal(200, await db.QueueEntries.CountAsync(e => e.QueueId == s.QueueId));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task AJoinTheDatabaseFailsAmongManyAtOnceFailsAlone()
    {
        var s = await SceneAsync();
        var users = await UsersAsync(40);
        // A signed-in session whose account is gone: its ticket would break the foreign key to the account.
        var gone = new Core.Auth.Actor("no-such-account");

        var results = await AllAtOnceAsync(41, i => Tickets.JoinAsync(i == 20 ? gone : users[i < 20 ? i : i - 1], s.QueueId));

        Assert.Equal(ErrorKind.Conflict, results[20].Error?.Kind);
        var joined = results.Where((_, i) => i != 20).ToList();
        Assert.All(joined, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(Enumerable.Range(1, 40), joined.Select(r => r.Value!.Number).Order());
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task FiftyCallNextOnThreeFreeSlotsCallExactlyThree()
    {
        var s = await SceneAsync(slots: 3);
        var users = await UsersAsync(10);
        foreach (var user in users)
        {
            Ok(await Tickets.JoinAsync(user, s.QueueId));
        }
        var results = await AllAtOnceAsync(50, i => Tickets.CallNextAsync(i % 2 == 0 ? s.StaffA : s.Owner, s.QueueId));

        var called = results.Where(r => r.IsSuccess).Select(r => r.Value!).ToList();
        Assert.Equal(3, called.Count);
        Assert.Equal([1, 2, 3], called.Select(t => t.Slot!.Value).Order());
        Assert.Equal([1, 2, 3], called.Select(t => t.Number).Order());
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorKind.NoFreeSlot, r.Error!.Kind));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TheSameUserJoiningTwentyTimesAtOnceGetsOneTicket()
    {
        var s = await SceneAsync();
        var results = await AllAtOnceAsync(20, _ => Tickets.JoinAsync(s.Customer, s.QueueId));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorKind.AlreadyInQueue, r.Error!.Kind));
        await using var db = await DbAsync();
        Assert.Equal(1, await db.QueueEntries.CountAsync(e => e.UserId == s.Customer.Id));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task CancelCompleteAndHoldRacingOnOneTicketLetExactlyOneLeaveServing()
    {
        var s = await SceneAsync();
        for (var round = 0; round < 10; round++)
        {
            var user = await UserAsync();
            var ticket = await TicketInStateAsync(s, TicketStatus.Serving, user);
            var results = await AllAtOnceAsync(3, i => i switch
            {
                0 => Tickets.CancelAsync(user, ticket.Id),
                1 => Tickets.CompleteAsync(s.StaffA, ticket.Id),
                _ => Tickets.HoldAsync(s.Owner, ticket.Id),
            });
            // Whoever commits first moves the ticket out of SERVING; the others see the new state. A cancel
            // after a hold is a legal second step (HELD → CANCELLED), so the history must be one serial chain.
            var events = (await EventsAsync(ticket.Id)).Skip(3).ToList();
            Assert.Single(events, e => e.FromStatus == TicketStatus.Serving);
            Assert.Equal(results.Count(r => r.IsSuccess), events.Count);
            Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorKind.InvalidTransition, r.Error!.Kind));
            Assert.Equal(events[^1].ToStatus, (await TicketAsync(ticket.Id)).Status);
            if (events[^1].ToStatus == TicketStatus.Held)
            {
                Ok(await Tickets.CancelAsync(s.StaffA, ticket.Id));
            }
        }
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task CompleteAndCancelRacingFromServingLetExactlyOneWin()
    {
        var s = await SceneAsync();
        for (var round = 0; round < 10; round++)
        {
            var user = await UserAsync();
            var ticket = await TicketInStateAsync(s, TicketStatus.Serving, user);
            var results = await AllAtOnceAsync(2, i => i == 0 ? Tickets.CancelAsync(user, ticket.Id) : Tickets.CompleteAsync(s.StaffA, ticket.Id));
            var winner = Assert.Single(results, r => r.IsSuccess);
            Assert.Equal(winner.Value!.Status, (await TicketAsync(ticket.Id)).Status);
        }
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ARepeatedRequestIdHasOneEffectAndReturnsTheFirstResult()
    {
        var s = await SceneAsync(slots: 3);
        var users = await UsersAsync(5);
        foreach (var user in users)
        {
            Ok(await Tickets.JoinAsync(user, s.QueueId));
        }
        var results = await AllAtOnceAsync(10, _ => Tickets.CallNextAsync(s.StaffA, s.QueueId, key: "double-click-1"));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        var again = Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId, key: "double-click-1"));
        Assert.Equal(results[0].Value, again);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.QueueEntries.CountAsync(e => e.QueueId == s.QueueId && e.Status == TicketStatus.Called));
        Assert.NotEqual(again.Id, Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId, key: "click-2")).Id);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ARepeatedJoinRequestReturnsTheSameTicket()
    {
        var s = await SceneAsync();
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId, key: "join-1"));
        var second = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId, key: "join-1"));
        Assert.Equal(first, second);
        Refused(await Tickets.CancelAsync(s.Customer, first.Id, key: "join-1"), ErrorKind.KeyReused);
        Refused(await Tickets.JoinAsync(s.Customer, s.QueueId, key: new string('x', 101)), ErrorKind.Validation);
    }

    [Fact]
    public async Task MixedTrafficOnAnAutoCallQueueKeepsEveryInvariant()
    {
        var s = await SceneAsync(slots: 2, autoCall: true, maxSize: 40);
        var users = await UsersAsync(60);
        var joins = await AllAtOnceAsync(60, i => Tickets.JoinAsync(users[i], s.QueueId));
        Assert.Equal(40, joins.Count(r => r.IsSuccess));
        var tickets = joins.Where(r => r.IsSuccess).Select(r => r.Value!).ToList();
        await AllAtOnceAsync(tickets.Count * 2, i =>
        {
            var t = tickets[i % tickets.Count];
            return (i / tickets.Count) switch
            {
                0 => Tickets.StartServiceAsync(s.StaffA, t.Id),
                _ => i % 3 == 0 ? Tickets.CancelAsync(t.UserId == s.Customer.Id ? s.Customer : new(t.UserId), t.Id) : Tickets.CompleteAsync(s.Owner, t.Id),
            };
        });
        await AssertInvariantsHoldAsync();
        await using var db = await DbAsync();
        Assert.True(await db.QueueEntries.CountAsync(e => e.QueueId == s.QueueId && (e.Status == TicketStatus.Called || e.Status == TicketStatus.Serving)) <= 2);
    }
}
