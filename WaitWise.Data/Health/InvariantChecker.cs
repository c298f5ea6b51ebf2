using Microsoft.EntityFrameworkCore;
using Npgsql;
using WaitWise.Core.Tickets;
using WaitWise.Data.Configurations;

namespace WaitWise.Data.Health;

public sealed record InvariantViolation(int Invariant, string Description, Guid? QueueId, Guid? TicketId);

/// <summary>
/// Runs SPEC.md's seven invariants as SQL over the whole database and returns every violation found.
/// Tests run it after each concurrent scenario; the admin health page shows it.
/// </summary>
public sealed class InvariantChecker(IDbContextFactory<WaitWiseDbContext> factory)
{
    private static readonly (int Invariant, string Sql)[] Checks =
    [
        (1, $"""
            SELECT format('%s tickets at counters, but only %s service slots', count(*), max(q."ServiceSlots")), q."Id", NULL::uuid
            FROM "QueueEntries" e JOIN "Queues" q ON q."Id" = e."QueueId"
            WHERE e."Status" IN {Sql.AtCounterStatuses} GROUP BY q."Id" HAVING count(*) > max(q."ServiceSlots")
            """),
        (1, $"""
            SELECT format('slot %s is shared by %s tickets', e."Slot", count(*)), e."QueueId", NULL::uuid
            FROM "QueueEntries" e WHERE e."Status" IN {Sql.AtCounterStatuses} GROUP BY e."QueueId", e."Slot" HAVING count(*) > 1
            """),
        (1, $"""
            SELECT format('slot %s is outside 1..%s', e."Slot", q."ServiceSlots"), e."QueueId", e."Id"
            FROM "QueueEntries" e JOIN "Queues" q ON q."Id" = e."QueueId"
            WHERE e."Status" IN {Sql.AtCounterStatuses} AND (e."Slot" IS NULL OR e."Slot" < 1 OR e."Slot" > q."ServiceSlots")
            """),
        (2, $"""
            SELECT format('%s open tickets, but MaxSize is %s', count(*), max(q."MaxSize")), q."Id", NULL::uuid
            FROM "QueueEntries" e JOIN "Queues" q ON q."Id" = e."QueueId"
            WHERE e."Status" IN {Sql.OpenStatuses} GROUP BY q."Id" HAVING count(*) > max(q."MaxSize")
            """),
        (3, $"""
            SELECT format('user %s has %s open tickets', e."UserId", count(*)), e."QueueId", NULL::uuid
            FROM "QueueEntries" e WHERE e."Status" IN {Sql.OpenStatuses} GROUP BY e."QueueId", e."UserId" HAVING count(*) > 1
            """),
        (4, $"""
            SELECT format('ticket number %s is used %s times', e."TicketNumber", count(*)), e."QueueId", NULL::uuid
            FROM "QueueEntries" e GROUP BY e."QueueId", e."TicketNumber" HAVING count(*) > 1
            """),
        // Numbers increase in join order when each ticket joined no later than the next number: one pass, not all pairs.
        (4, $"""
            SELECT format('ticket %s joined after ticket %s', "TicketNumber", next_number), "QueueId", "Id"
            FROM (SELECT e.*, lead(e."JoinedAt") OVER w AS next_joined, lead(e."TicketNumber") OVER w AS next_number
                  FROM "QueueEntries" e WINDOW w AS (PARTITION BY e."QueueId" ORDER BY e."TicketNumber")) t
            WHERE "JoinedAt" > next_joined
            """),
        (4, $"""
            SELECT format('ticket number %s is above the last issued %s', e."TicketNumber", q."LastTicketNumber"), e."QueueId", e."Id"
            FROM "QueueEntries" e JOIN "Queues" q ON q."Id" = e."QueueId" WHERE e."TicketNumber" > q."LastTicketNumber"
            """),
        (5, $"""
            SELECT format('%s ticket has timestamps its state does not imply', e."Status"), e."QueueId", e."Id"
            FROM "QueueEntries" e
            WHERE (e."ServedAt" IS NOT NULL) <> (e."Status" IN {Sql.InList([TicketStatus.Serving, TicketStatus.Completed])})
               OR (e."ExpiresAt" IS NOT NULL) <> (e."Status" IN {Sql.InList([TicketStatus.Late, TicketStatus.Missed])})
               OR (e."CompletedAt" IS NOT NULL) <> (e."Status" = {Sql.Of(TicketStatus.Completed)})
               OR (e."CancelledAt" IS NOT NULL) <> (e."Status" = {Sql.Of(TicketStatus.Cancelled)})
               OR (e."Slot" IS NOT NULL) <> (e."Status" IN {Sql.AtCounterStatuses})
               OR e."ServedAt" < e."JoinedAt" OR e."CalledAt" < e."JoinedAt" OR e."CompletedAt" < e."ServedAt"
               OR e."ExpiresAt" <= e."LateAt"
            """),
        (5, $"""
            SELECT 'PriorityBoost is set but the ticket never rejoined', e."QueueId", e."Id"
            FROM "QueueEntries" e
            WHERE e."PriorityBoost" <> 0 AND NOT EXISTS (
                SELECT 1 FROM "QueueEvents" v WHERE v."EntryId" = e."Id" AND v."Command" = '{nameof(TicketCommand.Rejoin)}')
            """),
        (5, $"""
            SELECT format('ticket left terminal state %s', v."FromStatus"), v."QueueId", v."EntryId"
            FROM "QueueEvents" v WHERE v."FromStatus" IN {Sql.TerminalStatuses}
              AND NOT (v."Command" = '{nameof(TicketCommand.Attach)}' AND v."ToStatus" = v."FromStatus")
            """),
        (6, $"""
            SELECT 'a LATE or WAITING ticket holds a slot', e."QueueId", e."Id"
            FROM "QueueEntries" e WHERE e."Status" IN {Sql.InList([TicketStatus.Late, TicketStatus.Waiting])} AND e."Slot" IS NOT NULL
            """),
        // Tickets that never rejoined wait once, from their join to the first event that takes them out of WAITING,
        // and their serving order is their number order (invariant 4). A call-next of ticket c broke the order when
        // a lower number was still waiting: some lower number left WAITING after c's call, or has not left at all.
        (6, $"""
            SELECT 'a ticket was called ahead of one before it in the serving order', "QueueId", "Id"
            FROM (SELECT t.*, max(coalesce(t.left_at, 9223372036854775807)) OVER (PARTITION BY t."QueueId" ORDER BY t."TicketNumber"
                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS lower_left_last
                  FROM (SELECT e."Id", e."QueueId", e."TicketNumber", x."Id" AS left_at, x."Command" AS left_by
                        FROM "QueueEntries" e
                        LEFT JOIN LATERAL (SELECT v."Id", v."Command" FROM "QueueEvents" v
                                           WHERE v."EntryId" = e."Id" AND v."FromStatus" = {Sql.Of(TicketStatus.Waiting)} ORDER BY v."Id" LIMIT 1) x ON true
                        WHERE e."PriorityBoost" = 0) t) o
            WHERE left_by = '{nameof(TicketCommand.CallNext)}' AND lower_left_last > left_at
            """),
        (7, $"""
            SELECT 'the ticket has no join event, or more than one', e."QueueId", e."Id"
            FROM "QueueEntries" e
            WHERE (SELECT count(*) FROM "QueueEvents" v WHERE v."EntryId" = e."Id" AND v."FromStatus" IS NULL) <> 1
            """),
        (7, $"""
            SELECT format('the audit trail breaks: %s then %s', prev_to, "FromStatus"), "QueueId", "EntryId"
            FROM (SELECT v.*, lag(v."ToStatus") OVER (PARTITION BY v."EntryId" ORDER BY v."Id") AS prev_to FROM "QueueEvents" v) t
            WHERE prev_to IS NOT NULL AND prev_to IS DISTINCT FROM "FromStatus"
            """),
        (7, $"""
            SELECT format('status %s differs from the last audit event %s', e."Status", last."ToStatus"), e."QueueId", e."Id"
            FROM "QueueEntries" e
            JOIN LATERAL (SELECT v."ToStatus" FROM "QueueEvents" v WHERE v."EntryId" = e."Id" ORDER BY v."Id" DESC LIMIT 1) last ON true
            WHERE last."ToStatus" <> e."Status"
            """),
    ];

    public async Task<IReadOnlyList<InvariantViolation>> CheckAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // One snapshot for all checks, so a commit between two of them cannot look like a violation.
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var violations = new List<InvariantViolation>();
        foreach (var (invariant, sql) in Checks)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                violations.Add(new InvariantViolation(
                    invariant,
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetGuid(1),
                    reader.IsDBNull(2) ? null : reader.GetGuid(2)));
            }
        }
        return violations;
    }
}
