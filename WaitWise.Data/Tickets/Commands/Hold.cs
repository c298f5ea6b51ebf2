using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>CALLED or SERVING → HELD: the counter is freed and the break never counts as service time.</summary>
    public Task<Result<TicketView>> HoldAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.Hold, key, ct, (_, entry) => Task.FromResult(entry.Hold()));
}
