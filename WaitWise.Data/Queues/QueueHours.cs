using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Data.Queues;

/// <summary>A queue's opening hours as the join guard and the owner's "open" command read them, under the queue's lock.</summary>
internal static class QueueHours
{
    public static async Task<OpeningSchedule> ScheduleAsync(WaitWiseDbContext db, Queue queue, CancellationToken ct)
    {
        var hours = await db.OpeningHours.AsNoTracking().Where(h => h.QueueId == queue.Id).ToListAsync(ct);
        var zone = hours.Count == 0
            ? TimeZoneInfo.Utc
            : OpeningSchedule.ZoneOrUtc(await db.Businesses.Where(b => b.Id == queue.BusinessId).Select(b => b.TimeZoneId).SingleAsync(ct));
        return new OpeningSchedule(hours, zone);
    }

    /// <summary>Why a join at <paramref name="now"/> is refused for the hours, naming the next opening; null when it may go on.</summary>
    public static async Task<Error?> RefusalAsync(WaitWiseDbContext db, Queue queue, DateTimeOffset now, CancellationToken ct)
    {
        // While an opening by hand lasts the hours need not even be read.
        if (queue.OpenedByHandUntil > now)
        {
            return null;
        }
        var schedule = await ScheduleAsync(db, queue, ct);
        if (schedule.TakesJoinsAt(now, queue.OpenedByHandUntil))
        {
            return null;
        }
        var next = schedule.NextOpeningAfter(now)!.Value;
        return new Error(ErrorKind.OutsideHours,
            $"The queue is outside its opening hours; it opens again on {schedule.Describe(next)} ({schedule.Zone.Id} time).");
    }

    /// <summary>
    /// The owner's "open" outside the opening hours: joins are taken from now until the next scheduled opening.
    /// False (and nothing changed) inside the hours or while such an opening already runs.
    /// </summary>
    public static async Task<bool> OpenByHandAsync(WaitWiseDbContext db, Queue queue, DateTimeOffset now, CancellationToken ct)
    {
        if (queue.OpenedByHandUntil > now)
        {
            return false;
        }
        var schedule = await ScheduleAsync(db, queue, ct);
        if (schedule.IsOpenAt(now))
        {
            return false;
        }
        queue.OpenedByHandUntil = schedule.NextOpeningAfter(now);
        return true;
    }
}
