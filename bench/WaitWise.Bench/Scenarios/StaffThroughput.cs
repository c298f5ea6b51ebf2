using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Tickets;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// Counters working flat out over HTTP: each staff client loops call next → start → complete for a fixed time.
/// Once on one busy queue (more staff than counters, so they contend), once on many queues at once.
/// </summary>
public static class StaffThroughput
{
    public static async Task RunAsync(BenchHost host, Report report, int queueCount, int slots, int clientsPerQueue, int waitingPerQueue, TimeSpan duration)
    {
        var label = queueCount == 1
            ? $"staff throughput (1 queue, {slots} counters, {clientsPerQueue} staff)"
            : $"staff throughput ({queueCount} queues, {slots} counter(s), {clientsPerQueue} staff each)";
        var (_, queues) = await host.QueuesAsync($"staff{queueCount}", queueCount, maxSize: waitingPerQueue, slots);
        var customers = await host.UsersAsync($"served{queueCount}-", waitingPerQueue);
        foreach (var queue in queues)
        {
            await BulkTickets.WaitingAsync(host, queue.Id, customers.Select(c => c.Id).ToList());
        }
        var staff = await host.UsersAsync($"counter{queueCount}-", queueCount * clientsPerQueue, Roles.Staff);
        for (var q = 0; q < queueCount; q++)
        {
            await host.AssignAsync(queues[q].Id, staff.Skip(q * clientsPerQueue).Take(clientsPerQueue).Select(s => s.Id));
        }
        using var api = new ApiClients(host.BaseAddress, staff.Count);
        var tokens = await api.SignInAsync(staff.Select(s => s.Email).ToList());

        var cycles = 0;
        var refusals = 0;
        var unexpected = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(tokens.Select(async (token, i) =>
        {
            var queueId = queues[i / clientsPerQueue].Id;
            var slot = i % clientsPerQueue % slots + 1;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var (status, called) = await api.PostAsync(token, $"api/v1/queues/{queueId}/call-next", new { slot });
                if (status == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref refusals);
                    continue;
                }
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref unexpected);
                    return;
                }
                var ticketId = called.GetProperty("ticketId").GetString();
                var start = await api.PostAsync(token, $"api/v1/tickets/{ticketId}/start");
                var complete = await api.PostAsync(token, $"api/v1/tickets/{ticketId}/complete");
                if (start.Status != HttpStatusCode.OK || complete.Status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref unexpected);
                    return;
                }
                Interlocked.Increment(ref cycles);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        await using var db = await host.DbAsync();
        var ids = queues.Select(q => q.Id).ToList();
        var completed = await db.QueueEntries.CountAsync(e => ids.Contains(e.QueueId) && e.Status == TicketStatus.Completed);
        report.Add(label, "call → start → complete cycles per second", cycles / elapsed, "/s");
        report.Add(label, "refused call-next (counter busy) per second", refusals / elapsed, "/s");
        report.Check(label, "no unexpected response, every cycle completed in the database", unexpected == 0 && completed == cycles);
        report.Check(label, "invariants hold", await host.InvariantViolationsAsync() == 0);
    }
}
