using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Configurations;

namespace WaitWise.Data.Tickets;

/// <summary>
/// The staff console's read as one statement, so a refresh is one round trip: the queue with the reader's rights,
/// whether anything is due and the line's length, beside every ticket the console lists. Only when something is due
/// is it applied first and the queue read again.
/// </summary>
internal static class ConsoleQuery
{
    public static async Task<Result<QueueConsole>> ReadAsync(
        IDbContextFactory<WaitWiseDbContext> factory, DueTransitionService due, Actor actor, Guid queueId, int shown, DateTimeOffset now, CancellationToken ct)
    {
        if (shown is < 1 or > TicketPage.MaxPageSize)
        {
            return Error.Invalid($"The console lists 1 to {TicketPage.MaxPageSize} tickets of each kind.");
        }
        var rows = await RowsAsync(factory, actor, queueId, shown, now, ct);
        if (rows is [{ Due: true }, ..])
        {
            await due.CatchUpAsync(queueId, ct);
            rows = await RowsAsync(factory, actor, queueId, shown, now, ct);
        }
        if (rows is not [var head, ..])
        {
            return Error.NotFound("The queue");
        }
        if (actor.IsSystem || !head.CanOperate)
        {
            return Error.Forbidden("Only the owner and the staff assigned to this queue can see its console.");
        }
        var tickets = rows.Where(r => r.TicketId is not null).Select(r => TicketView.From(r.Ticket(), head.TicketPrefix)).ToList();
        List<TicketView> Of(TicketStatus status) => tickets.Where(t => t.Status == status).ToList();
        return new QueueConsole(
            new OperatedQueue(head.Id, head.Name, head.BusinessId, head.BusinessName, head.ServiceSlots, head.AutoCall,
                Enum.Parse<QueueStatus>(head.Status), head.IsOwner),
            Of(TicketStatus.Waiting),
            head.Waiting,
            [.. tickets.Where(t => t.Status.HoldsSlot())],
            Of(TicketStatus.Held),
            Of(TicketStatus.Late))
        {
            Guests = rows.Where(r => r.TicketId is not null && r.GuestName is not null)
                .ToDictionary(r => r.TicketId!.Value, r => new GuestContact(r.GuestName!, r.GuestHasPhone, r.GuestHasEmail)),
            Deliveries = rows.Where(r => r.TicketId is not null && r.EmailKind is not null | r.SmsKind is not null)
                .ToDictionary(r => r.TicketId!.Value, r => r.Deliveries()),
        };
    }

    private static async Task<List<ConsoleRow>> RowsAsync(
        IDbContextFactory<WaitWiseDbContext> factory, Actor actor, Guid queueId, int shown, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.SqlQueryRaw<ConsoleRow>(Statement,
                new Npgsql.NpgsqlParameter("queue", queueId), new Npgsql.NpgsqlParameter("actor", actor.Id),
                new Npgsql.NpgsqlParameter("now", now), new Npgsql.NpgsqlParameter("shown", shown))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The queue's row (one, or none for no queue) joined to each listed ticket, in the order each list is shown (the
    /// line in serving order, counters by number, held by ticket number, late soonest to expire first); a queue with
    /// none listed, or a reader who may not see them, is one row with no ticket.
    /// </summary>
    private static readonly string Statement = $"""
        WITH q AS (
            SELECT q."Id", q."Name", q."BusinessId", b."Name" AS "BusinessName", q."ServiceSlots", q."AutoCall", q."Status",
                   q."TicketPrefix", b."OwnerId" = @actor AS "IsOwner",
                   (b."OwnerId" = @actor OR EXISTS (SELECT 1 FROM "QueueStaff" s WHERE s."QueueId" = q."Id" AND s."UserId" = @actor)) AS "CanOperate",
                   waitwise_is_due(q."Id", @now) AS "Due",
                   (SELECT count(*)::int FROM "QueueEntries" w WHERE w."QueueId" = q."Id" AND w."Status" = {Sql.Of(TicketStatus.Waiting)}) AS "Waiting"
            FROM "Queues" q JOIN "Businesses" b ON b."Id" = q."BusinessId"
            WHERE q."Id" = @queue
        ), t AS (
            (SELECT e.*, 1 AS "Part", row_number() OVER (ORDER BY e."PriorityBoost" DESC, e."JoinedAt", e."TicketNumber") AS "Rank"
             FROM "QueueEntries" e WHERE e."QueueId" = @queue AND e."Status" = {Sql.Of(TicketStatus.Waiting)}
             ORDER BY e."PriorityBoost" DESC, e."JoinedAt", e."TicketNumber" LIMIT @shown)
            UNION ALL
            (SELECT e.*, 2, row_number() OVER (ORDER BY e."Slot")
             FROM "QueueEntries" e WHERE e."QueueId" = @queue AND e."Status" IN {Sql.AtCounterStatuses})
            UNION ALL
            (SELECT e.*, 3, row_number() OVER (ORDER BY e."TicketNumber")
             FROM "QueueEntries" e WHERE e."QueueId" = @queue AND e."Status" = {Sql.Of(TicketStatus.Held)}
             ORDER BY e."TicketNumber" LIMIT @shown)
            UNION ALL
            (SELECT e.*, 4, row_number() OVER (ORDER BY e."ExpiresAt", e."TicketNumber")
             FROM "QueueEntries" e WHERE e."QueueId" = @queue AND e."Status" = {Sql.Of(TicketStatus.Late)}
             ORDER BY e."ExpiresAt", e."TicketNumber" LIMIT @shown)
        )
        SELECT q.*, t."Id" AS "TicketId", t."UserId", t."TicketNumber", t."Status" AS "TicketStatus", t."PriorityBoost", t."Slot",
               t."JoinedAt", t."CalledAt", t."ServedAt", t."CompletedAt", t."LateAt", t."ExpiresAt", t."CancelledAt", t."CancelledBy",
               g."Name" AS "GuestName", g."Phone" IS NOT NULL AS "GuestHasPhone", g."Email" IS NOT NULL AS "GuestHasEmail",
               de."Kind" AS "EmailKind", de."Status" AS "EmailStatus", de."Attempts" AS "EmailAttempts", de."LastError" AS "EmailError",
               ds."Kind" AS "SmsKind", ds."Status" AS "SmsStatus", ds."Attempts" AS "SmsAttempts", ds."LastError" AS "SmsError"
        FROM q LEFT JOIN t ON q."CanOperate" LEFT JOIN "Guests" g ON g."UserId" = t."UserId"
        {Newest(NotificationChannel.Email, "de")}
        {Newest(NotificationChannel.Sms, "ds")}
        ORDER BY t."Part", t."Rank"
        """;

    /// <summary>The ticket's newest message on one channel, as <paramref name="alias"/>.</summary>
    private static string Newest(NotificationChannel channel, string alias) => $"""
        LEFT JOIN LATERAL (SELECT n."Kind", n."Status", n."Attempts", n."LastError" FROM "Notifications" n
                           WHERE n."TicketId" = t."Id" AND n."Channel" = '{channel}' ORDER BY n."Id" DESC LIMIT 1) {alias} ON true
        """;

    /// <summary>One row of <see cref="Statement"/>.</summary>
    private sealed record ConsoleRow(
        Guid Id, string Name, Guid BusinessId, string BusinessName, int ServiceSlots, bool AutoCall, string Status, string TicketPrefix,
        bool IsOwner, bool CanOperate, bool Due, int Waiting,
        Guid? TicketId, string? UserId, int? TicketNumber, string? TicketStatus, int? PriorityBoost, int? Slot,
        DateTimeOffset? JoinedAt, DateTimeOffset? CalledAt, DateTimeOffset? ServedAt, DateTimeOffset? CompletedAt,
        DateTimeOffset? LateAt, DateTimeOffset? ExpiresAt, DateTimeOffset? CancelledAt, string? CancelledBy, string? GuestName, bool GuestHasPhone, bool GuestHasEmail,
        string? EmailKind, string? EmailStatus, int? EmailAttempts, string? EmailError, string? SmsKind, string? SmsStatus, int? SmsAttempts, string? SmsError)
    {
        public IReadOnlyList<TicketDelivery> Deliveries() =>
        [
            .. Delivery(NotificationChannel.Email, EmailKind, EmailStatus, EmailAttempts, EmailError),
            .. Delivery(NotificationChannel.Sms, SmsKind, SmsStatus, SmsAttempts, SmsError),
        ];

        private static IEnumerable<TicketDelivery> Delivery(NotificationChannel channel, string? kind, string? status, int? attempts, string? error) =>
            kind is null
                ? []
                : [new TicketDelivery(channel, Enum.Parse<NotificationKind>(kind), Enum.Parse<DeliveryStatus>(status!), attempts!.Value, error)];

        public QueueEntry Ticket() => new()
        {
            Id = TicketId!.Value,
            QueueId = Id,
            UserId = UserId!,
            TicketNumber = TicketNumber!.Value,
            Status = TicketStatuses.FromDb(TicketStatus!),
            PriorityBoost = PriorityBoost!.Value,
            Slot = Slot,
            JoinedAt = JoinedAt!.Value,
            CalledAt = CalledAt,
            ServedAt = ServedAt,
            CompletedAt = CompletedAt,
            LateAt = LateAt,
            ExpiresAt = ExpiresAt,
            CancelledAt = CancelledAt,
            CancelledBy = CancelledBy,
        };
    }
}
