using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Analytics;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Analytics;

/// <summary>
/// The dashboard's figures as PostgreSQL aggregates: one row per local day and one per hour of the day, whatever
/// the number of tickets. Days are cut at midnight in the business's IANA time zone, by PostgreSQL's own tz data.
/// </summary>
public sealed class QueueAnalytics(IDbContextFactory<WaitWiseDbContext> factory) : IQueueAnalytics
{
    public async Task<Result<QueueDashboard>> GetDashboardAsync(Actor actor, Guid queueId, DateRange days, CancellationToken ct = default)
    {
        if (days.Problems() is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking().Where(q => q.Id == queueId)
            .Select(q => new { q.Name, q.BusinessId, q.Business!.TimeZoneId }).SingleOrDefaultAsync(ct);
        if (queue is null)
        {
            return Error.NotFound("The queue");
        }
        if (actor.IsSystem || !await Rights.IsOwnerAsync(db, actor, queue.BusinessId, ct))
        {
            return Error.Forbidden("Only the business's owner can see its queues' figures.");
        }
        var tz = queue.TimeZoneId;
        var rows = await db.Database.SqlQuery<DayRow>($"""
            WITH bounds AS (
                SELECT ({days.From}::date)::timestamp AT TIME ZONE {tz} AS start,
                       ({days.To}::date + 1)::timestamp AT TIME ZONE {tz} AS stop
            ),
            entries AS (
                SELECT e.* FROM "QueueEntries" e WHERE e."QueueId" = {queueId}
            ),
            joined AS (
                SELECT (e."JoinedAt" AT TIME ZONE {tz})::date AS day,
                       count(*) AS joined,
                       count(*) FILTER (WHERE e."Status" = 'CANCELLED') AS cancelled,
                       count(*) FILTER (WHERE EXISTS (
                           SELECT 1 FROM "QueueEvents" v WHERE v."EntryId" = e."Id" AND v."Command" IN ('NoShow', 'CallTimeout'))) AS no_shows
                FROM entries e, bounds b WHERE e."JoinedAt" >= b.start AND e."JoinedAt" < b.stop
                GROUP BY 1
            ),
            called AS (
                SELECT (e."CalledAt" AT TIME ZONE {tz})::date AS day,
                       count(*) AS called,
                       sum(EXTRACT(EPOCH FROM e."CalledAt" - e."JoinedAt"))::float8 AS wait_seconds,
                       count(*) FILTER (WHERE e.compared) AS compared,
                       sum(abs(EXTRACT(EPOCH FROM e."CalledAt" - e."JoinedAt") - e."EstimatedWaitSeconds")) FILTER (WHERE e.compared)::float8 AS error_seconds,
                       count(*) FILTER (WHERE e.compared AND EXTRACT(EPOCH FROM e."CalledAt" - e."JoinedAt")
                                        BETWEEN e."EstimatedLowMinutes" * 60 AND e."EstimatedHighMinutes" * 60) AS inside
                FROM (SELECT e.*, e."EstimatedWaitSeconds" IS NOT NULL AND e."CalledAt" - e."JoinedAt" < interval '1 hour' AS compared
                      FROM entries e) e, bounds b
                WHERE e."CalledAt" >= b.start AND e."CalledAt" < b.stop
                GROUP BY 1
            ),
            served AS (
                SELECT (e."CompletedAt" AT TIME ZONE {tz})::date AS day,
                       count(*) AS served,
                       sum(EXTRACT(EPOCH FROM e."CompletedAt" - e."ServedAt"))::float8 AS service_seconds
                FROM entries e, bounds b WHERE e."Status" = 'COMPLETED' AND e."CompletedAt" >= b.start AND e."CompletedAt" < b.stop
                GROUP BY 1
            )
            SELECT d.day::date AS "Day",
                   coalesce(j.joined, 0)::int AS "Joined",
                   coalesce(j.no_shows, 0)::int AS "NoShows",
                   coalesce(j.cancelled, 0)::int AS "Cancelled",
                   coalesce(c.called, 0)::int AS "Called",
                   coalesce(c.wait_seconds, 0) AS "WaitSeconds",
                   coalesce(c.compared, 0)::int AS "Compared",
                   coalesce(c.error_seconds, 0) AS "ErrorSeconds",
                   coalesce(c.inside, 0)::int AS "Inside",
                   coalesce(s.served, 0)::int AS "Served",
                   coalesce(s.service_seconds, 0) AS "ServiceSeconds"
            FROM generate_series({days.From}::date::timestamp, {days.To}::date::timestamp, interval '1 day') AS d(day)
            LEFT JOIN joined j ON j.day = d.day::date
            LEFT JOIN called c ON c.day = d.day::date
            LEFT JOIN served s ON s.day = d.day::date
            ORDER BY d.day
            """).ToListAsync(ct);
        var hours = await db.Database.SqlQuery<HourRow>($"""
            SELECT EXTRACT(HOUR FROM e."CompletedAt" AT TIME ZONE {tz})::int AS "Hour", count(*)::int AS "Served"
            FROM "QueueEntries" e
            WHERE e."QueueId" = {queueId} AND e."Status" = 'COMPLETED'
              AND e."CompletedAt" >= ({days.From}::date)::timestamp AT TIME ZONE {tz}
              AND e."CompletedAt" < ({days.To}::date + 1)::timestamp AT TIME ZONE {tz}
            GROUP BY 1
            """).ToListAsync(ct);

        var messages = await db.Database.SqlQuery<ChannelRow>($"""
            SELECT n."Channel" AS "Channel",
                   count(*) FILTER (WHERE n."Status" = 'Sent')::int AS "Sent",
                   count(*) FILTER (WHERE n."Status" = 'Failed')::int AS "Failed",
                   count(*) FILTER (WHERE n."Status" = 'Pending')::int AS "Pending"
            FROM "Notifications" n
            WHERE n."QueueId" = {queueId}
              AND n."CreatedAt" >= ({days.From}::date)::timestamp AT TIME ZONE {tz}
              AND n."CreatedAt" < ({days.To}::date + 1)::timestamp AT TIME ZONE {tz}
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(ct);

        var servedByHour = new int[24];
        foreach (var hour in hours)
        {
            servedByHour[hour.Hour] = hour.Served;
        }
        return new QueueDashboard(
            queueId, queue.Name, tz, days,
            rows.Sum(r => r.Joined), rows.Sum(r => r.Served), rows.Sum(r => r.NoShows), rows.Sum(r => r.Cancelled),
            Average(rows.Sum(r => r.WaitSeconds), rows.Sum(r => r.Called)),
            Average(rows.Sum(r => r.ServiceSeconds), rows.Sum(r => r.Served)),
            servedByHour,
            rows.Select(r => new DayFigures(r.Day, r.Joined, r.Served, r.NoShows, r.Cancelled,
                Average(r.WaitSeconds, r.Called), Average(r.ServiceSeconds, r.Served)) { Estimates = r.Estimates }).ToList())
        {
            Messages = [.. messages.Select(m => new ChannelFigures(Enum.Parse<NotificationChannel>(m.Channel), m.Sent, m.Failed, m.Pending))],
            Estimates = rows.Aggregate(EstimateAccuracy.None, (total, r) => total + r.Estimates),
        };
    }

    private static TimeSpan? Average(double seconds, int count) => count == 0 ? null : TimeSpan.FromSeconds(seconds / count);

    private sealed record DayRow(
        DateOnly Day, int Joined, int NoShows, int Cancelled, int Called, double WaitSeconds, int Compared, double ErrorSeconds, int Inside,
        int Served, double ServiceSeconds)
    {
        public EstimateAccuracy Estimates => new(Compared, ErrorSeconds, Inside);
    }

    private sealed record HourRow(int Hour, int Served);

    private sealed record ChannelRow(string Channel, int Sent, int Failed, int Pending);
}
