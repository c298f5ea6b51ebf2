using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Tickets;
using WaitWise.Data.Queues;
using WaitWise.Tests.Api;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;
using WaitWise.Web.Time;

namespace WaitWise.Tests.Integration;

/// <summary>
/// Two app nodes over one database: with a shared key ring, a token one node issues works on the other, and each node's
/// queue hints reach the other's watchers over LISTEN/NOTIFY.
/// </summary>
public sealed class SeveralNodes : IAsyncLifetime
{
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "waitwise-keys-" + Guid.NewGuid().ToString("N")[..8]);
    private AppHost _first = null!;
    private AppHost _second = null!;

    public async Task InitializeAsync()
    {
        _first = new AppHost { Settings = { [WaitWiseSettings.KeysDirectory] = _keys } };
        await _first.InitializeAsync();
        _second = new AppHost { SameDatabaseAs = _first, Settings = { [WaitWiseSettings.KeysDirectory] = _keys } };
        await _second.InitializeAsync();
    }

    [Fact]
    public async Task ATokenFromOneNodeJoinsOnTheOtherAndBothSeeTheTicket()
    {
        var first = await _first.SignedInClientAsync(DemoSeeder.CustomerEmails[0]);
        var second = OnNode(_second, first.DefaultRequestHeaders.Authorization!);
        var queueId = await _first.QueueIdAsync(DemoSeeder.FrontDesk);

        await (await second.PostAsync($"api/v1/queues/{queueId}/join")).AssertOkAsync(HttpStatusCode.Created);
        var ticket = await (await first.GetAsync($"api/v1/queues/{queueId}/status")).AssertOkAsync();

        Assert.Equal("WAITING", ticket.GetProperty("status").GetString());
        await _first.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ANodeWithAnotherKeyRingRefusesTheToken()
    {
        var stranger = new AppHost { SameDatabaseAs = _first };
        await stranger.InitializeAsync();
        try
        {
            var first = await _first.SignedInClientAsync(DemoSeeder.CustomerEmails[1]);

            var refused = await OnNode(stranger, first.DefaultRequestHeaders.Authorization!)
                .GetAsync($"api/v1/queues/{await _first.QueueIdAsync(DemoSeeder.FrontDesk)}/status");

            await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
        finally
        {
            await stranger.DisposeAsync();
        }
    }

    [Fact]
    public async Task AJoinOnOneNodeIsHintedToTheOtherNodesWatchersOnceAndToItsOwnOnce()
    {
        var queueId = await _first.QueueIdAsync(DemoSeeder.FrontDesk);
        var onFirst = new Hints();
        var onSecond = new Hints();
        using var first = _first.Services.GetRequiredService<IQueueNotifier>().Subscribe(queueId, onFirst.Tell);
        using var second = _second.Services.GetRequiredService<IQueueNotifier>().Subscribe(queueId, onSecond.Tell);
        await ListeningAsync(_first, _second);

        var customer = await _first.SignedInClientAsync(DemoSeeder.CustomerEmails[2]);
        await (await customer.PostAsync($"api/v1/queues/{queueId}/join")).AssertOkAsync(HttpStatusCode.Created);

        await onSecond.ReachAsync(1);
        await onFirst.ReachAsync(1);
        // Its own NOTIFY comes back to the first node too, which knows it and does not tell its watchers again; a
        // second join's hints then arrive as well, so a late echo of the first one would have been counted by now.
        await (await (await _first.SignedInClientAsync(DemoSeeder.CustomerEmails[3])).PostAsync($"api/v1/queues/{queueId}/join"))
            .AssertOkAsync(HttpStatusCode.Created);
        await onSecond.ReachAsync(2);
        Assert.Equal(2, onFirst.Count);
        Assert.True(_first.Services.GetRequiredService<PostgresQueueNotifier>().ReReadEvery >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ANodeWhoseListeningConnectionDropsReconnectsAndHasEveryPageReRead()
    {
        var queueId = await _first.QueueIdAsync(DemoSeeder.FrontDesk);
        var onSecond = new Hints();
        using var second = _second.Services.GetRequiredService<IQueueNotifier>().Subscribe(queueId, onSecond.Tell);
        await ListeningAsync(_first, _second);

        await using (var db = await _first.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'WaitWise live updates' AND datname = current_database()");
        }

        // Nothing changed, but the node cannot know what it missed while it was away: its watchers re-read.
        await onSecond.ReachAsync(1);
        await ListeningAsync(_second);
        var health = await (await _second.Client().GetAsync("/health")).AssertOkAsync();
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("live-updates").GetProperty("status").GetString());
        var customer = await _first.SignedInClientAsync(DemoSeeder.CustomerEmails[4]);
        await (await customer.PostAsync($"api/v1/queues/{queueId}/join")).AssertOkAsync(HttpStatusCode.Created);
        await onSecond.ReachAsync(2);
    }

    [Fact]
    public async Task TheSweepFiredOnBothNodesSchedulersAndRacingOnBothAppliesAndAuditsEachDueTransitionOnce()
    {
        const int count = 12;
        var queueId = await _first.QueueIdAsync(DemoSeeder.FrontDesk);
        var tickets = _first.Services.GetRequiredService<ITicketService>();
        var staff = await _first.ActorAsync(DemoSeeder.Staff1Email);
        _second.Clock.Now = _first.Clock.Now;
        var late = new List<TicketView>();
        for (var i = 0; i < count; i++)
        {
            Assert.True((await tickets.JoinAsGuestAsync(queueId, new GuestDetails($"Guest {i}"))).IsSuccess);
            var called = await tickets.CallNextAsync(staff, queueId, slot: 1);
            Assert.True(called.IsSuccess, called.ToString());
            var noShow = await tickets.NoShowAsync(staff, called.Value!.Id);
            Assert.True(noShow.IsSuccess, noShow.ToString());
            late.Add(noShow.Value!);
        }
        var ids = late.Select(t => t.Id).ToList();
        var past = late.Max(t => t.ExpiresAt!.Value) + TimeSpan.FromMinutes(1);
        _first.Clock.Now = past;
        _second.Clock.Now = past;

        var (runs, schedulers) = await JobRuns.WatchAsync(DueTransitionsJob.Key, _first, _second);
        await Task.WhenAll(
            schedulers[0].TriggerJob(DueTransitionsJob.Key).AsTask(),
            schedulers[1].TriggerJob(DueTransitionsJob.Key).AsTask(),
            _first.Services.GetRequiredService<DueTransitionService>().SweepAsync(),
            _second.Services.GetRequiredService<DueTransitionService>().SweepAsync());
        // Clustered, each firing runs on one node or the other: wait for both, wherever they ran.
        await runs.NextAsync();
        await runs.NextAsync();

        await using var db = await _first.DbAsync();
        Assert.All(await db.QueueEntries.Where(e => ids.Contains(e.Id)).Select(e => e.Status).ToListAsync(), s => Assert.Equal(TicketStatus.Missed, s));
        var expiries = await db.QueueEvents.Where(e => ids.Contains(e.EntryId) && e.Command == TicketCommand.Expire)
            .GroupBy(e => e.EntryId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(Enumerable.Repeat(1, count), expiries);
        await _first.AssertInvariantsHoldAsync();
    }

    private static async Task ListeningAsync(params AppHost[] nodes)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!nodes.All(n => n.Services.GetRequiredService<PostgresQueueNotifier>().Listening))
        {
            Assert.True(DateTime.UtcNow < deadline, "A node did not start listening for the others' hints.");
            await Task.Delay(20);
        }
    }

    /// <summary>Counts the hints a watcher was given.</summary>
    private sealed class Hints
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task Tell()
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public async Task ReachAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The watcher was told {Count} time(s), not {count}.");
                await Task.Delay(10);
            }
        }
    }

    private static HttpClient OnNode(AppHost node, AuthenticationHeaderValue token)
    {
        var client = node.Client(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }
}
