using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

/// <summary>
/// The time-based transitions of SPEC.md as set-based statements: CALLED → LATE once CallTimeout has passed,
/// LATE → MISSED once ExpiresAt has passed, each audited by "system". The timestamps written are the moments
/// the transitions fell due, not the moment they were applied, so a late or repeated run changes nothing
/// a timely run would not have, and a second run finds nothing to do.
/// </summary>
internal static class DueTransitions
{
    private const string Statement = $"""
        WITH timed_out AS (
            UPDATE "QueueEntries" e SET
                "Status" = CASE WHEN e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds" + q."GraceTimeSeconds") <= @now
                                THEN 'MISSED' ELSE 'LATE' END,
                "Slot" = NULL,
                "LateAt" = e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds"),
                "ExpiresAt" = e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds" + q."GraceTimeSeconds")
            FROM "Queues" q
            WHERE q."Id" = e."QueueId" AND e."QueueId" = ANY(@queues) AND e."Status" = 'CALLED'
              AND e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds") <= @now
            RETURNING e."Id", e."QueueId", e."Status", e."LateAt", e."ExpiresAt"
        ), expired AS (
            UPDATE "QueueEntries" e SET "Status" = 'MISSED'
            WHERE e."QueueId" = ANY(@queues) AND e."Status" = 'LATE' AND e."ExpiresAt" <= @now
            RETURNING e."Id", e."QueueId", e."ExpiresAt"
        ), audit AS (
            INSERT INTO "QueueEvents" ("EntryId", "QueueId", "FromStatus", "ToStatus", "Command", "ActorId", "At", "Reason")
            SELECT "Id", "QueueId", 'CALLED', 'LATE', '{nameof(TicketCommand.CallTimeout)}', 'system', "LateAt", 'Call timeout passed' FROM timed_out
            UNION ALL
            SELECT "Id", "QueueId", 'LATE', 'MISSED', '{nameof(TicketCommand.Expire)}', 'system', "ExpiresAt", 'Grace time passed' FROM timed_out WHERE "Status" = 'MISSED'
            UNION ALL
            SELECT "Id", "QueueId", 'LATE', 'MISSED', '{nameof(TicketCommand.Expire)}', 'system', "ExpiresAt", 'Grace time passed' FROM expired
            RETURNING "EntryId"
        )
        SELECT DISTINCT "EntryId" FROM audit
        """;

    /// <summary>Applies what is due in the given queues, whose rows the caller has locked. Returns the tickets moved.</summary>
    public static async Task<HashSet<Guid>> ApplyAsync(WaitWiseDbContext db, Guid[] queueIds, DateTimeOffset now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Statement, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("queues", queueIds);
        command.Parameters.AddWithValue("now", now);
        var moved = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            moved.Add(reader.GetGuid(0));
        }
        return moved;
    }
}
