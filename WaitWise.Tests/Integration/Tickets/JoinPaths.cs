using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>
/// A join runs as one call of the database function waitwise_join, or, when it needs more (something due, opening
/// hours, AutoCall, a request id), inside the general command path. Both must answer alike, and the one-call form
/// must hand over without changing anything.
/// </summary>
public sealed class JoinPaths(DatabaseFixture fixture) : TicketTest(fixture)
{
    public enum Setup { BusinessPending, QueueLocked, QueueClosed, AlreadyInQueue, QueueFull }

    [Theory]
    [InlineData(Setup.BusinessPending, ErrorKind.QueueNotOpen)]
    [InlineData(Setup.QueueLocked, ErrorKind.QueueNotOpen)]
    [InlineData(Setup.QueueClosed, ErrorKind.QueueNotOpen)]
    [InlineData(Setup.AlreadyInQueue, ErrorKind.AlreadyInQueue)]
    [InlineData(Setup.QueueFull, ErrorKind.QueueFull)]
    public async Task BothPathsRefuseAlikeAndChangeNothing(Setup setup, ErrorKind kind)
    {
        var s = await SceneAsync(maxSize: 1);
        var holder = await UserAsync();
        await using (var db = await DbAsync())
        {
            switch (setup)
            {
                case Setup.BusinessPending:
                    await db.Businesses.Where(b => b.Id == s.Business.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.Status, BusinessStatus.Pending));
                    break;
                case Setup.QueueLocked or Setup.QueueClosed:
                    var status = setup == Setup.QueueLocked ? QueueStatus.Locked : QueueStatus.Closed;
                    await db.Queues.Where(q => q.Id == s.QueueId).ExecuteUpdateAsync(q => q.SetProperty(x => x.Status, status));
                    break;
                default:
                    Ok(await Tickets.JoinAsync(setup == Setup.AlreadyInQueue ? s.Customer : holder, s.QueueId));
                    break;
            }
        }
        var before = await CountsAsync(s.QueueId);

        var fast = Refused(await Tickets.JoinAsync(s.Customer, s.QueueId), kind);
        var general = Refused(await Tickets.JoinAsync(s.Customer, s.QueueId, key: "join-1"), kind);

        Assert.Equal(fast.Message, general.Message);
        Assert.Equal(before, await CountsAsync(s.QueueId));
    }

    [Fact]
    public async Task BothPathsWriteTheSameTicketAndAudit()
    {
        var s = await SceneAsync();
        var fast = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var general = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId, key: "join-1"));

        Assert.Equal((1, "Q-001", TicketStatus.Waiting), (fast.Number, fast.Code, fast.Status));
        Assert.Equal((2, "Q-002", TicketStatus.Waiting), (general.Number, general.Code, general.Status));
        foreach (var view in new[] { fast, general })
        {
            var stored = TicketView.From(await TicketAsync(view.Id), "Q-");
            Assert.Equal(stored, view);
            var audit = Assert.Single(await EventsAsync(view.Id));
            Assert.Equal((null, TicketStatus.Waiting, TicketCommand.Join, view.UserId, view.JoinedAt),
                (audit.FromStatus, audit.ToStatus, audit.Command, audit.ActorId, audit.At));
        }
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task BothPathsPlaceTheNewTicketAsAReadOfItDoes()
    {
        var s = await SceneAsync(slots: 2);
        var served = await TicketInStateAsync(s, TicketStatus.Serving);
        Clock.Advance(TimeSpan.FromSeconds(90));
        Ok(await Tickets.CompleteAsync(s.StaffA, served.Id));
        var users = await UsersAsync(4);
        Ok(await Tickets.JoinAsync(users[0], s.QueueId));
        Ok(await Tickets.JoinAsync(users[1], s.QueueId));

        var fast = Ok(await Tickets.JoinAndPlaceAsync(users[2], s.QueueId));
        var general = Ok(await Tickets.JoinAndPlaceAsync(users[3], s.QueueId, key: "join-1"));

        Assert.Equal((3, TimeSpan.FromSeconds(180)), (fast.Position, fast.EstimatedWait));
        // Counter 1 served in the last minutes and is free; each call took it 90 s: two calls ahead, then three.
        Assert.Equal((4, TimeSpan.FromSeconds(270)), (general.Position, general.EstimatedWait));
        Assert.Equal(Ok(await Queries.GetTicketAsync(users[2], fast.Ticket.Id)), fast);
        Assert.Equal(Ok(await Queries.GetTicketAsync(users[3], general.Ticket.Id)), general);

        // Both keep on the ticket what its holder was shown, with the range, for the owner's accuracy figures.
        foreach (var (placed, seconds) in new[] { (fast, 180), (general, 270) })
        {
            var kept = await TicketAsync(placed.Ticket.Id);
            var (low, high) = WaitRange.Bounds(TimeSpan.FromSeconds(seconds));
            Assert.Equal((seconds, low, high), (kept.EstimatedWaitSeconds, kept.EstimatedLowMinutes, kept.EstimatedHighMinutes));
        }
    }

    [Fact]
    public async Task TheOneCallFormHandsOverWhenSomethingIsDue()
    {
        var s = await SceneAsync(callTimeoutSeconds: 60);
        var called = Ok(await Tickets.CallSpecificAsync(s.StaffA, Ok(await Tickets.JoinAsync(s.Customer, s.QueueId)).Id));
        Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal("slow", await OneCallAsync(s));

        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Assert.Equal(TicketStatus.Late, (await TicketAsync(called.Id)).Status);
    }

    [Fact]
    public async Task TheOneCallFormHandsOverForOpeningHoursUnlessOpenedByHand()
    {
        var s = await SceneAsync();
        await using (var db = await DbAsync())
        {
            db.OpeningHours.Add(new OpeningHours { QueueId = s.QueueId, Day = Clock.Now.DayOfWeek, Opens = new TimeOnly(0, 0), Closes = new TimeOnly(23, 59) });
            await db.SaveChangesAsync();
        }
        Assert.Equal("slow", await OneCallAsync(s));

        await using (var db = await DbAsync())
        {
            await db.Queues.Where(q => q.Id == s.QueueId).ExecuteUpdateAsync(q => q.SetProperty(x => x.OpenedByHandUntil, Clock.Now.AddHours(1)));
        }
        Assert.Equal("joined", await OneCallAsync(s));
    }

    [Fact]
    public async Task TheOneCallFormHandsOverOnlyWhenAutoCallHasAFreeCounter()
    {
        var s = await SceneAsync(slots: 1, autoCall: true);
        Assert.Equal("slow", await OneCallAsync(s));

        var first = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Assert.Equal(TicketStatus.Called, (await TicketAsync(first.Id)).Status);
        Assert.Equal("joined", await OneCallAsync(s));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task JoinsGatheredIntoOneCallAreTakenInOrderAsIfOneAfterAnother()
    {
        var s = await SceneAsync(maxSize: 3);
        var (a, b, c) = (await UserAsync(), await UserAsync(), await UserAsync());
        Ok(await Tickets.JoinAsync(a, s.QueueId));

        var outcomes = await OneCallAsync(s.QueueId, [b.Id, a.Id, b.Id, c.Id, s.Customer.Id]);

        Assert.Equal(
            [("joined", 2), ("already_in_queue", null), ("already_in_queue", null), ("joined", 3), ("full", null)],
            outcomes.Select(o => (o.Outcome, o.Number)));
        var stored = await CountsAsync(s.QueueId);
        Assert.Equal((3, 3, 3), (stored.Tickets, stored.Events, stored.LastNumber));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task OneCallThatMustHandOverHandsOverEveryJoinInIt()
    {
        var s = await SceneAsync(slots: 1, autoCall: true);
        var before = await CountsAsync(s.QueueId);

        var outcomes = await OneCallAsync(s.QueueId, [s.Customer.Id, s.OtherCustomer.Id]);

        Assert.Equal(["slow", "slow"], outcomes.Select(o => o.Outcome));
        Assert.Equal(before, await CountsAsync(s.QueueId));
    }

    /// <summary>The function called as the fast path calls it, for the scene's customer; "slow" must change nothing.</summary>
    private async Task<string> OneCallAsync(Scene s)
    {
        var before = await CountsAsync(s.QueueId);
        await using var db = await DbAsync();
        var outcome = (await OneCallAsync(s.QueueId, [s.Customer.Id])).Single().Outcome;
        if (outcome == "slow")
        {
            Assert.Equal(before, await CountsAsync(s.QueueId));
        }
        return outcome;
    }

    /// <summary>The function called as the fast path calls it for the joins gathered while an earlier call ran.</summary>
    private async Task<List<(string Outcome, int? Number)>> OneCallAsync(Guid queueId, string[] users)
    {
        await using var db = await DbAsync();
        var entries = users.Select(_ => Guid.CreateVersion7()).ToArray();
        var nows = users.Select(_ => Clock.Now).ToArray();
        var rows = await db.Database.SqlQuery<OutcomeRow>(
                $"SELECT \"Outcome\", \"TicketNumber\" FROM waitwise_join({queueId}, {users}, {entries}, {nows}, true, false)")
            .ToListAsync();
        return rows.Select(r => (r.Outcome, r.TicketNumber)).ToList();
    }

    private sealed record OutcomeRow(string Outcome, int? TicketNumber);

    private async Task<(int Tickets, int Events, int LastNumber, string Statuses)> CountsAsync(Guid queueId)
    {
        await using var db = await DbAsync();
        var statuses = await db.QueueEntries.Where(e => e.QueueId == queueId).OrderBy(e => e.TicketNumber).Select(e => e.Status).ToListAsync();
        return (statuses.Count,
            await db.QueueEvents.CountAsync(e => e.QueueId == queueId),
            await db.Queues.Where(q => q.Id == queueId).Select(q => q.LastTicketNumber).SingleAsync(),
            string.Join(",", statuses));
    }
}
