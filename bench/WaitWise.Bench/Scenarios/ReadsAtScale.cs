using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Tickets;

namespace WaitWise.Bench.Scenarios;

/// <summary>A very long line: how fast a customer's position and the staff's top 20 come back.</summary>
public static class ReadsAtScale
{
    public static async Task RunAsync(BenchHost host, Report report, int waiting, int samples)
    {
        const string name = "reads at scale";
        var (owner, queues) = await host.QueuesAsync("reads", 1, maxSize: waiting, slots: 5);
        var queue = queues[0];
        var users = await host.UsersAsync("reader", waiting);
        await BulkTickets.WaitingAsync(host, queue.Id, users.Select(u => u.Id).ToList());
        await using var db = await host.DbAsync();
        var tickets = db.QueueEntries.Where(e => e.QueueId == queue.Id).Select(e => new { e.Id, e.UserId }).ToList();
        var queries = host.Services.GetRequiredService<ITicketQueries>();
        var random = new Random(42);

        async Task<List<double>> TimeAsync(Func<Task> read)
        {
            for (var i = 0; i < 20; i++)
            {
                await read();
            }
            var times = new List<double>(samples);
            for (var i = 0; i < samples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await read();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return times;
        }

        var positionOk = true;
        var positions = await TimeAsync(async () =>
        {
            var ticket = tickets[random.Next(tickets.Count)];
            var result = await queries.GetTicketAsync(new Actor(ticket.UserId), ticket.Id);
            positionOk &= result.IsSuccess && result.Value!.Position is > 0 && result.Value.Position <= waiting;
        });
        var lineOk = true;
        var lines = await TimeAsync(async () =>
        {
            var result = await queries.GetLineAsync(owner, queue.Id, 20);
            lineOk &= result.IsSuccess && result.Value!.Count == 20 && result.Value[0].Number == 1;
        });

        var label = $"{name} ({waiting:N0} waiting)";
        var p99 = Stats.Percentile(positions, 99);
        report.Add(label, "position lookup p50", Stats.Percentile(positions, 50), "ms");
        report.Add(label, "position lookup p99", p99, "ms", "≤ 5 ms", p99 <= 5);
        report.Add(label, "top-20 line p50", Stats.Percentile(lines, 50), "ms");
        report.Add(label, "top-20 line p99", Stats.Percentile(lines, 99), "ms");
        report.Check(label, "every position in 1..N, the line starts at number 1", positionOk && lineOk);
        report.Check(label, "invariants hold", await host.InvariantViolationsAsync() == 0);
    }
}
