using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Tickets;
using WaitWise.Data.Tickets;

namespace WaitWise.Bench.Scenarios;

/// <summary>Many LATE tickets whose grace time has passed: how long the time job's sweep takes to move them all to MISSED.</summary>
public static class ExpirySweep
{
    public static async Task RunAsync(BenchHost host, Report report, int overdue)
    {
        var label = $"expiry sweep ({overdue:N0} overdue LATE)";
        var (_, queues) = await host.QueuesAsync("sweep", 1, maxSize: overdue, slots: 1);
        var users = await host.UsersAsync("late", overdue);
        await BulkTickets.OverdueLateAsync(host, queues[0].Id, users.Select(u => u.Id).ToList());

        var sweep = host.Services.GetRequiredService<DueTransitionService>();
        var started = Stopwatch.GetTimestamp();
        var moved = await sweep.SweepAsync();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var again = await sweep.SweepAsync();

        await using var db = await host.DbAsync();
        var missed = await db.QueueEntries.CountAsync(e => e.QueueId == queues[0].Id && e.Status == TicketStatus.Missed);
        report.Add(label, "sweep to MISSED", seconds, "s", "≤ 2 s", seconds <= 2);
        report.Check(label, "every ticket MISSED once, a second sweep moves nothing", moved == overdue && missed == overdue && again == 0);
        report.Check(label, "invariants hold", await host.InvariantViolationsAsync() == 0);
    }
}
