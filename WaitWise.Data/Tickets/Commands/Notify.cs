using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// The holder's choice of messages for one ticket; no state moves, so no queue lock: a message already written to
    /// the outbox still goes, the next ones are not written.
    /// </summary>
    public async Task<Result<bool>> SetNotifyAsync(Actor holder, Guid ticketId, bool notify, CancellationToken ct = default)
    {
        await using var db = await _factory.CreateDbContextAsync(ct);
        var changed = await db.QueueEntries.Where(e => e.Id == ticketId && e.UserId == holder.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Notify, notify), ct);
        return changed == 0 ? Error.NotFound("Your ticket") : notify;
    }
}
