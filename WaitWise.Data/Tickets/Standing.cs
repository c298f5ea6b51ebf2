using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

/// <summary>A ticket as read with its queue: whether anything is due there, its position, how its line moves.</summary>
internal sealed record Standing(QueueEntry Entry, Queue Queue, bool Due, int? Position, LinePace Pace)
{
    /// <summary>Each ticket of <paramref name="entries"/> with its queue and where it stands, as one query.</summary>
    public static IQueryable<Standing> Of(WaitWiseDbContext db, IQueryable<QueueEntry> entries, DateTimeOffset now) =>
        from e in entries.AsNoTracking()
        join q in db.Queues.AsNoTracking() on e.QueueId equals q.Id
        select new Standing(e, q, StandingFunctions.IsDue(q.Id, now), StandingFunctions.Position(e.Id),
            new LinePace(StandingFunctions.CountersServing(q.Id, now), StandingFunctions.AtCounters(q.Id),
                StandingFunctions.RecentServiceSeconds(q.Id), StandingFunctions.CallSeconds(q.Id)));

    public TicketPosition Describe() => Place(TicketView.From(Entry, Queue.TicketPrefix));

    /// <summary><paramref name="ticket"/> (this ticket as someone saw it) with where the ticket stands as read here.</summary>
    public TicketPosition Place(TicketView ticket) =>
        new(ticket, Position, Position is { } p ? Estimate(Queue, p, Pace) : null);

    public static TimeSpan? Estimate(Queue queue, int position, LinePace pace) =>
        WaitEstimate.For(queue.Status, queue.DefaultServiceSeconds, position, pace);
}
