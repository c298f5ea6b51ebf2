using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// Gives a guest ticket, held by its key, to the signed-in account of the person holding it: from then on it is
    /// that account's ticket like any other (My tickets, the queue's page), and the key opens it no more. Under the
    /// queue's lock, so one person still holds one open ticket in a line; audited as the account's act, the status
    /// unchanged. An ended ticket moves too: it is the account's history.
    /// </summary>
    public async Task<Result<TicketView>> AttachGuestTicketAsync(Actor account, Guid ticketId, string? key, CancellationToken ct = default)
    {
        var held = await GuestHolderAsync(ticketId, key, ct);
        if (!held.IsSuccess)
        {
            return held.Error!;
        }
        var (guest, queueId) = held.Value;
        return await _pipeline.RunAsync(new CommandRequest(account, queueId, nameof(TicketCommand.Attach), Target: ticketId), async ctx =>
        {
            if (!await ctx.Db.Users.AnyAsync(u => u.Id == account.Id && !u.IsGuest && u.ClosedAt == null, ct))
            {
                return Error.Forbidden("Only a signed-in account can take over a guest ticket.");
            }
            // The key is checked again under the lock: another tab may have attached the ticket meanwhile.
            var entry = await ctx.Db.QueueEntries.SingleOrDefaultAsync(e => e.Id == ticketId && e.UserId == guest.Id && e.KeyHash != null, ct);
            if (entry is null)
            {
                return Error.NotFound("The ticket");
            }
            if (entry.Status.IsOpen() && await ctx.Db.QueueEntries.Where(e => e.QueueId == queueId && e.UserId == account.Id)
                    .Where(e => EF.Constant(TicketStatuses.Open).Contains(e.Status)).Select(e => e.TicketNumber).FirstOrDefaultAsync(ct) is > 0 and var number)
            {
                return new Error(ErrorKind.AlreadyInQueue,
                    $"Your account already has ticket {TicketCode.Format(ctx.Queue.TicketPrefix, number)} in {ctx.Queue.Name}; leave one of the two first.");
            }
            entry.UserId = account.Id;
            entry.KeyHash = null;
            ctx.Audit(entry, entry.Status, TicketCommand.Attach);
            await ctx.Db.SaveChangesAsync(ct);
            return Result<TicketView>.Ok(ctx.View(entry));
        }, ct);
    }
}
