using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

/// <summary>SPEC.md invariant 6: the one definition of the serving order.</summary>
internal static class ServingOrder
{
    public static IQueryable<QueueEntry> Line(WaitWiseDbContext db, Guid queueId) =>
        db.QueueEntries
            .Where(e => e.QueueId == queueId && e.Status == TicketStatus.Waiting)
            .OrderByDescending(e => e.PriorityBoost)
            .ThenBy(e => e.JoinedAt)
            .ThenBy(e => e.TicketNumber);
}
