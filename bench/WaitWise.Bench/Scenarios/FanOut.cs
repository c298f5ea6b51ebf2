using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// Many watchers of one queue, as many open customer pages and boards would be: from the moment a command is sent
/// until the last watcher has been told. Each watcher hops off the publishing thread first, as a Blazor circuit's
/// InvokeAsync does, so a slow watcher cannot hold up the others.
/// </summary>
public static class FanOut
{
    public static async Task RunAsync(BenchHost host, Report report, int subscribers, int commits)
    {
        var (_, queues) = await host.QueuesAsync("fanout", 1, maxSize: commits + 10, slots: 1);
        var queue = queues[0];
        // The first few commits pay for compiling code paths; they are run but not counted.
        const int warmUp = 5;
        var users = await host.UsersAsync("watcher", commits + warmUp);
        var notifier = host.Services.GetRequiredService<IQueueNotifier>();
        var tickets = host.Services.GetRequiredService<ITicketService>();

        var told = new long[subscribers];
        var remaining = 0;
        var allTold = new TaskCompletionSource();
        var subscriptions = Enumerable.Range(0, subscribers).Select(i => notifier.Subscribe(queue.Id, async () =>
        {
            await Task.Yield();
            told[i] = Stopwatch.GetTimestamp();
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                allTold.TrySetResult();
            }
        })).ToList();

        var toLast = new List<double>(commits);
        var each = new List<double>(commits * subscribers);
        var commandTimes = new List<double>(commits);
        var ok = true;
        foreach (var (user, n) in users.Select((u, n) => (u, n)))
        {
            remaining = subscribers;
            allTold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sent = Stopwatch.GetTimestamp();
            var joined = await tickets.JoinAsync(new Core.Auth.Actor(user.Id), queue.Id);
            commandTimes.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            ok &= joined.IsSuccess;
            ok &= await Task.WhenAny(allTold.Task, Task.Delay(TimeSpan.FromSeconds(10))) == allTold.Task;
            if (n < warmUp)
            {
                continue;
            }
            toLast.Add(Stopwatch.GetElapsedTime(sent, told.Max()).TotalMilliseconds);
            each.AddRange(told.Select(t => Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds));
        }
        subscriptions.ForEach(s => s.Dispose());

        var label = $"live fan-out ({subscribers:N0} watchers)";
        var p99 = Stats.Percentile(toLast, 99);
        report.Add(label, "command sent → last watcher told p50", Stats.Percentile(toLast, 50), "ms");
        report.Add(label, "command sent → last watcher told p99", p99, "ms", "≤ 100 ms", p99 <= 100);
        report.Add(label, "per watcher p99", Stats.Percentile(each, 99), "ms");
        report.Add(label, "of which the command itself p50", Stats.Percentile(commandTimes, 50), "ms");
        report.Check(label, "every watcher told after every commit", ok);
    }
}
