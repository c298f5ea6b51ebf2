using Npgsql;

namespace WaitWise.Bench;

/// <summary>
/// Large lines written in one statement each, with the audit events a real history would have (join, and for
/// LATE tickets call and no-show), so the invariant checker can vouch for the data the scenarios start from.
/// </summary>
public static class BulkTickets
{
    /// <summary>One WAITING ticket per user, numbered in order, a millisecond apart.</summary>
    public static Task WaitingAsync(BenchHost host, Guid queueId, IReadOnlyList<string> userIds) =>
        WriteAsync(host, queueId, userIds, late: false);

    /// <summary>One LATE ticket per user whose grace time ran out an hour ago.</summary>
    public static Task OverdueLateAsync(BenchHost host, Guid queueId, IReadOnlyList<string> userIds) =>
        WriteAsync(host, queueId, userIds, late: true);

    private static async Task WriteAsync(BenchHost host, Guid queueId, IReadOnlyList<string> userIds, bool late)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""
            WITH base AS (
                UPDATE "Queues" SET "LastTicketNumber" = "LastTicketNumber" + cardinality(@users) WHERE "Id" = @queue
                RETURNING "LastTicketNumber" - cardinality(@users) AS last
            ), t AS (
                INSERT INTO "QueueEntries" ("Id", "QueueId", "UserId", "TicketNumber", "Status", "PriorityBoost", "JoinedAt",
                                            "CalledAt", "LateAt", "ExpiresAt")
                SELECT gen_random_uuid(), @queue, u.id, base.last + u.n, CASE WHEN @late THEN 'LATE' ELSE 'WAITING' END, 0,
                       @start + u.n * interval '1 millisecond',
                       CASE WHEN @late THEN @start + u.n * interval '1 millisecond' + interval '1 minute' END,
                       CASE WHEN @late THEN @start + u.n * interval '1 millisecond' + interval '2 minutes' END,
                       CASE WHEN @late THEN @start + u.n * interval '1 millisecond' + interval '3 minutes' END
                FROM unnest(@users) WITH ORDINALITY AS u(id, n), base
                RETURNING "Id", "JoinedAt", "CalledAt", "LateAt"
            )
            INSERT INTO "QueueEvents" ("EntryId", "QueueId", "FromStatus", "ToStatus", "Command", "ActorId", "At", "Slot")
            SELECT t."Id", @queue, s.from_status, s.to_status, s.command, 'bench', s.at, s.slot
            FROM t CROSS JOIN LATERAL (VALUES
                (1, NULL, 'WAITING', 'Join', t."JoinedAt", NULL::int),
                (2, 'WAITING', 'CALLED', 'CallSpecific', t."CalledAt", 1),
                (3, 'CALLED', 'LATE', 'NoShow', t."LateAt", NULL)) AS s(step, from_status, to_status, command, at, slot)
            WHERE s.step = 1 OR @late
            ORDER BY t."JoinedAt", s.step
            """, connection, tx);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("queue", queueId);
        command.Parameters.AddWithValue("users", userIds.ToArray());
        command.Parameters.AddWithValue("late", late);
        command.Parameters.AddWithValue("start", DateTimeOffset.UtcNow.AddHours(-2));
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        // A line this long builds up over hours, and autovacuum keeps up with it meanwhile; vacuuming here keeps that
        // work out of the timings that follow. The whole database, so it includes the accounts the scenario has just
        // written for the line and what earlier scenarios left: left alone, autovacuum takes them on during the timing,
        // on one of this machine's two cores. VACUUM runs outside any transaction.
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }
}
