using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>SERVING → COMPLETED: the counter is free again (and AutoCall may call the next at once).</summary>
    public Task<Result<TicketView>> CompleteAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.Complete, key, ct, (ctx, entry) => Task.FromResult(entry.Complete(ctx.Now)));
}
