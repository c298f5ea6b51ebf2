using WaitWise.Data.Notifications;
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
        var standing = (await StandingsAsync(db, db.QueueEntries.Where(e => e.Id == ticketId), ct)).SingleOrDefault();
        if (standing is null)
        {
            return Error.NotFound("The ticket");
        }
        if (standing.Entry.UserId != actor.Id && !await CanOperateAsync(db, actor, standing.Queue, ct))
        {
            return Error.Forbidden("You can see only your own tickets, or tickets of a queue you run.");
        }
        return standing.Describe();
    }

    public async Task<Result<TicketPosition>> GetMyTicketAsync(Actor actor, Guid queueId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = db.QueueEntries
            .Where(e => e.QueueId == queueId && e.UserId == actor.Id)
            .OrderByDescending(e => e.TicketNumber)
            .Take(1);
        if ((await StandingsAsync(db, latest, ct)).SingleOrDefault() is { } standing)
        {
            return standing.Describe();
        }
        return await db.Queues.AnyAsync(q => q.Id == queueId, ct)
            ? Error.NotFound("Your ticket in this queue")
            : Error.NotFound("The queue");
    }

    public async Task<Result<MyTickets>> GetMyTicketsAsync(Actor actor, int pastCount = 10, CancellationToken ct = default)
    {
        if (pastCount is < 0 or > MyTickets.MaxPastCount)
        {
            return Error.Invalid($"Past tickets can be read 0 to {MyTickets.MaxPastCount} at a time.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = db.QueueEntries.Where(e => e.UserId == actor.Id);
        var open = await StandingsAsync(db, mine.Where(e => TicketStatuses.Open.Contains(e.Status)), ct);
        var past = await mine.AsNoTracking().Where(e => TicketStatuses.Terminal.Contains(e.Status))
            .OrderByDescending(e => e.CompletedAt ?? e.CancelledAt ?? e.ExpiresAt ?? e.JoinedAt).ThenByDescending(e => e.Id)
            .Take(pastCount)
            .ToListAsync(ct);
        var queueIds = open.Select(s => s.Queue.Id).Concat(past.Select(e => e.QueueId)).Distinct().ToList();
        var queues = await db.Queues.Where(q => queueIds.Contains(q.Id))
            .Select(q => new { q.Id, q.Name, q.BusinessId, BusinessName = q.Business!.Name, q.Business.TimeZoneId, q.TicketPrefix })
            .ToDictionaryAsync(q => q.Id, ct);

        MyTicket Mine(TicketPosition ticket)
        {
            var queue = queues[ticket.Ticket.QueueId];
            return new MyTicket(ticket, queue.BusinessId, queue.BusinessName, queue.Name, queue.TimeZoneId);
        }

        return new MyTickets(
            open.OrderByDescending(s => s.Entry.JoinedAt).ThenByDescending(s => s.Entry.Id).Select(s => Mine(s.Describe())).ToList(),
            past.Select(e => Mine(new TicketPosition(TicketView.From(e, queues[e.QueueId].TicketPrefix), null, null))).ToList());
    }

    public Task<Result<QueueConsole>> GetConsoleAsync(Actor actor, Guid queueId, int shown, CancellationToken ct = default) =>
        ConsoleQuery.ReadAsync(factory, due, actor, queueId, shown, clock.GetUtcNow(), ct);

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
        var holders = items.Select(e => e.UserId).Distinct().ToList();
        var names = await (
                from u in db.Users
                join g in db.Guests on u.Id equals g.UserId into guests
                from guest in guests.DefaultIfEmpty()
                where holders.Contains(u.Id)
                select new
                {
                    u.Id,
                    Name = guest != null ? guest.Name : u.IsGuest ? "Guest" : u.Email,
                    Guest = guest != null ? new GuestContact(guest.Name, guest.Phone != null, guest.Email != null) : null,
                })
            .ToListAsync(ct);
        var ids = items.Select(e => e.Id).ToList();
        var newest = await db.Notifications.AsNoTracking()
            .Where(n => ids.Contains(n.TicketId))
            .GroupBy(n => new { n.TicketId, n.Channel })
            .Select(g => g.OrderByDescending(n => n.Id).First())
            .ToListAsync(ct);
        return new TicketPage(items.Select(e => TicketView.From(e, queue.TicketPrefix)).ToList(), page, pageSize, total)
        {
            DisplayNames = names.ToDictionary(h => h.Id, h => h.Name ?? "(closed account)"),
            Guests = names.Where(h => h.Guest is not null).ToDictionary(h => h.Id, h => h.Guest!),
            Deliveries = newest.GroupBy(n => n.TicketId).ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<TicketDelivery>)[.. g.OrderBy(n => n.Channel).Select(n => new TicketDelivery(n.Channel, n.Kind, n.Status, n.Attempts, n.LastError))]),
        };
    }

    public async Task<Result<QueueBoard>> GetBoardAsync(Guid queueId, int nextCount = 5, CancellationToken ct = default)
    {
        if (nextCount is < 0 or > 50)
        {
            return Error.Invalid("The board shows 0 to 50 next tickets.");
        }
        await due.CatchUpAsync(queueId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var read = await db.Queues.AsNoTracking()
            .Where(q => q.Id == queueId && q.Business!.Status == BusinessStatus.Approved)
            .Select(q => new
            {
                Queue = q,
                Pace = new LinePace(StandingFunctions.CountersServing(q.Id, now), StandingFunctions.AtCounters(q.Id),
                    StandingFunctions.RecentServiceSeconds(q.Id), StandingFunctions.CallSeconds(q.Id)),
                q.Business!.Language,
            })
            .SingleOrDefaultAsync(ct);
        if (read is null)
        {
            return Error.NotFound("The queue");
        }
        var queue = read.Queue;
        var atCounters = await db.QueueEntries.AsNoTracking()
            .Where(e => e.QueueId == queueId && EF.Constant(TicketStatuses.AtCounter).Contains(e.Status))
            .OrderBy(e => e.Slot)
            .Select(e => new { e.Slot, e.TicketNumber, e.Status, e.CalledAt })
            .ToListAsync(ct);
        var next = await ServingOrder.Line(db, queueId).Take(nextCount).Select(e => e.TicketNumber).ToListAsync(ct);
        var waiting = await db.QueueEntries.CountAsync(e => e.QueueId == queueId && e.Status == TicketStatus.Waiting, ct);
        var open = await db.QueueEntries.CountAsync(e => e.QueueId == queueId && EF.Constant(TicketStatuses.Open).Contains(e.Status), ct);
        var lastAnnouncement = await db.QueueEvents
            .Where(e => e.QueueId == queueId && (e.Command == TicketCommand.CallNext || e.Command == TicketCommand.CallSpecific || e.Command == TicketCommand.Recall))
            .MaxAsync(e => (DateTimeOffset?)e.At, ct);
        var notice = await QueueMessages.CurrentQuery(db, queueId, now).FirstOrDefaultAsync(ct);
        return new QueueBoard(
            queue.Id,
            queue.Name,
            queue.Status,
            queue.ServiceSlots,
            waiting,
            open >= queue.MaxSize,
            Standing.Estimate(queue, waiting + 1, read.Pace),
            atCounters.Select(e => new BoardSlot(e.Slot!.Value, queue.CodeFor(e.TicketNumber), e.Status, e.CalledAt!.Value)).ToList(),
            next.Select(queue.CodeFor).ToList(),
            lastAnnouncement,
            notice,
            read.Language);
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
        return PausedTime.Within(changes.Select(c => (c.At, c.From, c.To)), from, end);
    }

    /// <summary>
    /// Each ticket of <paramref name="entries"/> with its queue and where it stands, in one round trip. When a
    /// time-based transition is due in one of their queues, it is applied first (<see cref="DueTransitionService.CatchUpAsync"/>)
    /// and the tickets read again, so what a reader sees never depends on whether the background sweep has run yet.
    /// </summary>
    private async Task<List<Standing>> StandingsAsync(WaitWiseDbContext db, IQueryable<QueueEntry> entries, CancellationToken ct)
    {
        var query = Standing.Of(db, entries, clock.GetUtcNow());
        var standings = await query.ToListAsync(ct);
        var dueIn = standings.Where(s => s.Due).Select(s => s.Queue.Id).Distinct().ToList();
        if (dueIn.Count == 0)
        {
            return standings;
        }
        foreach (var queueId in dueIn)
        {
            await due.CatchUpAsync(queueId, ct);
        }
        return await query.ToListAsync(ct);
    }

    private static Task<bool> CanOperateAsync(WaitWiseDbContext db, Actor actor, Queue queue, CancellationToken ct) =>
        Rights.CanOperateAsync(db, actor, queue.Id, queue.BusinessId, ct);
}
