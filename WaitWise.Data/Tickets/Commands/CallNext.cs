using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>WAITING → CALLED for the head of the line (invariant 6), at a free counter (the given one, or the lowest).</summary>
    public Task<Result<TicketView>> CallNextAsync(Actor actor, Guid queueId, int? slot = null, RequestKey? key = null, CancellationToken ct = default) =>
        _pipeline.RunAsync(new CommandRequest(actor, queueId, nameof(TicketCommand.CallNext), key, Arguments: slot?.ToString() ?? ""), async ctx =>
        {
            if (!await ctx.CanOperateAsync())
            {
                return NotOperator();
            }
            if (QueueCalling.Stopped(ctx.Queue.Status) is { } stopped)
            {
                return stopped;
            }
            var picked = await ctx.PickSlotAsync(slot);
            if (!picked.IsSuccess)
            {
                return picked.Error!;
            }
            if (await ctx.Line().FirstOrDefaultAsync(ct) is not { } head)
            {
                return new Error(ErrorKind.Conflict, "Nobody is waiting.");
            }
            return await MoveAsync(ctx, head, TicketCommand.CallNext, () => Task.FromResult(head.Call(TicketCommand.CallNext, picked.Value, ctx.Now)));
        }, (ctx, head) => Task.FromResult(ctx.View(head)), ct);
}
