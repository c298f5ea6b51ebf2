using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Commands;
using WaitWise.Data.Queues;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// ∅ → WAITING. A join is the database function waitwise_join (Migrations/Sql). Called on its own, with the joins to
    /// the same queue that arrive meanwhile (<see cref="JoinBatches"/>), it holds the queue's lock for that one round
    /// trip; when the join needs more (something due, opening hours, AutoCall, a request key to keep), the function
    /// says so and the join runs in the pipeline instead, the function then only checking and writing.
    /// </summary>
    public async Task<Result<TicketView>> JoinAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        (await JoinAsync(actor, queueId, key, place: false, ct)).Map(placed => placed.Ticket);

    public Task<Result<TicketPosition>> JoinAndPlaceAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        JoinAsync(actor, queueId, key, place: true, ct);

    /// <param name="place">
    /// Whether a ticket the pipeline writes is read again for its place in line (the one-call join knows it anyway);
    /// without it, such a ticket comes back with no position.
    /// </param>
    private async Task<Result<TicketPosition>> JoinAsync(Actor actor, Guid queueId, RequestKey? key, bool place, CancellationToken ct)
    {
        if (actor.IsSystem)
        {
            return Error.Forbidden("Only a signed-in person can join a queue.");
        }
        if (key is null && await PostgresRetries.RunAsync(_logger, nameof(TicketCommand.Join), queueId, error => (Result<TicketPosition>?)error, ct,
                () => FastJoinAsync(actor, queueId, ct)) is { } done)
        {
            return done;
        }
        return await _pipeline.RunAsync(new CommandRequest(actor, queueId, nameof(TicketCommand.Join), key), async ctx =>
        {
            var outsideHours = await QueueHours.RefusalAsync(ctx.Db, ctx.Queue, ctx.Now, ct);
            var id = Guid.CreateVersion7(ctx.Now);
            var written = (await JoinStatement.RunAsync(ctx.Db, queueId, [new JoinRequest(actor.Id, id, ctx.Now)], fast: false, outsideHours is not null, ct)).Single();
            return written.Refusal(outsideHours) is { } refused ? refused : Result<Guid>.Ok(id);
        }, async (ctx, id) =>
        {
            var tickets = ctx.Db.QueueEntries.Where(e => e.Id == id);
            if (!place)
            {
                return new TicketPosition(ctx.View(await tickets.AsNoTracking().SingleAsync(ct)), null, null);
            }
            // Read inside the transaction, so a kept answer says where the ticket stood when it was written.
            return (await Standing.Of(ctx.Db, tickets, ctx.Now).SingleAsync(ct)).Describe();
        }, ct);
    }

    /// <summary>The join in one round trip; null leaves it to the pipeline.</summary>
    private async Task<Result<TicketPosition>?> FastJoinAsync(Actor actor, Guid queueId, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var join = new JoinRequest(actor.Id, Guid.CreateVersion7(now), now);
        // A caller that gives up stops waiting; the join, already handed over, is made or refused all the same.
        var joined = await _joins.JoinAsync(queueId, join).WaitAsync(ct);
        if (joined.Outcome == JoinStatement.Slow)
        {
            return null;
        }
        if (joined.Refusal(outsideHours: null) is { } refused)
        {
            return refused;
        }
        _notifier.Publish(queueId);
        return joined.Placed(queueId, join);
    }
}
