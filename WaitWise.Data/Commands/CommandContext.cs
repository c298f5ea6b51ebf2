using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Commands;

/// <summary>What one command sees inside its transaction: the locked queue row, the clock reading and the actor.</summary>
internal sealed class CommandContext(WaitWiseDbContext db, Queue queue, Actor actor, DateTimeOffset now, CancellationToken ct)
{
    private bool? _canOperate;

    public WaitWiseDbContext Db => db;
    public Queue Queue => queue;
    public DateTimeOffset Now => now;

    /// <summary>Tickets that the time-based transitions moved at the start of this command.</summary>
    public IReadOnlySet<Guid> TimedOut { get; init; } = new HashSet<Guid>();

    /// <summary>Messages the command wrote to the outbox itself (a message to everyone), beside those planned from its events.</summary>
    public int Planned { get; set; }

    /// <summary>The owner of the queue's business (SPEC.md: every queue of their businesses).</summary>
    public Task<bool> IsOwnerAsync() => Rights.IsOwnerAsync(db, actor, queue.BusinessId, ct);

    /// <summary>Owner, or staff assigned to this very queue in QueueStaff.</summary>
    public async Task<bool> CanOperateAsync()
    {
        _canOperate ??= await Rights.CanOperateAsync(db, actor, queue.Id, queue.BusinessId, ct);
        return _canOperate.Value;
    }

    public TicketView View(QueueEntry entry) => TicketView.From(entry, queue.TicketPrefix);

    public void Audit(QueueEntry entry, TicketStatus? from, TicketCommand command, string? reason = null, Actor? by = null) =>
        db.QueueEvents.Add(new QueueEvent
        {
            EntryId = entry.Id,
            QueueId = entry.QueueId,
            FromStatus = from,
            ToStatus = entry.Status,
            Command = command,
            ActorId = (by ?? actor).Id,
            At = TimeOf(entry, command),
            Slot = entry.Slot,
            Reason = reason,
        });

    /// <summary>The event's time is the timestamp the transition wrote, so the audit and the ticket agree.</summary>
    private DateTimeOffset TimeOf(QueueEntry entry, TicketCommand command) => command switch
    {
        TicketCommand.Join => entry.JoinedAt,
        TicketCommand.CallNext or TicketCommand.CallSpecific => entry.CalledAt ?? now,
        TicketCommand.StartService or TicketCommand.Resume => entry.ServedAt ?? now,
        TicketCommand.Complete => entry.CompletedAt ?? now,
        TicketCommand.NoShow or TicketCommand.CallTimeout => entry.LateAt ?? now,
        TicketCommand.Cancel => entry.CancelledAt ?? now,
        _ => now,
    };

    /// <summary>Counters in use, as the database has them now (save pending changes first).</summary>
    public Task<List<int>> BusySlotsAsync() =>
        db.QueueEntries
            .Where(e => e.QueueId == queue.Id && EF.Constant(TicketStatuses.AtCounter).Contains(e.Status))
            .Select(e => e.Slot!.Value)
            .ToListAsync(ct);

    /// <summary>The requested counter if it is free, else the lowest free one (<see cref="Counters.Pick"/>).</summary>
    public async Task<Result<int>> PickSlotAsync(int? requested)
    {
        if (requested is { } wanted && (wanted < 1 || wanted > queue.ServiceSlots))
        {
            return Counters.Pick(queue.ServiceSlots, [], wanted);
        }
        return Counters.Pick(queue.ServiceSlots, await BusySlotsAsync(), requested);
    }

    /// <summary>The WAITING tickets in serving order: PriorityBoost descending, then JoinedAt, then ticket number.</summary>
    public IQueryable<QueueEntry> Line() => ServingOrder.Line(db, queue.Id);

    /// <summary>With AutoCall on, calls the head of the line into every free counter (<see cref="Counters.ToFill"/>), inside this transaction.</summary>
    public async Task FillFreeSlotsAsync()
    {
        if (!Counters.AutoCalls(queue.AutoCall, queue.Status))
        {
            return;
        }
        await db.SaveChangesAsync(ct);
        var free = Counters.ToFill(queue.AutoCall, queue.Status, queue.ServiceSlots, await BusySlotsAsync());
        if (free.Count == 0)
        {
            return;
        }
        var heads = await Line().Take(free.Count).ToListAsync(ct);
        for (var i = 0; i < heads.Count; i++)
        {
            var called = heads[i].Call(TicketCommand.CallNext, free[i], now);
            if (!called.IsSuccess)
            {
                throw new InvalidOperationException($"AutoCall could not call a WAITING ticket: {called.Error!.Message}");
            }
            Audit(heads[i], TicketStatus.Waiting, TicketCommand.CallNext, "AutoCall", Actor.System);
        }
        await db.SaveChangesAsync(ct);
    }
}
