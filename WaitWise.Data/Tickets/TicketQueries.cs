using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

/// <summary>
/// Reads of queues and tickets, with the same rights as the commands: holders, owners and assigned staff. Each
/// read of a queue first applies what is due in it (<see cref="DueTransitionService.CatchUpAsync"/>), so what a
/// reader sees never depends on whether the background sweep has run yet.
/// </summary>
public sealed class TicketQueries(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock, DueTransitionService due) : ITicketQueries
{
    /// <summary>Recent service times feed the estimate; older ones describe another day.</summary>
    private const int RecentServiceSample = 20;

    public async Task<Result<IReadOnlyList<TicketView>>> GetLineAsync(Actor actor, Guid queueId, int limit = 100, CancellationToken ct = default)
    {
        if (limit is < 1 or > 1000)
        {
            return Error.Invalid("The line can be read 1 to 1000 tickets at a time.");
        }
        await due.CatchUpAsync(queueId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId, ct);
        if (queue is null)
        {
            return Error.NotFound("The queue");
        }
        if (!await CanOperateAsync(db, actor, queue, ct))
        {
            return Error.Forbidden("Only the owner and the staff assigned to this queue can see its line.");
        }
        var line = await ServingOrder.Line(db, queueId).AsNoTracking().Take(limit).ToListAsync(ct);
        return line.Select(e => TicketView.From(e, queue.TicketPrefix)).ToList();
    }

    public async Task<Result<TicketPosition>> GetTicketAsync(Actor actor, Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await db.QueueEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == ticketId, ct);
        if (entry is null)
        {
            return Error.NotFound("The ticket");
        }
        if (await due.CatchUpAsync(entry.QueueId, ct))
        {
            entry = await db.QueueEntries.AsNoTracking().SingleAsync(e => e.Id == ticketId, ct);
        }
        var queue = await db.Queues.AsNoTracking().SingleAsync(q => q.Id == entry.QueueId, ct);
        if (entry.UserId != actor.Id && !await CanOperateAsync(db, actor, queue, ct))
        {
            return Error.Forbidden("You can see only your own tickets, or tickets of a queue you run.");
        }
        return await PositionAsync(db, queue, entry, ct);
    }

    public async Task<Result<TicketPosition>> GetMyTicketAsync(Actor actor, Guid queueId, CancellationToken ct = default)
    {
        await due.CatchUpAsync(queueId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId, ct);
        if (queue is null)
        {
            return Error.NotFound("The queue");
        }
        var entry = await db.QueueEntries.AsNoTracking()
            .Where(e => e.QueueId == queueId && e.UserId == actor.Id)
            .OrderByDescending(e => e.TicketNumber)
            .FirstOrDefaultAsync(ct);
        return entry is null
            ? Error.NotFound("Your ticket in this queue")
            : await PositionAsync(db, queue, entry, ct);
    }

    public async Task<Result<MyTickets>> GetMyTicketsAsync(Actor actor, int pastCount = 10, CancellationToken ct = default)
    {
        if (pastCount is < 0 or > MyTickets.MaxPastCount)
        {
            return Error.Invalid($"Past tickets can be read 0 to {MyTickets.MaxPastCount} at a time.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = db.QueueEntries.AsNoTracking().Where(e => e.UserId == actor.Id);
        foreach (var queueId in await mine.Where(e => TicketStatuses.Open.Contains(e.Status)).Select(e => e.QueueId).Distinct().ToListAsync(ct))
        {
            await due.CatchUpAsync(queueId, ct);
        }
        var open = await mine.Where(e => TicketStatuses.Open.Contains(e.Status))
            .OrderByDescending(e => e.JoinedAt).ThenByDescending(e => e.Id)
            .ToListAsync(ct);
        var past = await mine.Where(e => TicketStatuses.Terminal.Contains(e.Status))
            .OrderByDescending(e => e.CompletedAt ?? e.CancelledAt ?? e.ExpiresAt ?? e.JoinedAt).ThenByDescending(e => e.Id)
            .Take(pastCount)
            .ToListAsync(ct);
        var queueIds = open.Concat(past).Select(e => e.QueueId).Distinct().ToList();
        var queues = await db.Queues.AsNoTracking().Include(q => q.Business)
            .Where(q => queueIds.Contains(q.Id))
            .ToDictionaryAsync(q => q.Id, ct);

        // One context serves every ticket in turn: EF Core allows no parallel queries on a context.
        async Task<IReadOnlyList<MyTicket>> DescribeAsync(List<QueueEntry> entries)
        {
            var described = new List<MyTicket>(entries.Count);
            foreach (var entry in entries)
            {
                var queue = queues[entry.QueueId];
                described.Add(new MyTicket(await PositionAsync(db, queue, entry, ct), queue.BusinessId, queue.Business!.Name, queue.Name));
            }
            return described;
        }

        return new MyTickets(await DescribeAsync(open), await DescribeAsync(past));
    }

    public async Task<Result<TicketPage>> GetTicketsAsync(
        Actor actor, Guid queueId, TicketStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        if (page is < 1 or > TicketPage.MaxPage || pageSize is < 1 or > TicketPage.MaxPageSize)
        {
            return Error.Invalid(new Dictionary<string, string[]>
            {
                [page is < 1 or > TicketPage.MaxPage ? "page" : "pageSize"] =
                    [$"Pages run from 1 to {TicketPage.MaxPage} and hold 1 to {TicketPage.MaxPageSize} tickets."],
            });
        }
        await due.CatchUpAsync(queueId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId, ct);
        if (queue is null)
        {
            return Error.NotFound("The queue");
        }
        if (!await CanOperateAsync(db, actor, queue, ct))
        {
            return Error.Forbidden("Only the owner and the staff assigned to this queue can list its tickets.");
        }
        var selection = status switch
        {
            TicketStatus.Waiting => ServingOrder.Line(db, queueId),
            { } only => db.QueueEntries.Where(e => e.QueueId == queueId && e.Status == only).OrderBy(e => e.TicketNumber),
            null => db.QueueEntries.Where(e => e.QueueId == queueId).OrderBy(e => e.TicketNumber),
        };
        var total = await selection.CountAsync(ct);
        var items = await selection.AsNoTracking().Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new TicketPage(items.Select(e => TicketView.From(e, queue.TicketPrefix)).ToList(), page, pageSize, total);
    }

    public async Task<Result<QueueBoard>> GetBoardAsync(Guid queueId, int nextCount = 5, CancellationToken ct = default)
    {
        if (nextCount is < 0 or > 50)
        {
            return Error.Invalid("The board shows 0 to 50 next tickets.");
        }
        await due.CatchUpAsync(queueId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking()
            .Where(q => q.Id == queueId && q.Business!.Status == BusinessStatus.Approved)
            .SingleOrDefaultAsync(ct);
        if (queue is null)
        {
            return Error.NotFound("The queue");
        }
        var atCounters = await db.QueueEntries.AsNoTracking()
            .Where(e => e.QueueId == queueId && (e.Status == TicketStatus.Called || e.Status == TicketStatus.Serving))
            .OrderBy(e => e.Slot)
            .Select(e => new { e.Slot, e.TicketNumber, e.Status, e.CalledAt })
            .ToListAsync(ct);
        var next = await ServingOrder.Line(db, queueId).Take(nextCount).Select(e => e.TicketNumber).ToListAsync(ct);
        var waiting = await db.QueueEntries.CountAsync(e => e.QueueId == queueId && e.Status == TicketStatus.Waiting, ct);
        var lastAnnouncement = await db.QueueEvents
            .Where(e => e.QueueId == queueId && (e.Command == TicketCommand.CallNext || e.Command == TicketCommand.CallSpecific || e.Command == TicketCommand.Recall))
            .MaxAsync(e => (DateTimeOffset?)e.At, ct);
        return new QueueBoard(
            queue.Id,
            queue.Name,
            queue.Status,
            queue.ServiceSlots,
            waiting,
            await EstimateAsync(db, queue, waiting + 1, ct),
            atCounters.Select(e => new BoardSlot(e.Slot!.Value, queue.CodeFor(e.TicketNumber), e.Status, e.CalledAt!.Value)).ToList(),
            next.Select(queue.CodeFor).ToList(),
            lastAnnouncement);
    }

    public async Task<Result<IReadOnlyList<TicketHistoryItem>>> GetHistoryAsync(Actor actor, Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await db.QueueEntries.AsNoTracking().Where(e => e.Id == ticketId)
            .Select(e => new { e.UserId, e.QueueId }).SingleOrDefaultAsync(ct);
        if (entry is null)
        {
            return Error.NotFound("The ticket");
        }
        // A ticket's holder and queue never change, so only the events need what is due applied first.
        await due.CatchUpAsync(entry.QueueId, ct);
        var queue = await db.Queues.AsNoTracking().SingleAsync(q => q.Id == entry.QueueId, ct);
        if (entry.UserId != actor.Id && !await CanOperateAsync(db, actor, queue, ct))
        {
            return Error.Forbidden("You can see the history of your own tickets, or of tickets of a queue you run.");
        }
        var events = await db.QueueEvents.AsNoTracking().Where(e => e.EntryId == ticketId).OrderBy(e => e.Id).ToListAsync(ct);
        return events.Select(e => new TicketHistoryItem(e.Id, e.FromStatus, e.ToStatus, e.Command, e.ActorId, e.At, e.Slot, e.Reason)).ToList();
    }

    public async Task<Result<TimeSpan>> GetPausedTimeAsync(Actor actor, Guid queueId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        if (to < from)
        {
            return Error.Invalid("The end of the period must not be before its start.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId, ct);
        if (queue is null)
        {
            return Error.NotFound("The queue");
        }
        if (!await CanOperateAsync(db, actor, queue, ct))
        {
            return Error.Forbidden("Only the owner and the staff assigned to this queue can see its paused time.");
        }
        var changes = await db.QueueStatusChanges.AsNoTracking()
            .Where(c => c.QueueId == queueId && c.At < to)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { c.At, c.From, c.To })
            .ToListAsync(ct);
        var end = to < clock.GetUtcNow() ? to : clock.GetUtcNow();
        var paused = TimeSpan.Zero;
        DateTimeOffset? pausedSince = null;
        foreach (var change in changes)
        {
            if (change.To == QueueStatus.Paused)
            {
                pausedSince = change.At;
            }
            else if (change.From == QueueStatus.Paused && pausedSince is { } start)
            {
                paused += Overlap(start, change.At, from, end);
                pausedSince = null;
            }
        }
        if (pausedSince is { } open)
        {
            paused += Overlap(open, end, from, end);
        }
        return paused;
    }

    private static TimeSpan Overlap(DateTimeOffset start, DateTimeOffset stop, DateTimeOffset from, DateTimeOffset to)
    {
        var s = start > from ? start : from;
        var e = stop < to ? stop : to;
        return e > s ? e - s : TimeSpan.Zero;
    }

    /// <summary>
    /// Rounds of service ahead × the recent average service time (or the queue's default before there is
    /// history). Unknown while nobody serves: a paused or closed queue calls nobody.
    /// </summary>
    private static async Task<TimeSpan?> EstimateAsync(WaitWiseDbContext db, Queue queue, int position, CancellationToken ct)
    {
        if (queue.Status is QueueStatus.Paused or QueueStatus.Closed)
        {
            return null;
        }
        var recent = await db.QueueEntries.AsNoTracking()
            .Where(e => e.QueueId == queue.Id && e.Status == TicketStatus.Completed)
            .OrderByDescending(e => e.CompletedAt)
            .Take(RecentServiceSample)
            .Select(e => new { e.ServedAt, e.CompletedAt })
            .ToListAsync(ct);
        var perTicket = recent.Count == 0
            ? TimeSpan.FromSeconds(queue.DefaultServiceSeconds)
            : TimeSpan.FromTicks((long)recent.Average(e => (e.CompletedAt!.Value - e.ServedAt!.Value).Ticks));
        var rounds = (position + queue.ServiceSlots - 1) / queue.ServiceSlots;
        return perTicket * rounds;
    }

    /// <summary>Position counts the WAITING tickets ahead in serving order; LATE ones never count (SPEC.md invariant 6).</summary>
    private static async Task<TicketPosition> PositionAsync(WaitWiseDbContext db, Queue queue, QueueEntry entry, CancellationToken ct)
    {
        var view = TicketView.From(entry, queue.TicketPrefix);
        if (entry.Status != TicketStatus.Waiting)
        {
            return new TicketPosition(view, null, null);
        }
        var ahead = entry.PriorityBoost == 0
            ? await UnboostedAheadAsync(db, entry, ct)
            : await db.QueueEntries.CountAsync(e => e.QueueId == entry.QueueId && e.Status == TicketStatus.Waiting &&
                (e.PriorityBoost > entry.PriorityBoost ||
                 (e.PriorityBoost == entry.PriorityBoost && (e.JoinedAt < entry.JoinedAt ||
                    (e.JoinedAt == entry.JoinedAt && e.TicketNumber < entry.TicketNumber)))), ct);
        var position = ahead + 1;
        return new TicketPosition(view, position, await EstimateAsync(db, queue, position, ct));
    }

    /// <summary>
    /// Among tickets that never rejoined, serving order is number order (invariant 4). So the tickets ahead of one are
    /// the boosted ones, plus the numbers from the head of the line up to it, less the numbers in that range that are
    /// not waiting unboosted (they left the line early, or rejoined and are counted as boosted). Those gaps are few and
    /// indexed (IX_QueueEntries_LineGaps), so this reads a handful of index entries, not the whole line.
    /// </summary>
    private static async Task<int> UnboostedAheadAsync(WaitWiseDbContext db, QueueEntry entry, CancellationToken ct)
    {
        var ahead = await db.Database.SqlQuery<int>($"""
            SELECT ((SELECT count(*) FROM "QueueEntries" b
                     WHERE b."QueueId" = {entry.QueueId} AND b."Status" = 'WAITING' AND b."PriorityBoost" > 0)
                  + {entry.TicketNumber} - head."TicketNumber"
                  - (SELECT count(*) FROM "QueueEntries" g
                     WHERE g."QueueId" = {entry.QueueId} AND g."TicketNumber" >= head."TicketNumber" AND g."TicketNumber" < {entry.TicketNumber}
                       AND (g."Status" <> 'WAITING' OR g."PriorityBoost" <> 0)))::int AS "Value"
            FROM (SELECT h."TicketNumber" FROM "QueueEntries" h
                  WHERE h."QueueId" = {entry.QueueId} AND h."Status" = 'WAITING' AND h."PriorityBoost" = 0
                  ORDER BY h."JoinedAt", h."TicketNumber" LIMIT 1) head
            """).SingleOrDefaultAsync(ct);
        // The ticket may have left the line since it was read; it is then first in no line, and the caller re-reads.
        return Math.Max(0, ahead);
    }

    private static Task<bool> CanOperateAsync(WaitWiseDbContext db, Actor actor, Queue queue, CancellationToken ct) =>
        Rights.CanOperateAsync(db, actor, queue.Id, queue.BusinessId, ct);
}
