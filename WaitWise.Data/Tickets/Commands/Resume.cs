using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>HELD → SERVING at a free counter (the given one, or the lowest), bypassing the line.</summary>
    public Task<Result<TicketView>> ResumeAsync(Actor actor, Guid ticketId, int? slot = null, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.Resume, key, ct, async (ctx, entry) =>
        {
            var allowed = TicketTransitions.Decide(entry.Status, TicketCommand.Resume);
            if (!allowed.IsSuccess)
            {
                return allowed;
            }
            var picked = await ctx.PickSlotAsync(slot);
            return picked.IsSuccess ? entry.Resume(picked.Value, ctx.Now) : picked.Error!;
        }, slot);
}
