using Microsoft.EntityFrameworkCore;
using Npgsql;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Core.Simulation;
using WaitWise.Core.Tickets;
using WaitWise.Web.Hosting;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// How right the wait estimates are: simulated clinic days (<see cref="ClinicSimulation"/>) through the real
/// services on a simulated clock. At every join the estimate the app showed and, from the same moment's facts, the
/// estimate of each estimator are kept; the actual wait is join → first call. Errors are in minutes, over the waits
/// under an hour; "inside" is the share of actual waits within the range shown for the estimate.
/// </summary>
public static class Estimates
{
    private const int Seed = 2026;

    public static async Task RunAsync(BenchHost host, Report report, int days)
    {
        var name = $"estimates ({days} clinic days, 3 counters)";
        var (_, queues) = await host.QueuesAsync("estimates", 1, maxSize: 1_000, slots: 3);
        var queue = queues[0];
        var staff = await host.UsersAsync("estimates-staff", 3, Roles.Staff);
        await host.AssignAsync(queue.Id, staff.Select(s => s.Id));
        var people = await host.UsersAsync("patient", 400);

        // Tomorrow's midnight onwards, so the simulated clock only ever moves forwards from the app's.
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var clock = new SimulatedClock(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var (tickets, presences) = SimulationServices.On(host.Services, clock);
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        var simulation = new ClinicSimulation(tickets, presences, clock, new ClinicDay(), Seed)
        {
            ReadPace = (queueId, now) => ReadPaceAsync(connection, queueId, now),
        };
        static bool Weekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var calendarDays = 0;
        for (var open = 0; open < days; calendarDays++)
        {
            open += Weekday(first.AddDays(calendarDays)) ? 1 : 0;
        }
        var joins = (await simulation.RunAsync(queue.Id, [.. staff.Select(s => new Actor(s.Id))], [.. people.Select(p => new Actor(p.Id))],
            first, calendarDays, TimeZoneInfo.Utc, Weekday)).ToList();

        report.Add(name, "joins simulated", joins.Count, "");
        report.Add(name, "joins shown an estimate", 100.0 * joins.Count(j => j.Shown is not null) / joins.Count, "%");
        var called = joins.Where(j => j.Actual is not null).ToList();
        report.Add(name, "actual wait, mean", called.Average(j => j.Actual!.Value.TotalMinutes), "min");
        report.Add(name, "actual wait, 90th percentile", Stats.Percentile([.. called.Select(j => j.Actual!.Value.TotalMinutes)], 90), "min");

        foreach (var estimator in Enum.GetValues<Estimator>())
        {
            var label = estimator + (estimator == WaitEstimate.Shown ? " (shown)" : "");
            var scored = called
                .Select(j => (Actual: j.Actual!.Value, Estimate: WaitEstimate.For(QueueStatus.Open, queue.DefaultServiceSeconds, j.Position, j.Pace!, estimator)))
                .Where(s => s.Estimate is not null && s.Actual < TimeSpan.FromHours(1))
                .Select(s => (s.Actual, Estimate: s.Estimate!.Value))
                .ToList();
            var errors = scored.Select(s => Math.Abs((s.Actual - s.Estimate).TotalMinutes)).ToList();
            var shown = estimator == WaitEstimate.Shown;
            var mae = errors.Average();
            var inside = 100.0 * scored.Count(s => WaitRange.Holds(s.Estimate, s.Actual)) / scored.Count;
            report.Add(name, $"{label}: mean absolute error", mae, "min", shown ? "≤ 3 min" : "", shown ? mae <= 3 : null);
            report.Add(name, $"{label}: median absolute error", Stats.Percentile(errors, 50), "min");
            report.Add(name, $"{label}: actual waits inside the shown range", inside, "%", shown ? "≥ 80 %" : "", shown ? inside >= 80 : null);
            report.Add(name, $"{label}: mean width of the range", scored.Average(s => Width(s.Estimate)), "min");
            if (shown)
            {
                // What the range's constants are calibrated from (WaitRange.Below and Above): the spread of the actual
                // wait around the estimate, per square root of the estimate's minutes.
                var spread = scored.Select(s => (s.Actual - s.Estimate).TotalMinutes / Math.Sqrt(Math.Max(1, s.Estimate.TotalMinutes))).ToList();
                report.Add(name, $"{label}: (actual − estimate) / √estimate, 10th percentile", Stats.Percentile(spread, 10), "");
                report.Add(name, $"{label}: (actual − estimate) / √estimate, 90th percentile", Stats.Percentile(spread, 90), "");
            }
        }

        var computed = joins.All(j => j.Shown == WaitEstimate.For(QueueStatus.Open, queue.DefaultServiceSeconds, j.Position, j.Pace!));
        report.Check(name, $"every join was shown the {WaitEstimate.Shown} estimate of that moment", computed);
        await using var db = await host.DbAsync();
        var kept = await db.QueueEntries.Where(e => e.QueueId == queue.Id).ToDictionaryAsync(e => e.Id, e => e.EstimatedWaitSeconds);
        report.Check(name, "every ticket keeps the estimate its holder was shown",
            joins.All(j => kept[j.TicketId] == (j.Shown is { } s ? (int)Math.Round(s.TotalSeconds) : null)));
        report.Check(name, "the services refused nothing the staff did" + (simulation.Refusals.Count > 0 ? $" ({simulation.Refusals[0]})" : ""),
            simulation.Refusals.Count == 0);
        report.Check(name, "invariants hold", await host.InvariantViolationsAsync() == 0);
    }

    private static int Width(TimeSpan estimate)
    {
        var (low, high) = WaitRange.Bounds(estimate);
        return high - low;
    }

    private static async Task<LinePace> ReadPaceAsync(NpgsqlConnection connection, Guid queueId, DateTimeOffset now)
    {
        await using var read = new NpgsqlCommand("""
            SELECT waitwise_counters_serving(@queue, @now), waitwise_at_counters(@queue),
                   waitwise_recent_service_seconds(@queue), waitwise_call_seconds(@queue)
            """, connection);
        read.Parameters.AddWithValue("queue", queueId);
        read.Parameters.AddWithValue("now", now);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new LinePace(reader.GetInt32(0), reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3));
    }
}
