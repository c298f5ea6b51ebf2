using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Queues;
using WaitWise.DevPostgres;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// Two nodes on the one database: the bench's app and a second one started beside it, each with its own services,
/// pools and LISTEN connection. First the cross-node fan-out (watchers split over both nodes, a command on the first:
/// how long until the last watcher on the second is told, the hint going through PostgreSQL's NOTIFY), then the join
/// storm through nginx (scripts/nginx/waitwise.conf) in front of both.
/// </summary>
public static class SeveralNodes
{
    public static async Task RunAsync(BenchHost host, Report report, int watchers, int commits, int customers, int maxSize, int inFlight)
    {
        var second = await host.StartNodeAsync();
        try
        {
            await FanOutAsync(host, second, report, watchers, commits);
            var nodes = new[] { new Uri(host.App.Urls.First()), new Uri(second.Urls.First()) };
            await using var proxy = await NginxProxy.StartAsync(nodes, Path.Combine(Path.GetTempPath(), "waitwise-bench-nginx-" + Guid.NewGuid().ToString("N")[..8]));
            await JoinStorm.StormAsync(host, proxy.BaseAddress, report, $"join storm through nginx to 2 nodes ({customers:N0} users, {inFlight} in flight, max {maxSize:N0})",
                "proxied-storm", customers, maxSize, inFlight);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task FanOutAsync(BenchHost host, WebApplication second, Report report, int watchers, int commits)
    {
        var (_, queues) = await host.QueuesAsync("cross-node", 1, maxSize: commits + 10, slots: 1);
        var queue = queues[0];
        const int warmUp = 5;
        var users = await host.UsersAsync("cross-watcher", commits + warmUp);
        var tickets = host.Services.GetRequiredService<ITicketService>();
        await ListeningAsync(host.Services, second.Services);

        var told = new long[watchers];
        var remaining = 0;
        var allTold = new TaskCompletionSource();
        // Even watchers on the node the commands run on, odd ones on the other: as a rush of pages behind a proxy.
        var subscriptions = Enumerable.Range(0, watchers).Select(i =>
            (i % 2 == 0 ? host.Services : second.Services).GetRequiredService<IQueueNotifier>().Subscribe(queue.Id, async () =>
            {
                await Task.Yield();
                told[i] = Stopwatch.GetTimestamp();
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    allTold.TrySetResult();
                }
            })).ToList();

        var toLastRemote = new List<double>(commits);
        var ok = true;
        foreach (var (user, n) in users.Select((u, n) => (u, n)))
        {
            Array.Clear(told);
            remaining = watchers;
            allTold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var joined = await tickets.JoinAsync(new Core.Auth.Actor(user.Id), queue.Id);
            var answered = Stopwatch.GetTimestamp();
            ok &= joined.IsSuccess;
            ok &= await Task.WhenAny(allTold.Task, Task.Delay(TimeSpan.FromSeconds(10))) == allTold.Task;
            if (n >= warmUp)
            {
                var lastRemote = told.Where((_, i) => i % 2 == 1).Max();
                toLastRemote.Add(Math.Max(0, Stopwatch.GetElapsedTime(answered, lastRemote).TotalMilliseconds));
            }
        }
        subscriptions.ForEach(s => s.Dispose());

        var label = $"cross-node fan-out ({watchers:N0} watchers over 2 nodes)";
        var p99 = Stats.Percentile(toLastRemote, 99);
        report.Add(label, "command answered → last watcher on the other node told p50", Stats.Percentile(toLastRemote, 50), "ms");
        report.Add(label, "command answered → last watcher on the other node told p99", p99, "ms", "≤ 250 ms", p99 <= 250);
        report.Check(label, "every watcher on both nodes told after every commit", ok);
    }

    private static async Task ListeningAsync(params IServiceProvider[] nodes)
    {
        var waited = Stopwatch.StartNew();
        while (!nodes.All(n => n.GetRequiredService<PostgresQueueNotifier>().Listening))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("A node did not start listening for the other's hints.");
            }
            await Task.Delay(50);
        }
    }
}
