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
        {
            if (QueueCalling.Stopped(ctx.Queue.Status) is { } stopped)
            {
                return stopped;
            }
            var allowed = TicketTransitions.Decide(entry.Status, TicketCommand.CallSpecific);
            if (!allowed.IsSuccess)
            {
                return allowed;
            }
            var picked = await ctx.PickSlotAsync(slot);
            return picked.IsSuccess ? entry.Call(TicketCommand.CallSpecific, picked.Value, ctx.Now) : picked.Error!;
        }, slot);
}
