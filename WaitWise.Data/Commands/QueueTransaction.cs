using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using WaitWise.Data.Notifications;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Data.Idempotency;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Commands;

/// <summary>
/// One command on one queue, as <see cref="QueueTransaction"/> runs it: who, on which queue, the command's name, and
/// the request key with what it acts on (<paramref name="Target"/>: the queue or a ticket) and the rest of the request.
/// </summary>
internal sealed record CommandRequest(Actor Actor, Guid QueueId, string Name, RequestKey? Key = null, Guid? Target = null, string Arguments = "")
{
    public KeyUse? KeyUse => Key is null ? null : new KeyUse(Actor.Id, Key, Name, (Target ?? QueueId).ToString(), Arguments);
}

/// <summary>
/// The one way every ticket and queue command goes (STYLE.md: a pipeline, as CleanArchitecture's behaviours): open
/// the transaction, lock the queue row (SELECT … FOR UPDATE, so all commands on one queue serialise), answer a
/// repeated request key as the first time, apply what is due, run the command's decision, let AutoCall fill freed
/// counters, record the key, commit, and only then tell the queue's watchers. Deadlocks and serialization failures
/// are retried here, once for all. A command is its decision: a few lines that check, move and audit.
/// </summary>
internal sealed class QueueTransaction(
    IDbContextFactory<WaitWiseDbContext> factory,
    TimeProvider clock,
    IQueueNotifier notifier,
    OutboxChannels channels,
    ILogger<QueueTransaction> logger)
{
    private const string CommandSavepoint = "command";

    /// <summary>Runs <paramref name="decide"/> in the pipeline; its answer is the command's.</summary>
    public Task<Result<T>> RunAsync<T>(CommandRequest request, Func<CommandContext, Task<Result<T>>> decide, CancellationToken ct) =>
        RunAsync(request, decide, (_, value) => Task.FromResult(value), ct);

    /// <summary>
    /// Runs <paramref name="decide"/>, then AutoCall, then <paramref name="answer"/>: what the caller is told is read
    /// after AutoCall, which may have called the very ticket the command wrote.
    /// </summary>
    public async Task<Result<T>> RunAsync<TDecided, T>(
        CommandRequest request, Func<CommandContext, Task<Result<TDecided>>> decide, Func<CommandContext, TDecided, Task<T>> answer, CancellationToken ct)
    {
        if (request.Key is { } key && IdempotencyStore.Invalid(key) is { } invalid)
        {
            return invalid;
        }
        return await PostgresRetries.RunAsync(logger, request.Name, request.QueueId, ct, async () =>
        {
            var (outcome, changed, planned) = await AttemptAsync(request, decide, answer, ct);
            if (changed)
            {
                notifier.Publish(request.QueueId);
            }
            if (planned > 0)
            {
                channels.Committed();
            }
            return outcome;
        });
    }

    /// <summary>One try: the answer, whether anything was committed (watchers are told only then) and how many messages it wrote.</summary>
    private async Task<(Result<T> Result, bool Changed, int Planned)> AttemptAsync<TDecided, T>(
        CommandRequest request, Func<CommandContext, Task<Result<TDecided>>> decide, Func<CommandContext, TDecided, Task<T>> answer, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var queue = (await db.Queues.FromSql($"SELECT * FROM \"Queues\" WHERE \"Id\" = {request.QueueId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
        if (queue is null)
        {
            return (Error.NotFound("The queue"), false, 0);
        }
        var key = request.KeyUse;
        if (key is not null && await IdempotencyStore.ReplayAsync<T>(db, key, ct) is { } replayed)
        {
            return (replayed, false, 0);
        }
        var now = clock.GetUtcNow();
        var outbox = await Outbox.BeforeAsync(db, channels, [queue.Id], ct);
        var ctx = new CommandContext(db, queue, request.Actor, now, ct)
        {
            TimedOut = await DueTransitions.ApplyAsync(db, [queue.Id], now, ct),
        };
        if (ctx.TimedOut.Count > 0)
        {
            await ctx.FillFreeSlotsAsync();
        }
        // Due time-based transitions stand even when the command itself is refused, and a refusal is kept for its key.
        var keepOnRefusal = ctx.TimedOut.Count > 0 || key is not null;
        if (keepOnRefusal)
        {
            await tx.CreateSavepointAsync(CommandSavepoint, ct);
        }
        var decided = await decide(ctx);
        if (!decided.IsSuccess)
        {
            var refused = Result<T>.Fail(decided.Error!);
            if (!keepOnRefusal)
            {
                await tx.RollbackAsync(ct);
                return (refused, false, 0);
            }
            await tx.RollbackToSavepointAsync(CommandSavepoint, ct);
            db.ChangeTracker.Clear();
            var plannedOnRefusal = await Outbox.PlanAsync(db, channels, outbox, [queue.Id], now, ct);
            await CommitAsync(db, tx, key, refused, now, ct);
            return (refused, ctx.TimedOut.Count > 0, plannedOnRefusal);
        }
        await ctx.FillFreeSlotsAsync();
        var result = Result<T>.Ok(await answer(ctx, decided.Value!));
        // The messages the command made due, in its own transaction: a command that does not commit sends nothing.
        var planned = await Outbox.PlanAsync(db, channels, outbox, [queue.Id], now, ct) + ctx.Planned;
        await CommitAsync(db, tx, key, result, now, ct);
        return (result, true, planned);
    }

    private static async Task CommitAsync<T>(
        WaitWiseDbContext db, IDbContextTransaction tx, KeyUse? key, Result<T> result, DateTimeOffset now, CancellationToken ct)
    {
        if (key is not null)
        {
            IdempotencyStore.Record(db, key, result, now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
