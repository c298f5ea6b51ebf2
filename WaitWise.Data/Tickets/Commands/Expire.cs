using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// LATE → MISSED once the grace time is over. The background job applies it for every ticket anyway; here it is
    /// asked for one ticket, and a ticket the pipeline's own due catch-up just expired is the answer as it stands.
    /// </summary>
    public Task<Result<TicketView>> ExpireAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        OnTicketAsync(actor, ticketId, TicketCommand.Expire, key, ct, async (ctx, entry) =>
        {
            if (!actor.IsSystem && !await ctx.CanOperateAsync())
            {
                return NotOperator();
            }
            if (ctx.TimedOut.Contains(entry.Id) && entry.Status == TicketStatus.Missed)
            {
                return entry;
            }
            return await MoveAsync(ctx, entry, TicketCommand.Expire, () => Task.FromResult(entry.Expire(ctx.Now)));
        });
}
