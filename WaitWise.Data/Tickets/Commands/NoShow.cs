using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>CALLED → LATE, staff saying nobody came: the counter is freed and the grace time to rejoin starts.</summary>
    public Task<Result<TicketView>> NoShowAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.NoShow, key, ct,
            (ctx, entry) => Task.FromResult(entry.MarkLate(TicketCommand.NoShow, ctx.Queue.GraceTime, ctx.Now)));
}
