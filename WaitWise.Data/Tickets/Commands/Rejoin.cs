using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>LATE → WAITING within the grace time, ahead of the line (PriorityBoost), by the ticket's holder.</summary>
    public Task<Result<TicketView>> RejoinAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        OnTicketAsync(actor, ticketId, TicketCommand.Rejoin, key, ct, async (ctx, entry) =>
            entry.UserId != actor.Id
                ? Error.Forbidden("Only the ticket's holder can rejoin with it.")
                : await MoveAsync(ctx, entry, TicketCommand.Rejoin, () => Task.FromResult(entry.Rejoin(ctx.Now))));
}
