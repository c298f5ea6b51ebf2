using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Time;

/// <summary>
/// The time-based transitions outside the commands: the sweep the Quartz job runs, and the lazy catch-up every
/// read does. No scheduler runs here, so whatever a read shows, the read applied itself.
/// </summary>
public sealed class DueTransitionSweep(DatabaseFixture fixture) : TicketTest(fixture)
{
    private DueTransitionService Due => Fixture.Services.GetRequiredService<DueTransitionService>();

    [Fact]
    public async Task RejoinWorksOneTickBeforeExpiresAtAndAtExpiresAtTheTicketIsMissed()
    {
        var s = await SceneAsync(graceSeconds: 300);
        var inTime = await TicketInStateAsync(s, TicketStatus.Late);
        var tooLate = await TicketInStateAsync(s, TicketStatus.Late, s.OtherCustomer);

        Clock.Now = inTime.ExpiresAt!.Value.AddTicks(-1);
        Assert.Equal(0, await Due.SweepAsync());
        Assert.Equal(TicketStatus.Waiting, Ok(await Tickets.RejoinAsync(s.Customer, inTime.Id)).Status);

        Clock.Now = tooLate.ExpiresAt!.Value;
        Assert.Equal(TicketStatus.Missed, Ok(await Queries.GetTicketAsync(s.OtherCustomer, tooLate.Id)).Ticket.Status);
        // The sweep or the command's own catch-up made it MISSED: the holder is told why they cannot rejoin.
        Assert.Contains("grace time", Refused(await Tickets.RejoinAsync(s.OtherCustomer, tooLate.Id), ErrorKind.GraceExpired).Message);
        var expiry = (await EventsAsync(tooLate.Id)).Single(e => e.Command == TicketCommand.Expire);
        Assert.Equal((Actor.SystemId, tooLate.ExpiresAt.Value), (expiry.ActorId, expiry.At));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ACalledTicketTurnsLateExactlyWhenItsCallTimeoutHasPassed()
    {
        var s = await SceneAsync(callTimeoutSeconds: 120, graceSeconds: 300);
        var called = await TicketInStateAsync(s, TicketStatus.Called);
        var timeoutAt = called.CalledAt!.Value.AddSeconds(120);

        Clock.Now = timeoutAt.AddTicks(-1);
        Assert.Equal(0, await Due.SweepAsync());
        var inCore = await TicketAsync(called.Id);
        Assert.Equal(TicketStatus.Called, inCore.Status);

        Clock.Now = timeoutAt;
        Assert.Equal(1, await Due.SweepAsync());
        var late = await TicketAsync(called.Id);
        Assert.Equal((TicketStatus.Late, (int?)null), (late.Status, late.Slot));
        Assert.Equal((timeoutAt, timeoutAt.AddSeconds(300)), (late.LateAt!.Value, late.ExpiresAt!.Value));
        // The sweep's SQL and Core's MarkLate are one formula: the same ticket moved in Core lands on the same times.
        Assert.True(inCore.MarkLate(TicketCommand.CallTimeout, TimeSpan.FromSeconds(300), inCore.TimesOutAt(TimeSpan.FromSeconds(120))!.Value).IsSuccess);
        Assert.Equal((inCore.Status, inCore.LateAt, inCore.ExpiresAt), (late.Status, late.LateAt, late.ExpiresAt));
        var timeout = (await EventsAsync(called.Id)).Single(e => e.Command == TicketCommand.CallTimeout);
        Assert.Equal((Actor.SystemId, timeoutAt), (timeout.ActorId, timeout.At));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ASecondSweepChangesNothing()
    {
        var s = await SceneAsync(callTimeoutSeconds: 60, graceSeconds: 60);
        var called = await TicketInStateAsync(s, TicketStatus.Called);
        var late = await TicketInStateAsync(s, TicketStatus.Late, s.OtherCustomer);
        var elsewhere = await UserAsync("elsewhere");
        var inQueueB = Ok(await Tickets.JoinAsync(elsewhere, s.QueueB.Id));
        Ok(await Tickets.CallSpecificAsync(s.Owner, inQueueB.Id));
        Clock.Advance(TimeSpan.FromHours(1));

        // The called tickets time out and expire (two events each), the late one expires (one event).
        Assert.Equal(3, await Due.SweepAsync());
        var events = await EventCountAsync();
        Assert.Equal(0, await Due.SweepAsync());
        Assert.Equal(events, await EventCountAsync());
        Assert.Equal(TicketStatus.Missed, (await TicketAsync(called.Id)).Status);
        Assert.Equal(TicketStatus.Missed, (await TicketAsync(late.Id)).Status);
        Assert.Equal(TicketStatus.Missed, (await TicketAsync(inQueueB.Id)).Status);
        Assert.Equal(
            [TicketCommand.Join, TicketCommand.CallSpecific, TicketCommand.CallTimeout, TicketCommand.Expire],
            (await EventsAsync(called.Id)).Select(e => e.Command));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TheSweepLetsAutoCallFillTheCounterItFreed()
    {
        var s = await SceneAsync(slots: 1, autoCall: true, callTimeoutSeconds: 60);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(1, await Due.SweepAsync());

        Assert.Equal(TicketStatus.Late, (await TicketAsync(first.Id)).Status);
        var next = await TicketAsync(second.Id);
        Assert.Equal((TicketStatus.Called, (int?)1, Clock.Now), (next.Status, next.Slot, next.CalledAt!.Value));
        var autoCall = (await EventsAsync(second.Id)).Last();
        Assert.Equal((TicketCommand.CallNext, Actor.SystemId, "AutoCall"), (autoCall.Command, autoCall.ActorId, autoCall.Reason));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task EveryReadShowsDueTransitionsAsAppliedWithoutAnyScheduler()
    {
        var s = await SceneAsync(slots: 1, autoCall: true, callTimeoutSeconds: 60, graceSeconds: 60);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(61));

        var board = Ok(await Queries.GetBoardAsync(s.QueueId));
        Assert.Equal([second.Code], board.AtCounters.Select(c => c.Code));
        Assert.Equal(0, board.WaitingCount);
        Assert.Empty(Ok(await Queries.GetLineAsync(s.StaffA, s.QueueId)));
        Assert.Equal(TicketStatus.Late, Ok(await Queries.GetMyTicketAsync(s.Customer, s.QueueId)).Ticket.Status);

        Clock.Advance(TimeSpan.FromSeconds(120));
        var page = Ok(await Queries.GetTicketsAsync(s.Owner, s.QueueId, TicketStatus.Missed, 1, 10));
        Assert.Equal([first.Id, second.Id], page.Items.Select(t => t.Id));
        Clock.Advance(TimeSpan.FromSeconds(60));
        var history = Ok(await Queries.GetHistoryAsync(s.Customer, first.Id));
        Assert.Equal(TicketCommand.Expire, history[^1].Command);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task AReadWithNothingDueWritesNothing()
    {
        var s = await SceneAsync();
        var ticket = await TicketInStateAsync(s, TicketStatus.Called);
        var events = await EventCountAsync();

        Ok(await Queries.GetTicketAsync(s.Customer, ticket.Id));
        Ok(await Queries.GetBoardAsync(s.QueueId));

        Assert.Equal(events, await EventCountAsync());
        Assert.Equal(TicketStatus.Called, (await TicketAsync(ticket.Id)).Status);
    }

    [Fact]
    public async Task AClockThatGoesBackwardsMakesNoInvalidTransition()
    {
        var s = await SceneAsync(callTimeoutSeconds: 60, graceSeconds: 60);
        var called = await TicketInStateAsync(s, TicketStatus.Called);
        var late = await TicketInStateAsync(s, TicketStatus.Late, s.OtherCustomer);
        var events = await EventCountAsync();

        Clock.Advance(TimeSpan.FromHours(-3));
        Assert.Equal(0, await Due.SweepAsync());
        Assert.Equal(TicketStatus.Called, Ok(await Queries.GetTicketAsync(s.Customer, called.Id)).Ticket.Status);
        Assert.Equal(events, await EventCountAsync());
        // A no-show read against the earlier clock still never dates the grace window before the call.
        var noShow = Ok(await Tickets.NoShowAsync(s.StaffA, called.Id));
        Assert.Equal(noShow.CalledAt, noShow.LateAt);

        Clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(2, await Due.SweepAsync());
        Assert.Equal(TicketStatus.Missed, (await TicketAsync(late.Id)).Status);
        await AssertInvariantsHoldAsync();
    }

    /// <summary>
    /// More queues than one batch holds, every one with overdue tickets: all move, each audited once. How fast is
    /// the benchmark's question (bench/, the expiry sweep), not a test's.
    /// </summary>
    [Fact]
    public async Task SweepsQueuesBeyondOneBatchAndAuditsEveryTicketOnce()
    {
        var owner = await UserAsync("owner");
        var business = await BusinessAsync(owner);
        var queues = new List<Guid>();
        for (var i = 0; i < DueTransitionService.QueueBatchSize + 50; i++)
        {
            queues.Add((await QueueAsync(business, maxSize: 10)).Id);
        }
        var users = await UsersAsync(8);
        await using (var connection = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO "QueueEntries" ("Id", "QueueId", "UserId", "TicketNumber", "Status", "PriorityBoost",
                                            "JoinedAt", "CalledAt", "LateAt", "ExpiresAt")
                SELECT gen_random_uuid(), q.id, u.id, u.n, 'LATE', 0,
                       @now - interval '2 hours', @now - interval '2 hours', @now - interval '1 hour', @now - interval '1 minute'
                FROM unnest(@queues) AS q(id)
                CROSS JOIN unnest(@users) WITH ORDINALITY AS u(id, n);
                """, connection);
            insert.Parameters.AddWithValue("queues", queues.ToArray());
            insert.Parameters.AddWithValue("users", users.Select(u => u.Id).ToArray());
            insert.Parameters.AddWithValue("now", Clock.Now);
            await insert.ExecuteNonQueryAsync();
        }
        var expected = queues.Count * users.Count;

        var moved = await Due.SweepAsync();

        Assert.Equal(expected, moved);
        await using var db = await DbAsync();
        Assert.Equal(expected, await db.QueueEvents.CountAsync(e => e.Command == TicketCommand.Expire && e.ActorId == Actor.SystemId));
        Assert.False(await db.QueueEntries.AnyAsync(e => e.Status == TicketStatus.Late));
        Assert.Equal(0, await Due.SweepAsync());
    }

    private async Task<int> EventCountAsync()
    {
        await using var db = await DbAsync();
        return await db.QueueEvents.CountAsync();
    }
}
