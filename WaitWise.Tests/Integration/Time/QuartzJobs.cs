using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Api;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;
using WaitWise.Web.Time;

namespace WaitWise.Tests.Integration.Time;

/// <summary>
/// The real app with its real, clustered Quartz over PostgreSQL. Tickets are read straight from the tables here,
/// never through the queries (which would apply what is due themselves), so only the job can have moved them.
/// </summary>
public sealed class QuartzJobs : IAsyncLifetime
{
    private readonly AppHost _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    private ITicketService Tickets => _app.Services.GetRequiredService<ITicketService>();

    [Fact]
    public async Task TheSweepJobAppliesWhatIsDueAndASecondRunChangesNothing()
    {
        var ticket = await CalledTicketAsync();
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var (runs, scheduler) = await JobRuns.WatchAsync(_app, DueTransitionsJob.Key);

        await scheduler.TriggerJob(DueTransitionsJob.Key);
        await WaitUntilAsync(ticket.QueueId, async () => await StatusAsync(ticket.Id) == TicketStatus.Missed);
        var events = await EventCountAsync();
        runs.Clear();
        await scheduler.TriggerJob(DueTransitionsJob.Key);
        await runs.NextAsync();

        Assert.Equal(events, await EventCountAsync());
        await _app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task OverdueTransitionsHappenOnceAfterARestart()
    {
        var ticket = await CalledTicketAsync();
        var staff = await _app.ActorAsync(DemoSeeder.Staff1Email);
        var late = await Tickets.NoShowAsync(staff, ticket.Id);
        Assert.True(late.IsSuccess, late.ToString());

        await _app.StopAsync();
        _app.Clock.Now = late.Value!.ExpiresAt!.Value.AddMinutes(5);
        await _app.StartAsync();

        await WaitUntilAsync(ticket.QueueId, async () => await StatusAsync(ticket.Id) == TicketStatus.Missed);
        var (runs, scheduler) = await JobRuns.WatchAsync(_app, DueTransitionsJob.Key);
        await scheduler.TriggerJob(DueTransitionsJob.Key);
        await runs.NextAsync();
        await using var db = await _app.DbAsync();
        var expiries = await db.QueueEvents.Where(e => e.EntryId == ticket.Id && e.Command == TicketCommand.Expire).ToListAsync();
        var expiry = Assert.Single(expiries);
        var expiresAt = await db.QueueEntries.Where(e => e.Id == ticket.Id).Select(e => e.ExpiresAt).SingleAsync();
        Assert.Equal((Actor.SystemId, expiresAt), (expiry.ActorId, (DateTimeOffset?)expiry.At));
        await _app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TheGuestRetentionJobErasesTheNamesOfGuestsWhoseTicketsEndedLongAgoAndKeepsTheTickets()
    {
        var queue = await _app.QueueIdAsync(DemoSeeder.FrontDesk);
        var old = Ok(await Tickets.JoinAsGuestAsync(queue, new GuestDetails("Old", "old@test.example", "+447700900001")));
        var (oldHolder, _) = Ok(await Tickets.GuestHolderAsync(old.Placed.Ticket.Id, old.Key));
        Ok(await Tickets.LeaveAsync(oldHolder, queue));
        _app.Clock.Advance(TimeSpan.FromDays(29));
        var recent = Ok(await Tickets.JoinAsGuestAsync(queue, new GuestDetails("Recent")));
        var (recentHolder, _) = Ok(await Tickets.GuestHolderAsync(recent.Placed.Ticket.Id, recent.Key));
        Ok(await Tickets.LeaveAsync(recentHolder, queue));
        var waiting = Ok(await Tickets.JoinAsGuestAsync(queue, new GuestDetails("Still waiting")));
        _app.Clock.Advance(TimeSpan.FromDays(2));
        var (runs, scheduler) = await JobRuns.WatchAsync(_app, GuestDataRetentionJob.Key);

        await scheduler.TriggerJob(GuestDataRetentionJob.Key);
        // The hourly trigger's own first run may have started before the clock moved and finish first; the triggered
        // run comes after it (the job never runs twice at once).
        var names = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            await runs.NextAsync();
            await using var read = await _app.DbAsync();
            names = await read.Guests.Select(g => g.Name).Order().ToListAsync();
            if (!names.Contains("Old"))
            {
                break;
            }
        }

        Assert.Equal(["Recent", "Still waiting"], names);
        await using var db = await _app.DbAsync();
        Assert.Equal(3, await db.QueueEntries.CountAsync(e => new[] { old.Placed.Ticket.Id, recent.Placed.Ticket.Id, waiting.Placed.Ticket.Id }.Contains(e.Id)));
    }

    private static T Ok<T>(Core.Common.Result<T> result) => result.IsSuccess ? result.Value! : throw new Xunit.Sdk.XunitException(result.ToString());

    [Fact]
    public async Task TheRetentionJobDeletesRequestKeysOlderThanTheRetentionPeriodInBatches()
    {
        var now = _app.Clock.GetUtcNow();
        var old = IdempotencyRetentionJob.BatchSize + 500;
        await using (var db = await _app.DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "IdempotencyKeys" ("Scope", "Key", "Command", "Target", "Request", "Outcome", "CreatedAt")
                SELECT 'someone', 'old-' || n, 'Join', 'q', '', jsonb_build_object(), {now.AddHours(-25)} FROM generate_series(1, {old}) n
                UNION ALL
                SELECT 'someone', 'young-' || n, 'Join', 'q', '', jsonb_build_object(), {now.AddHours(-23)} FROM generate_series(1, 3) n
                """);
        }
        var (runs, scheduler) = await JobRuns.WatchAsync(_app, IdempotencyRetentionJob.Key);

        await scheduler.TriggerJob(IdempotencyRetentionJob.Key);
        await runs.NextAsync();

        await using var after = await _app.DbAsync();
        Assert.Equal(["young-1", "young-2", "young-3"], await after.IdempotencyKeys.Select(k => k.Key).Order().ToListAsync());
    }

    private async Task<TicketView> CalledTicketAsync()
    {
        await using var db = await _app.DbAsync();
        var queueId = await db.Queues.Where(q => q.Name == DemoSeeder.FrontDesk).Select(q => q.Id).SingleAsync();
        var joined = await Tickets.JoinAsync(await _app.ActorAsync("customer1@waitwise.test"), queueId);
        Assert.True(joined.IsSuccess, joined.ToString());
        var called = await Tickets.CallSpecificAsync(await _app.ActorAsync(DemoSeeder.Staff1Email), joined.Value!.Id);
        Assert.True(called.IsSuccess, called.ToString());
        return called.Value!;
    }

    private async Task<TicketStatus> StatusAsync(Guid ticketId)
    {
        await using var db = await _app.DbAsync();
        return await db.QueueEntries.Where(e => e.Id == ticketId).Select(e => e.Status).SingleAsync();
    }

    private async Task<int> EventCountAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.QueueEvents.CountAsync();
    }

    /// <summary>
    /// Waits, up to a deadline, until a condition on the queue holds: checked now and again after each change
    /// the queue's notifier announces (the job runs on Quartz's own threads and announces after commit).
    /// </summary>
    private async Task WaitUntilAsync(Guid queueId, Func<Task<bool>> condition, int seconds = 60)
    {
        using var changed = new SemaphoreSlim(0);
        using var subscription = _app.Services.GetRequiredService<IQueueNotifier>().Subscribe(queueId, () =>
        {
            changed.Release();
            return Task.CompletedTask;
        });
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero && await changed.WaitAsync(left), $"The condition did not hold within {seconds} s.");
        }
    }
}
