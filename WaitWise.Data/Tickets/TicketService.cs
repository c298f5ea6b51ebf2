using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Queues;

namespace WaitWise.Data.Tickets;

/// <summary>
/// The state machine's commands against PostgreSQL. Every command: one transaction, the queue row locked
/// (SELECT … FOR UPDATE) so all commands on one queue serialise, due time-based transitions applied,
/// guard and rights checked, ticket and audit written, commit, then notify. Deadlocks and serialization
/// failures are retried.
/// </summary>
public sealed partial class TicketService(
    IDbContextFactory<WaitWiseDbContext> factory,
    TimeProvider clock,
    IQueueNotifier notifier,
    ILogger<TicketService> logger) : ITicketService
{
    private const int MaxAttempts = 20;
    private const string CommandSavepoint = "command";

    private readonly JoinBatches _joins = new(factory);

    /// <summary>
    /// A join is the database function waitwise_join (Migrations/Sql/JoinFunction.sql). Called on its own, with the
    /// joins to the same queue that arrive meanwhile (<see cref="JoinBatches"/>), it holds the queue's lock for that
    /// one round trip; when the join needs more (something due, opening hours, AutoCall,
    /// a request id to remember), it runs inside the general command path instead.
    /// </summary>
    public async Task<Result<TicketView>> JoinAsync(Actor actor, Guid queueId, string? requestId = null, CancellationToken ct = default) =>
        (await JoinAsync(actor, queueId, requestId, place: false, ct)).Map(placed => placed.Ticket);

    public Task<Result<TicketPosition>> JoinAndPlaceAsync(Actor actor, Guid queueId, string? requestId = null, CancellationToken ct = default) =>
        JoinAsync(actor, queueId, requestId, place: true, ct);

    /// <param name="place">
    /// Whether a ticket written by the general path is read again for its place in line (the one-call join knows it
    /// anyway); without it, such a ticket comes back with no position.
    /// </param>
    private async Task<Result<TicketPosition>> JoinAsync(Actor actor, Guid queueId, string? requestId, bool place, CancellationToken ct)
    {
        if (actor.IsSystem)
        {
            return Error.Forbidden("Only a signed-in person can join a queue.");
        }
        if (requestId is null && await WithRetriesAsync(queueId, nameof(JoinAsync), ct, () => FastJoinAsync(actor, queueId, ct)) is { } done)
        {
            return done;
        }
        var joined = await OnQueueAsync<TicketView>(actor, queueId, requestId, nameof(JoinAsync), ct, async ctx =>
        {
            var outsideHours = await QueueHours.RefusalAsync(ctx.Db, ctx.Queue, ctx.Now, ct);
            var id = Guid.CreateVersion7(ctx.Now);
            var written = (await JoinStatement.RunAsync(ctx.Db, queueId, [new JoinRequest(actor.Id, id, ctx.Now)], fast: false, outsideHours is not null, ct)).Single();
            if (written.Refusal(outsideHours) is { } refused)
            {
                return refused;
            }
            await ctx.FillFreeSlotsAsync();
            return ctx.View(await ctx.Db.QueueEntries.SingleAsync(e => e.Id == id, ct));
        });
        if (!joined.IsSuccess)
        {
            return joined.Error!;
        }
        return place ? await PlaceAsync(joined.Value!, ct) : new TicketPosition(joined.Value!, null, null);
    }

    /// <summary>
    /// Where a ticket the general path wrote stands now: AutoCall may have called it at once, and a repeated request
    /// id answers the first ticket, which may have moved on or been deleted with its account since.
    /// </summary>
    private async Task<TicketPosition> PlaceAsync(TicketView ticket, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var standing = await Standing.Of(db, db.QueueEntries.Where(e => e.Id == ticket.Id), clock.GetUtcNow()).SingleOrDefaultAsync(ct);
        return standing?.Place(ticket) ?? new TicketPosition(ticket, null, null);
    }

    /// <summary>The join in one round trip; a null result leaves it to the general path.</summary>
    private async Task<(Result<TicketPosition>? Result, bool Changed)> FastJoinAsync(Actor actor, Guid queueId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var join = new JoinRequest(actor.Id, Guid.CreateVersion7(now), now);
        // A caller that gives up stops waiting; the join, already handed over, is made or refused all the same.
        var joined = await _joins.JoinAsync(queueId, join).WaitAsync(ct);
        if (joined.Outcome == JoinStatement.Slow)
        {
            return (null, false);
        }
        if (joined.Refusal(outsideHours: null) is { } refused)
        {
            return (refused, false);
        }
        return (joined.Placed(queueId, join), true);
    }

    public Task<Result<TicketView>> CallNextAsync(Actor actor, Guid queueId, int? slot = null, string? requestId = null, CancellationToken ct = default) =>
        OnQueueAsync<TicketView>(actor, queueId, requestId, nameof(CallNextAsync), ct, async ctx =>
        {
            if (!await ctx.CanOperateAsync())
            {
                return NotOperator();
            }
            if (CallingStopped(ctx.Queue) is { } stopped)
            {
                return stopped;
            }
            var picked = await ctx.PickSlotAsync(slot);
            if (!picked.IsSuccess)
            {
                return picked.Error!;
            }
            var head = await ctx.Line().FirstOrDefaultAsync(ct);
            if (head is null)
            {
                return new Error(ErrorKind.Conflict, "Nobody is waiting.");
            }
            head.Call(TicketCommand.CallNext, picked.Value, ctx.Now);
            ctx.Audit(head, TicketStatus.Waiting, TicketCommand.CallNext);
            return ctx.View(head);
        });

    public Task<Result<TicketView>> CallSpecificAsync(Actor actor, Guid ticketId, int? slot = null, string? requestId = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, requestId, nameof(CallSpecificAsync), ct, async (ctx, entry) =>
        {
            if (CallingStopped(ctx.Queue) is { } stopped)
            {
                return stopped;
            }
            var allowed = TicketTransitions.Decide(entry.Status, TicketCommand.CallSpecific);
            if (!allowed.IsSuccess)
            {
                return allowed.Error!;
            }
            var picked = await ctx.PickSlotAsync(slot);
            return picked.IsSuccess ? entry.Call(TicketCommand.CallSpecific, picked.Value, ctx.Now) : picked.Error!;
        }, TicketCommand.CallSpecific);

    public Task<Result<TicketView>> StartServiceAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, requestId, nameof(StartServiceAsync), ct,
            (ctx, entry) => Task.FromResult(entry.StartService(ctx.Now)), TicketCommand.StartService);

    public Task<Result<TicketView>> CompleteAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, requestId, nameof(CompleteAsync), ct,
            (ctx, entry) => Task.FromResult(entry.Complete(ctx.Now)), TicketCommand.Complete);

    public Task<Result<TicketView>> HoldAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, requestId, nameof(HoldAsync), ct,
            (_, entry) => Task.FromResult(entry.Hold()), TicketCommand.Hold);

    public Task<Result<TicketView>> ResumeAsync(Actor actor, Guid ticketId, int? slot = null, string? requestId = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, requestId, nameof(ResumeAsync), ct, async (ctx, entry) =>
        {
            var allowed = TicketTransitions.Decide(entry.Status, TicketCommand.Resume);
            if (!allowed.IsSuccess)
            {
                return allowed.Error!;
            }
            var picked = await ctx.PickSlotAsync(slot);
            return picked.IsSuccess ? entry.Resume(picked.Value, ctx.Now) : picked.Error!;
        }, TicketCommand.Resume);

    public Task<Result<TicketView>> NoShowAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, requestId, nameof(NoShowAsync), ct,
            (ctx, entry) => Task.FromResult(entry.MarkLate(TicketCommand.NoShow, ctx.Queue.GraceTime, ctx.Now)), TicketCommand.NoShow);

    public Task<Result<TicketView>> RecallAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        StaffCommandAsync(actor, ticketId, requestId, nameof(RecallAsync), ct,
            (_, entry) => Task.FromResult(entry.Recall()), TicketCommand.Recall);

    public Task<Result<TicketView>> RejoinAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        OnTicketAsync(actor, ticketId, requestId, nameof(RejoinAsync), ct, async (ctx, entry) =>
        {
            if (entry.UserId != actor.Id)
            {
                return Error.Forbidden("Only the ticket's holder can rejoin with it.");
            }
            return await Transition(ctx, entry, TicketCommand.Rejoin, () => entry.Rejoin(ctx.Now));
        });

    public Task<Result<TicketView>> CancelAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        OnTicketAsync(actor, ticketId, requestId, nameof(CancelAsync), ct, async (ctx, entry) =>
        {
            if (entry.UserId != actor.Id && !await ctx.CanOperateAsync())
            {
                return Error.Forbidden("You may cancel only your own ticket, or tickets of a queue you run.");
            }
            return await Transition(ctx, entry, TicketCommand.Cancel, () => entry.Cancel(actor.Id, ctx.Now));
        });

    public Task<Result<TicketView>> ExpireAsync(Actor actor, Guid ticketId, string? requestId = null, CancellationToken ct = default) =>
        OnTicketAsync(actor, ticketId, requestId, nameof(ExpireAsync), ct, async (ctx, entry) =>
        {
            if (!actor.IsSystem && !await ctx.CanOperateAsync())
            {
                return NotOperator();
            }
            if (ctx.TimedOut.Contains(entry.Id) && entry.Status == TicketStatus.Missed)
            {
                return ctx.View(entry);
            }
            return await Transition(ctx, entry, TicketCommand.Expire, () => entry.Expire(ctx.Now));
        });

    public Task<Result<QueueStatus>> OpenQueueAsync(Actor actor, Guid queueId, string? requestId = null, CancellationToken ct = default) =>
        ChangeQueueStatusAsync(actor, queueId, QueueStatus.Open, requestId, ct);

    public Task<Result<QueueStatus>> PauseQueueAsync(Actor actor, Guid queueId, string? requestId = null, CancellationToken ct = default) =>
        ChangeQueueStatusAsync(actor, queueId, QueueStatus.Paused, requestId, ct);

    public Task<Result<QueueStatus>> LockQueueAsync(Actor actor, Guid queueId, string? requestId = null, CancellationToken ct = default) =>
        ChangeQueueStatusAsync(actor, queueId, QueueStatus.Locked, requestId, ct);

    public Task<Result<QueueStatus>> CloseQueueAsync(Actor actor, Guid queueId, string? requestId = null, CancellationToken ct = default) =>
        ChangeQueueStatusAsync(actor, queueId, QueueStatus.Closed, requestId, ct);

    private Task<Result<QueueStatus>> ChangeQueueStatusAsync(Actor actor, Guid queueId, QueueStatus to, string? requestId, CancellationToken ct) =>
        OnQueueAsync<QueueStatus>(actor, queueId, requestId, $"Queue{to}", ct, async ctx =>
        {
            if (actor.IsSystem || !await ctx.IsOwnerAsync())
            {
                return Error.Forbidden("Only the business's owner can open, pause, lock or close its queues.");
            }
            var from = ctx.Queue.Status;
            var openedByHand = to == QueueStatus.Open && await QueueHours.OpenByHandAsync(ctx.Db, ctx.Queue, ctx.Now, ct);
            if (from == to && !openedByHand)
            {
                return new Error(ErrorKind.Conflict, $"The queue is already {to.ToString().ToLowerInvariant()}.");
            }
            if (to is QueueStatus.Locked or QueueStatus.Closed)
            {
                ctx.Queue.OpenedByHandUntil = null;
            }
            if (from != to)
            {
                ctx.Queue.Status = to;
                ctx.Db.QueueStatusChanges.Add(new QueueStatusChange { QueueId = queueId, From = from, To = to, ActorId = actor.Id, At = ctx.Now });
            }
            await ctx.FillFreeSlotsAsync();
            return to;
        });

    private static Error NotOperator() =>
        Error.Forbidden("Only the owner and the staff assigned to this queue can do that.");

    private static Error? CallingStopped(Queue queue) => QueueCalling.Stopped(queue.Status);

    /// <summary>A command that belongs to the queue's owner and assigned staff.</summary>
    private Task<Result<TicketView>> StaffCommandAsync(
        Actor actor, Guid ticketId, string? requestId, string name, CancellationToken ct,
        Func<CommandContext, QueueEntry, Task<Result<TicketStatus>>> apply, TicketCommand command) =>
        OnTicketAsync(actor, ticketId, requestId, name, ct, async (ctx, entry) =>
        {
            if (!await ctx.CanOperateAsync())
            {
                return NotOperator();
            }
            var from = entry.Status;
            var moved = await apply(ctx, entry);
            if (!moved.IsSuccess)
            {
                return moved.Error!;
            }
            ctx.Audit(entry, from, command);
            await ctx.FillFreeSlotsAsync();
            return ctx.View(entry);
        });

    private static async Task<Result<TicketView>> Transition(CommandContext ctx, QueueEntry entry, TicketCommand command, Func<Result<TicketStatus>> apply)
    {
        var from = entry.Status;
        var moved = apply();
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }
        ctx.Audit(entry, from, command);
        await ctx.FillFreeSlotsAsync();
        return ctx.View(entry);
    }

    private async Task<Result<TicketView>> OnTicketAsync(
        Actor actor, Guid ticketId, string? requestId, string name, CancellationToken ct,
        Func<CommandContext, QueueEntry, Task<Result<TicketView>>> body)
    {
        Guid queueId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            queueId = await db.QueueEntries.AsNoTracking().Where(e => e.Id == ticketId).Select(e => e.QueueId).SingleOrDefaultAsync(ct);
        }
        if (queueId == Guid.Empty)
        {
            return Error.NotFound("The ticket");
        }
        return await OnQueueAsync<TicketView>(actor, queueId, requestId, name, ct, async ctx =>
        {
            var entry = await ctx.Db.QueueEntries.SingleAsync(e => e.Id == ticketId, ct);
            return await body(ctx, entry);
        });
    }

    private async Task<Result<T>> OnQueueAsync<T>(
        Actor actor, Guid queueId, string? requestId, string name, CancellationToken ct,
        Func<CommandContext, Task<Result<T>>> body)
    {
        if (requestId is not null && (requestId.Length is 0 or > CommandRequest.RequestIdMaxLength))
        {
            return Error.Invalid($"A request id must have 1 to {CommandRequest.RequestIdMaxLength} characters.");
        }
        var result = await WithRetriesAsync<T>(queueId, name, ct, async () => await AttemptAsync(actor, queueId, requestId, name, ct, body));
        return result!.Value;
    }

    /// <summary>
    /// Runs one try after another until one is not transient, then tells the queue's watchers if it committed a
    /// change. A try may answer null: not done here.
    /// </summary>
    private async Task<Result<T>?> WithRetriesAsync<T>(
        Guid queueId, string name, CancellationToken ct, Func<Task<(Result<T>? Result, bool Changed)>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                var (result, changed) = await attempt();
                if (changed)
                {
                    notifier.Publish(queueId);
                }
                return result;
            }
            catch (Exception ex) when (n < MaxAttempts && IsTransient(ex))
            {
                LogRetry(queueId, name, n, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * n)), ct);
            }
            catch (Exception ex) when (Postgres(ex) is { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation or PostgresErrorCodes.ForeignKeyViolation } pg)
            {
                // The service checks every guard under the queue lock; reaching a constraint means a rule is
                // missing in code. The database kept the invariant: refuse, log loudly, change nothing.
                LogConstraint(queueId, name, pg.ConstraintName);
                return new Error(ErrorKind.Conflict, "The change was refused because it would break a rule of the queue.");
            }
        }
    }

    /// <summary>One try: the result, and whether anything was committed (watchers are told only then).</summary>
    private async Task<(Result<T> Result, bool Changed)> AttemptAsync<T>(
        Actor actor, Guid queueId, string? requestId, string name, CancellationToken ct,
        Func<CommandContext, Task<Result<T>>> body)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var queue = (await db.Queues.FromSql($"SELECT * FROM \"Queues\" WHERE \"Id\" = {queueId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
        if (queue is null)
        {
            return (Error.NotFound("The queue"), false);
        }
        if (requestId is not null)
        {
            var prior = await db.CommandRequests.AsNoTracking()
                .SingleOrDefaultAsync(r => r.ActorId == actor.Id && r.RequestId == requestId, ct);
            if (prior is not null)
            {
                return (prior.Command == name
                    ? JsonSerializer.Deserialize<T>(prior.ResultJson)!
                    : new Error(ErrorKind.Conflict, "This request id was already used for a different command."), false);
            }
        }
        var now = clock.GetUtcNow();
        var ctx = new CommandContext(db, queue, actor, now, ct)
        {
            TimedOut = await DueTransitions.ApplyAsync(db, [queueId], now, ct),
        };
        if (ctx.TimedOut.Count > 0)
        {
            await ctx.FillFreeSlotsAsync();
            // Due time-based transitions stand even when the command itself is refused.
            await tx.CreateSavepointAsync(CommandSavepoint, ct);
        }
        var result = await body(ctx);
        if (!result.IsSuccess)
        {
            if (ctx.TimedOut.Count == 0)
            {
                await tx.RollbackAsync(ct);
                return (result, false);
            }
            await tx.RollbackToSavepointAsync(CommandSavepoint, ct);
            await tx.CommitAsync(ct);
            return (result, true);
        }
        if (requestId is not null)
        {
            db.CommandRequests.Add(new CommandRequest
            {
                ActorId = actor.Id,
                RequestId = requestId,
                Command = name,
                ResultJson = JsonSerializer.Serialize(result.Value),
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (result, true);
    }

    /// <summary>
    /// Deadlocks and serialization failures are PostgreSQL asking for a retry; a clash on the request-id key
    /// means a twin request committed first, and the retry returns its result.
    /// </summary>
    internal static bool IsTransient(Exception ex) => Postgres(ex) is { } pg && (
        pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected ||
        pg is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "CommandRequests" });

    private static PostgresException? Postgres(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException pg)
            {
                return pg;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Command} on queue {QueueId} (attempt {Attempt}): {Reason}")]
    private partial void LogRetry(Guid queueId, string command, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} on queue {QueueId} hit database constraint {Constraint}")]
    private partial void LogConstraint(Guid queueId, string command, string? constraint);
}
