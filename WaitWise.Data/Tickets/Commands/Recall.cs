using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>CALLED → CALLED: no change but an audit event and a fresh announcement on the board.</summary>
    public Task<Result<TicketView>> RecallAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.Recall, key, ct, (_, entry) => Task.FromResult(entry.Recall()));
}
