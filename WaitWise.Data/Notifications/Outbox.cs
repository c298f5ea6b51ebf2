using Microsoft.EntityFrameworkCore;
using Npgsql;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;
using WaitWise.Data.Configurations;

namespace WaitWise.Data.Notifications;

/// <summary>
/// The channels this installation sends on (configured in the web app; none, and nothing is planned at all), and the
/// in-process hint that wakes the delivery after a commit that may have written messages.
/// </summary>
public sealed class OutboxChannels(IReadOnlyList<NotificationChannel> enabled)
{
    private readonly SemaphoreSlim _written = new(0, 1);

    public static OutboxChannels None => new([]);

    public IReadOnlyList<NotificationChannel> Enabled => enabled;

    public string[] Names => [.. enabled.Select(c => c.ToString())];

    /// <summary>After a commit: there may be something to send.</summary>
    public void Committed()
    {
        if (enabled.Count > 0 && _written.CurrentCount == 0)
        {
            try
            {
                _written.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit woke the delivery first: one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a commit's hint, or the time; true when hinted.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _written.WaitAsync(timeout, ct);
}

/// <summary>
/// Writes the messages a transaction made due into the outbox, in that transaction: the calls, recalls, late and
/// missed tickets among the audit events it wrote, and "almost your turn" for each ticket that moved into the
/// queue's first <c>NotifyAtPosition</c> places from further back. <see cref="BeforeAsync"/> reads where things stood
/// when the transaction had its queues locked; <see cref="PlanAsync"/>, just before the commit, writes the rows.
/// A message already written (same ticket, kind, occurrence and channel) is not written again.
/// </summary>
internal static class Outbox
{
    /// <summary>What the transaction started from: the last audit event id then, and the tickets in the notify places.</summary>
    internal sealed record Start(long LastEventId, Guid[] InNotifyPlaces);

    public static async Task<Start?> BeforeAsync(WaitWiseDbContext db, OutboxChannels channels, Guid[] queueIds, CancellationToken ct)
    {
        if (channels.Enabled.Count == 0)
        {
            return null;
        }
        // Every event of these queues written before their locks were taken has an id up to this; every one this
        // transaction writes, a higher one (no other transaction writes events for a queue whose row it cannot lock).
        // One round trip: each command pays it.
        var start = await db.Database.SqlQueryRaw<StartRow>(InNotifyPlaces + """
                SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "QueueEvents_Id_seq") AS "LastEventId",
                       ARRAY(SELECT "Id" FROM top) AS "InNotifyPlaces"
                """, new NpgsqlParameter("queues", queueIds)).SingleAsync(ct);
        return new Start(start.LastEventId, start.InNotifyPlaces);
    }

    private sealed record StartRow(long LastEventId, Guid[] InNotifyPlaces);

    /// <summary>Writes the rows; how many, so that the delivery is woken after the commit only when there is something to send.</summary>
    public static async Task<int> PlanAsync(WaitWiseDbContext db, OutboxChannels channels, Start? start, Guid[] queueIds, DateTimeOffset now, CancellationToken ct)
    {
        if (start is null)
        {
            return 0;
        }
        await db.SaveChangesAsync(ct);
        // Not composed on (a statement with data-modifying WITH parts may not be a subquery): its one row, as a list.
        var written = await db.Database.SqlQueryRaw<long>(Plan,
            new NpgsqlParameter("queues", queueIds), new NpgsqlParameter("since", start.LastEventId), new NpgsqlParameter("before", start.InNotifyPlaces),
            new NpgsqlParameter("channels", channels.Names), new NpgsqlParameter("now", now)).ToListAsync(ct);
        return (int)written.Single();
    }

    /// <summary>A message to everyone waiting: one row per waiting (or held) ticket and channel, in the command's transaction.</summary>
    public static Task<int> BroadcastAsync(WaitWiseDbContext db, OutboxChannels channels, QueueMessage message, CancellationToken ct) =>
        channels.Enabled.Count == 0
            ? Task.FromResult(0)
            : db.Database.ExecuteSqlRawAsync(Broadcast,
                [new NpgsqlParameter("queue", message.QueueId), new NpgsqlParameter("message", message.Id), new NpgsqlParameter("text", message.Text),
                 new NpgsqlParameter("channels", channels.Names), new NpgsqlParameter("now", message.At)], ct);

    /// <summary>The WAITING tickets in each queue's first NotifyAtPosition places, in serving order.</summary>
    private const string InNotifyPlaces = """
        WITH top AS (
            SELECT t."Id" FROM "Queues" q CROSS JOIN LATERAL (
                SELECT e."Id" FROM "QueueEntries" e WHERE e."QueueId" = q."Id" AND e."Status" = 'WAITING'
                ORDER BY e."PriorityBoost" DESC, e."JoinedAt", e."TicketNumber" LIMIT q."NotifyAtPosition") t
            WHERE q."Id" = ANY(@queues) AND q."NotifyAtPosition" > 0)
        """;

    /// <summary>
    /// Where a ticket's holder is reached on each channel: an account at its e-mail, unless turned off; a guest at what
    /// they gave; the browser that asked for pushes about this ticket (the recipient is the ticket, whose subscription
    /// the push channel reads when it sends).
    /// </summary>
    private const string Recipients = """
        JOIN "AspNetUsers" u ON u."Id" = e."UserId"
        LEFT JOIN "Guests" g ON g."UserId" = e."UserId"
        CROSS JOIN LATERAL (VALUES
            ('Email', CASE WHEN u."IsGuest" THEN g."Email" WHEN u."EmailNotifications" AND u."ClosedAt" IS NULL THEN u."Email" END),
            ('Sms', g."Phone"),
            ('Push', (SELECT p."TicketId"::text FROM "WebPushSubscriptions" p WHERE p."TicketId" = e."Id"))) c(channel, recipient)
        """;

    private const string Columns = """
        INSERT INTO "Notifications" ("TicketId", "QueueId", "Kind", "Occurrence", "Channel", "Recipient", "Slot", "Until", "Status", "Attempts", "CreatedAt", "DueAt")
        """;

    /// <summary>The messages from the audit events the transaction wrote: calls, recalls, late and missed tickets.</summary>
    private static readonly string FromEvents = $"""
        {Columns}
        SELECT v."EntryId", v."QueueId", k.kind, v."Id", c.channel, c.recipient, v."Slot", e."ExpiresAt", 'Pending', 0, @now, @now
        FROM "QueueEvents" v
        JOIN (VALUES ('{nameof(TicketCommand.CallNext)}', '{nameof(NotificationKind.Called)}'),
                     ('{nameof(TicketCommand.CallSpecific)}', '{nameof(NotificationKind.Called)}'),
                     ('{nameof(TicketCommand.Recall)}', '{nameof(NotificationKind.Recalled)}'),
                     ('{nameof(TicketCommand.CallTimeout)}', '{nameof(NotificationKind.Late)}'),
                     ('{nameof(TicketCommand.NoShow)}', '{nameof(NotificationKind.Late)}'),
                     ('{nameof(TicketCommand.Expire)}', '{nameof(NotificationKind.Missed)}')) k(command, kind) ON k.command = v."Command"
        JOIN "QueueEntries" e ON e."Id" = v."EntryId"
        {Recipients}
        WHERE v."QueueId" = ANY(@queues) AND v."Id" > @since AND e."Notify"
          AND c.recipient IS NOT NULL AND c.channel = ANY(@channels)
        ON CONFLICT DO NOTHING
        """;

    private static readonly string Broadcast = $"""
        INSERT INTO "Notifications" ("TicketId", "QueueId", "Kind", "Occurrence", "Channel", "Recipient", "Text", "Status", "Attempts", "CreatedAt", "DueAt")
        SELECT e."Id", e."QueueId", '{nameof(NotificationKind.Broadcast)}', @message, c.channel, c.recipient, @text, 'Pending', 0, @now, @now
        FROM "QueueEntries" e
        {Recipients}
        WHERE e."QueueId" = @queue AND e."Status" IN ('{TicketStatus.Waiting.ToDb()}', '{TicketStatus.Held.ToDb()}') AND e."Notify"
          AND c.recipient IS NOT NULL AND c.channel = ANY(@channels)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Newly in the notify places, and there before this transaction (further back): not a ticket it wrote (a join
    /// into a short line is told its place by the join) and not one rejoining at the front after its call.
    /// </summary>
    private static readonly string Almost = $"""
        {Columns}
        SELECT e."Id", e."QueueId", '{nameof(NotificationKind.Almost)}', 0, c.channel, c.recipient, NULL, NULL, 'Pending', 0, @now, @now
        FROM top JOIN "QueueEntries" e ON e."Id" = top."Id"
        {Recipients}
        WHERE NOT (e."Id" = ANY(@before)) AND e."PriorityBoost" = 0 AND e."Notify"
          AND NOT EXISTS (SELECT 1 FROM "QueueEvents" j WHERE j."EntryId" = e."Id" AND j."Id" > @since AND j."Command" = '{nameof(TicketCommand.Join)}')
          AND c.recipient IS NOT NULL AND c.channel = ANY(@channels)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Both in one statement, one round trip per command. The two inserts see the same snapshot and write different
    /// kinds, so neither can meet the other's rows.
    /// </summary>
    private static readonly string Plan = $"""
        {InNotifyPlaces},
        from_events AS ({FromEvents} RETURNING 1),
        almost AS ({Almost} RETURNING 1)
        SELECT (SELECT count(*) FROM from_events) + (SELECT count(*) FROM almost) AS "Value"
        """;
}
