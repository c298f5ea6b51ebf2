using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>CALLED → SERVING: the person reached the counter; the service stopwatch starts.</summary>
    public Task<Result<TicketView>> StartServiceAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, TicketCommand.StartService, key, ct, (ctx, entry) => Task.FromResult(entry.StartService(ctx.Now)));
}
