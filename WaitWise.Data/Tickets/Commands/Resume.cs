using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>HELD → SERVING at a free counter (the given one, or the lowest), bypassing the line.</summary>
    public Task<Result<TicketView>> ResumeAsync(Actor actor, Guid ticketId, int? slot = null, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.Resume, key, ct,
            (ctx, entry) => AtCounterAsync(ctx, entry, TicketCommand.Resume, slot, counter => entry.Resume(counter, ctx.Now)), slot);
}
