using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Data.Commands;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Notifications;

/// <summary>
/// Messages to everyone waiting, through the command pipeline: the queue row locked (so two senders cannot both pass
/// the once-a-minute check), the message kept with its sender, its outbox rows in the same transaction, and the queue's
/// pages told after the commit.
/// </summary>
public sealed class QueueMessages(
    IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock, IQueueNotifier notifier, OutboxChannels channels, ILoggerFactory loggers)
    : IQueueMessages
{
    private readonly QueueTransaction _pipeline = new(factory, clock, notifier, channels, loggers.CreateLogger<QueueTransaction>());

    public async Task<Result<QueueNotice>> SendAsync(Actor actor, Guid queueId, string? text, RequestKey? key = null, CancellationToken ct = default)
    {
        var words = QueueMessage.Check(text);
        if (!words.IsSuccess)
        {
            return words.Error!;
        }
        return await _pipeline.RunAsync<QueueNotice>(new CommandRequest(actor, queueId, "QueueMessage", key, Arguments: words.Value!), async ctx =>
        {
            if (!await ctx.CanOperateAsync())
            {
                return Error.Forbidden("Only the queue's owner and its staff can write to everyone waiting.");
            }
            var last = await ctx.Db.QueueMessages.Where(m => m.QueueId == queueId).MaxAsync(m => (DateTimeOffset?)m.At, ct);
            if (last is { } at && ctx.Now - at < QueueMessage.MinimumInterval)
            {
                var wait = (int)Math.Ceiling((QueueMessage.MinimumInterval - (ctx.Now - at)).TotalSeconds);
                return new Error(ErrorKind.TooSoon, $"One message a minute to everyone waiting: the next can go in {wait} s.");
            }
            var message = new QueueMessage { QueueId = queueId, Text = words.Value!, ActorId = actor.Id, At = ctx.Now };
            ctx.Db.QueueMessages.Add(message);
            await ctx.Db.SaveChangesAsync(ct);
            ctx.Planned += await Outbox.BroadcastAsync(ctx.Db, channels, message, ct);
            return new QueueNotice(message.Id, message.Text, message.At);
        }, ct);
    }

    public async Task<QueueNotice?> CurrentAsync(Guid queueId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CurrentQuery(db, queueId, clock.GetUtcNow()).FirstOrDefaultAsync(ct);
    }

    /// <summary>The newest message of the queue still shown at <paramref name="now"/>.</summary>
    internal static IQueryable<QueueNotice> CurrentQuery(WaitWiseDbContext db, Guid queueId, DateTimeOffset now)
    {
        var shownSince = now - QueueMessage.Shown;
        return db.QueueMessages.AsNoTracking()
            .Where(m => m.QueueId == queueId && m.At > shownSince)
            .OrderByDescending(m => m.Id)
            .Select(m => new QueueNotice(m.Id, m.Text, m.At));
    }

    public async Task<Result<QueueMessageLog>> RecentAsync(Actor actor, Guid queueId, int count = 5, CancellationToken ct = default)
    {
        if (count is < 1 or > 100)
        {
            return Error.Invalid("Read 1 to 100 messages at a time.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.Where(q => q.Id == queueId).Select(q => new { q.BusinessId, q.Business!.TimeZoneId }).SingleOrDefaultAsync(ct);
        if (queue is null || !await Rights.CanOperateAsync(db, actor, queueId, queue.BusinessId, ct))
        {
            return Error.NotFound("The queue");
        }
        var sent = await db.QueueMessages.AsNoTracking()
            .Where(m => m.QueueId == queueId)
            .OrderByDescending(m => m.Id)
            .Take(count)
            .Select(m => new SentQueueMessage(
                m.Id, m.Text, m.At,
                db.Users.Where(u => u.Id == m.ActorId).Select(u => u.Email).FirstOrDefault() ?? "(closed account)",
                db.Notifications.Count(n => n.QueueId == queueId && n.Kind == NotificationKind.Broadcast && n.Occurrence == m.Id)))
            .ToListAsync(ct);
        return new QueueMessageLog(queue.TimeZoneId, sent);
    }
}
