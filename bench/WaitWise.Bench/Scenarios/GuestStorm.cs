using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// Walk-ins without accounts over HTTP: anonymous guests take tickets on one queue that takes guests, a fixed number
/// of requests in flight, more guests than places. Each guest join makes a guest account and its personal data in
/// the join's transaction, under the queue's lock, so it is measured apart from the signed-in join storm.
/// </summary>
public static class GuestStorm
{
    public static async Task RunAsync(BenchHost host, Report report, int guests, int maxSize, int inFlight)
    {
        var label = $"guest storm ({guests:N0} guests, {inFlight} in flight, max {maxSize:N0})";
        var (_, queues) = await host.QueuesAsync("guests", 2, maxSize, slots: 1);
        await using (var db = await host.DbAsync())
        {
            var ids = queues.Select(q => q.Id).ToList();
            await db.Queues.Where(q => ids.Contains(q.Id)).ExecuteUpdateAsync(s => s.SetProperty(q => q.AllowGuests, true));
        }
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = inFlight * 2 }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var options = new ParallelOptions { MaxDegreeOfParallelism = inFlight };

        // A warm-up rush on the second queue, as the join storm does.
        await Parallel.ForEachAsync(Enumerable.Range(0, Math.Min(guests, maxSize)), options, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync($"api/v1/queues/{queues[1].Id}/guest-tickets", new { name = $"Warm {i}" }, ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"A warm-up guest join answered {response.StatusCode}.");
            }
        });

        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, guests), options, async (i, ct) =>
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync($"api/v1/queues/{queues[0].Id}/guest-tickets", new { name = $"Guest {i}", phone = "+447700900123" }, ct);
            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        });
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var admitted = statuses.GetValueOrDefault(HttpStatusCode.Created);

        await using var read = await host.DbAsync();
        var numbers = await read.QueueEntries.Where(e => e.QueueId == queues[0].Id).Select(e => e.TicketNumber).OrderBy(n => n).ToListAsync();
        var p99 = Stats.Percentile(latencies.ToList(), 99);
        report.Add(label, "successful guest joins per second", admitted / elapsed, "/s");
        report.Add(label, "guest join latency p50", Stats.Percentile(latencies.ToList(), 50), "ms");
        report.Add(label, "guest join latency p99", p99, "ms", "≤ 250 ms", p99 <= 250);
        report.Check(label, $"exactly {maxSize:N0} admitted, the rest 409",
            admitted == maxSize && statuses.GetValueOrDefault(HttpStatusCode.Conflict) == guests - maxSize && statuses.Count <= 2);
        report.Check(label, $"ticket numbers exactly 1..{maxSize:N0}", numbers.SequenceEqual(Enumerable.Range(1, maxSize)));
        report.Check(label, "invariants hold", await host.InvariantViolationsAsync() == 0);
    }
}
