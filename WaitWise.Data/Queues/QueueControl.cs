using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WaitWise.Data.Notifications;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Queues;

/// <summary>Open, pause, lock and close, through the command pipeline and the queue's transition table.</summary>
public sealed class QueueControl(
    IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock, IQueueNotifier notifier, OutboxChannels channels, ILoggerFactory loggers)
    : IQueueControl
{
    private readonly QueueTransaction _pipeline = new(factory, clock, notifier, channels, loggers.CreateLogger<QueueTransaction>());

    public Task<Result<QueueStatus>> OpenAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        ChangeAsync(actor, queueId, QueueCommand.Open, key, ct);

    public Task<Result<QueueStatus>> PauseAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        ChangeAsync(actor, queueId, QueueCommand.Pause, key, ct);

    public Task<Result<QueueStatus>> LockAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        ChangeAsync(actor, queueId, QueueCommand.Lock, key, ct);

    public Task<Result<QueueStatus>> CloseAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default) =>
        ChangeAsync(actor, queueId, QueueCommand.Close, key, ct);

    private Task<Result<QueueStatus>> ChangeAsync(Actor actor, Guid queueId, QueueCommand command, RequestKey? key, CancellationToken ct) =>
        _pipeline.RunAsync<QueueStatus>(new CommandRequest(actor, queueId, $"Queue{command}", key), async ctx =>
        {
            if (actor.IsSystem || !await ctx.IsOwnerAsync())
            {
                return Error.Forbidden("Only the business's owner can open, pause, lock or close its queues.");
            }
            var queue = ctx.Queue;
            var from = queue.Status;
            var byHand = command == QueueCommand.Open && await QueueHours.OpenByHandAsync(ctx.Db, queue, ctx.Now, ct);
            var decided = QueueTransitions.Decide(from, command, byHand);
            if (!decided.IsSuccess)
            {
                return decided;
            }
            if (command is QueueCommand.Lock or QueueCommand.Close)
            {
                queue.OpenedByHandUntil = null;
            }
            if (decided.Value != from)
            {
                queue.Status = decided.Value;
                ctx.Db.QueueStatusChanges.Add(new QueueStatusChange { QueueId = queueId, From = from, To = decided.Value, ActorId = actor.Id, At = ctx.Now });
            }
            return decided;
        }, ct);
}
