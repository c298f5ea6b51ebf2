using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>WAITING → CALLED for the ticket staff picked, at a free counter (the given one, or the lowest).</summary>
    public Task<Result<TicketView>> CallSpecificAsync(Actor actor, Guid ticketId, int? slot = null, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.CallSpecific, key, ct, async (ctx, entry) =>
            QueueCalling.Stopped(ctx.Queue.Status) is { } stopped
                ? stopped
                : await AtCounterAsync(ctx, entry, TicketCommand.CallSpecific, slot, counter => entry.Call(TicketCommand.CallSpecific, counter, ctx.Now)),
            slot);
}
