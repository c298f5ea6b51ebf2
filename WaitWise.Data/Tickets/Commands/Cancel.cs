using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>Any open state → CANCELLED, by the ticket's holder or the queue's owner and staff.</summary>
    public Task<Result<TicketView>> CancelAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        OnTicketAsync(actor, ticketId, TicketCommand.Cancel, key, ct, async (ctx, entry) =>
            entry.UserId != actor.Id && !await ctx.CanOperateAsync()
                ? Error.Forbidden("You may cancel only your own ticket, or tickets of a queue you run.")
                : await MoveAsync(ctx, entry, TicketCommand.Cancel, () => Task.FromResult(entry.Cancel(actor.Id, ctx.Now))));
}
