using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>Cancels the caller's newest ticket in the queue, answered with where it now stands.</summary>
    public Task<Result<TicketPosition>> LeaveAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        OnMyTicketAsync(actor, queueId, TicketCommand.Cancel, key, ct, (ctx, entry) => entry.Cancel(actor.Id, ctx.Now));

    /// <summary>Rejoins with the caller's newest ticket in the queue (LATE → WAITING, ahead of the line), answered with its place.</summary>
    public Task<Result<TicketPosition>> RejoinMineAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        OnMyTicketAsync(actor, queueId, TicketCommand.Rejoin, key, ct, (ctx, entry) => entry.Rejoin(ctx.Now));

    /// <summary>
    /// A command on the caller's own newest ticket in the queue, found under the queue's lock, so the ticket, the move
    /// and the answer (its place, read in the same transaction) are one request that a key can replay.
    /// </summary>
    private Task<Result<TicketPosition>> OnMyTicketAsync(
        Actor actor, Guid queueId, TicketCommand command, RequestKey? key, CancellationToken ct, Func<CommandContext, QueueEntry, Result<TicketStatus>> move) =>
        _pipeline.RunAsync(new CommandRequest(actor, queueId, "My" + command, key), async ctx =>
        {
            var entry = await ctx.Db.QueueEntries.Where(e => e.QueueId == queueId && e.UserId == actor.Id)
                .OrderByDescending(e => e.TicketNumber).FirstOrDefaultAsync(ct);
            return entry is null
                ? Error.NotFound("Your ticket in this queue")
                : await MoveAsync(ctx, entry, command, () => Task.FromResult(move(ctx, entry)));
        }, async (ctx, entry) =>
        {
            // Written first (the transaction still decides), so the place read in it is the ticket's after the move.
            await ctx.Db.SaveChangesAsync(ct);
            return (await Standing.Of(ctx.Db, ctx.Db.QueueEntries.Where(e => e.Id == entry.Id), ctx.Now).SingleAsync(ct)).Describe();
        }, ct);
}
