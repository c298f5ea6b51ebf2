using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using WaitWise.Data.Notifications;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Tickets;

/// <summary>
/// Applies the time-based transitions (CALLED → LATE after CallTimeout, LATE → MISSED at ExpiresAt) outside
/// the commands: for every queue at once (the background sweep) or for the one queue a read is about to show
/// (lazy evaluation). Each batch is one transaction that locks its queue rows in id order, the order every
/// other multi-queue lock taker uses, so it never deadlocks with commands, which lock a single queue; moves
/// the tickets with one statement; lets AutoCall fill the freed counters; commits; then tells watchers.
/// Everything it writes is derived from timestamps, so a repeated or late run changes nothing more.
/// </summary>
public sealed partial class DueTransitionService(
    IDbContextFactory<WaitWiseDbContext> factory,
    TimeProvider clock,
    IQueueNotifier notifier,
    OutboxChannels channels,
    ILogger<DueTransitionService> logger)
{
    /// <summary>Queues per transaction: few enough to keep locks short, many enough that a busy moment is a handful of statements.</summary>
    public const int QueueBatchSize = 200;

    private const int MaxAttempts = 10;

    /// <summary>Applies everything due in every queue. Returns how many tickets moved.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            due = await db.Database.SqlQueryRaw<Guid>(DueTransitions.DueQueues, new NpgsqlParameter("now", now)).ToListAsync(ct);
        }
        var moved = 0;
        foreach (var batch in due.Chunk(QueueBatchSize))
        {
            moved += await ApplyWithRetryAsync(batch, now, ct);
        }
        if (moved > 0)
        {
            LogSwept(moved, due.Count);
        }
        return moved;
    }

    /// <summary>
    /// Makes one queue show what is due as already applied, before a read. Nothing due (the usual case) costs one
    /// index probe and no lock. Returns whether anything moved.
    /// </summary>
    public async Task<bool> CatchUpAsync(Guid queueId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var isDue = await db.Database.SqlQueryRaw<bool>(
                    DueTransitions.IsDue + " AS \"Value\"", new NpgsqlParameter("queue", queueId), new NpgsqlParameter("now", now))
                .SingleAsync(ct);
            if (!isDue)
            {
                return false;
            }
        }
        return await ApplyWithRetryAsync([queueId], now, ct) > 0;
    }

    private async Task<int> ApplyWithRetryAsync(Guid[] queueIds, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (moved, planned) = await ApplyAsync(queueIds, now, ct);
                foreach (var queueId in moved.Keys)
                {
                    notifier.Publish(queueId);
                }
                if (planned > 0)
                {
                    channels.Committed();
                }
                return moved.Values.Sum();
            }
            catch (Exception ex) when (attempt < MaxAttempts && PostgresRetries.IsTransient(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), ct);
            }
        }
    }

    private async Task<(Dictionary<Guid, int> Moved, int Planned)> ApplyAsync(Guid[] queueIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var queues = await db.Queues
            .FromSql($"SELECT * FROM \"Queues\" WHERE \"Id\" = ANY({queueIds}) ORDER BY \"Id\" FOR UPDATE")
            .ToListAsync(ct);
        var outbox = await Outbox.BeforeAsync(db, channels, queueIds, ct);
        var moved = await DueTransitions.ApplyCountingAsync(db, queueIds, now, ct);
        foreach (var queue in queues.Where(q => moved.ContainsKey(q.Id)))
        {
            await new CommandContext(db, queue, Actor.System, now, ct).FillFreeSlotsAsync();
        }
        var planned = moved.Count > 0 ? await Outbox.PlanAsync(db, channels, outbox, [.. moved.Keys], now, ct) : 0;
        await tx.CommitAsync(ct);
        return (moved, planned);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Tickets} due time-based transitions in {Queues} queues")]
    private partial void LogSwept(int tickets, int queues);
}
