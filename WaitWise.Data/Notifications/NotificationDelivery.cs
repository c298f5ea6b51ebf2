using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Notifications;

/// <summary>Where a message's link leads: the app's public address and the ticket's page (a guest's with its key).</summary>
public sealed class TicketLinks(Func<Uri> publicAddress)
{
    public string For(Guid queueId, Guid ticketId, string? key) => key is null
        ? new Uri(publicAddress(), $"queues/{queueId}").AbsoluteUri
        : new Uri(publicAddress(), $"tickets/{ticketId}").AbsoluteUri + "#key=" + Uri.EscapeDataString(key);
}

/// <summary>A guest ticket's key, sealed for the guest's messages: the same purpose seals and opens it.</summary>
public static class GuestTicketKeys
{
    public const string Purpose = "WaitWise.GuestTicketKeys.v1";
}

/// <summary>
/// Sends what the outbox holds. A batch of due rows is claimed with FOR UPDATE SKIP LOCKED in a transaction that
/// stays open while they are sent, so the claim dies with the connection: another worker (on this node or another)
/// skips them meanwhile, and a worker that crashes leaves them to be claimed again. Each row records its outcome
/// (sent; or the provider's reason, retried later with back-off, and failed after the last attempt). A crash after
/// a send and before the commit may send that one message twice; nothing is ever lost.
/// </summary>
public sealed partial class NotificationDelivery(
    IDbContextFactory<WaitWiseDbContext> factory,
    TimeProvider clock,
    IEnumerable<IMessageChannel> channels,
    IDataProtectionProvider protection,
    TicketLinks links,
    IMessageLanguages languages,
    ILogger<NotificationDelivery> logger)
{
    /// <summary>A pool of the delivery's own, so a rush of commands cannot hold up the messages it makes.</summary>
    private readonly SeparatePool _pool = new(factory, "WaitWise notification delivery");

    public const int BatchSize = 50;
    public const int SendsAtOnce = 16;
    public const int MaxAttempts = 5;
    private const int ErrorMaxLength = 1000;

    /// <summary>The wait before attempt n + 1 after n failed: 15 s, 30 s, 1 min, 2 min.</summary>
    public static TimeSpan Backoff(int failedAttempts) => TimeSpan.FromSeconds(15 * Math.Pow(2, failedAttempts - 1));

    /// <summary>Sends until nothing is due; how many rows it settled or rescheduled.</summary>
    public async Task<int> DeliverAllDueAsync(CancellationToken ct)
    {
        var total = 0;
        int handled;
        do
        {
            handled = await DeliverDueAsync(ct);
            total += handled;
        }
        while (handled == BatchSize);
        return total;
    }

    /// <summary>One batch: claims up to <see cref="BatchSize"/> due rows, sends them, records each outcome.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        await using var db = await _pool.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Notifications.FromSql($"""
                SELECT * FROM "Notifications" WHERE "Status" = 'Pending' AND "DueAt" <= {now}
                ORDER BY "DueAt", "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var ticketIds = due.Select(n => n.TicketId).Distinct().ToList();
        var facts = await (
                from e in db.QueueEntries
                join q in db.Queues on e.QueueId equals q.Id
                join b in db.Businesses on q.BusinessId equals b.Id
                join u in db.Users on e.UserId equals u.Id
                join g in db.Guests on e.UserId equals g.UserId into guests
                from guest in guests.DefaultIfEmpty()
                where ticketIds.Contains(e.Id)
                select new { e.Id, e.QueueId, e.TicketNumber, q.TicketPrefix, QueueName = q.Name, BusinessName = b.Name, b.TimeZoneId, Language = u.Language ?? b.Language, Sealed = guest != null ? guest.SealedTicketKey : null })
            .ToDictionaryAsync(f => f.Id, ct);
        var keys = protection.CreateProtector(GuestTicketKeys.Purpose);
        var messages = due.Select(n =>
        {
            var f = facts[n.TicketId];
            return (Row: n, Message: NotificationTexts.For(new MessageFacts(
                n.Kind, TicketCode.Format(f.TicketPrefix, f.TicketNumber), f.QueueName, f.BusinessName, OpeningSchedule.ZoneOrUtc(f.TimeZoneId),
                links.For(f.QueueId, f.Id, f.Sealed is null ? null : keys.Unprotect(f.Sealed)), n.Slot, n.Until, n.Text),
                languages.In(f.Language)));
        }).ToList();
        // Each send waits mostly on the provider's answers, so a few go at once; each touches only its own row.
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = SendsAtOnce, CancellationToken = ct },
            async (m, token) => await SendAsync(m.Row, m.Message, now, token));
        await db.SaveChangesAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return due.Count;
    }

    private async Task SendAsync(Notification n, OutgoingMessage message, DateTimeOffset now, CancellationToken ct)
    {
        n.Attempts++;
        if (channels.FirstOrDefault(c => c.Channel == n.Channel) is not { } channel)
        {
            (n.Status, n.LastError) = (DeliveryStatus.Failed, $"The {n.Channel} channel is not configured on this server.");
            return;
        }
        if (n.Recipient.Length == 0)
        {
            (n.Status, n.LastError) = (DeliveryStatus.Failed, "The recipient's details were erased.");
            return;
        }
        try
        {
            await channel.SendAsync(n.Recipient, message, ct);
            (n.Status, n.SentAt, n.LastError) = (DeliveryStatus.Sent, clock.GetUtcNow(), null);
        }
        catch (UndeliverableException e)
        {
            (n.Status, n.LastError) = (DeliveryStatus.Failed, e.Message);
            LogFailed(n.Id, n.Channel, n.Attempts, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            n.LastError = e.Message.Length > ErrorMaxLength ? e.Message[..ErrorMaxLength] : e.Message;
            if (n.Attempts >= MaxAttempts)
            {
                n.Status = DeliveryStatus.Failed;
                LogFailed(n.Id, n.Channel, n.Attempts, n.LastError);
            }
            else
            {
                n.DueAt = now + Backoff(n.Attempts);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} on {Channel} failed after {Attempts} attempts: {Reason}")]
    private partial void LogFailed(long id, NotificationChannel channel, int attempts, string reason);
}
