using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WaitWise.Core.Tickets;
using WaitWise.Data.Configurations;

namespace WaitWise.Data.Tickets;

/// <summary>
/// The time-based transitions of SPEC.md as set-based statements: CALLED → LATE once CallTimeout has passed,
/// LATE → MISSED once ExpiresAt has passed, each audited by "system". The timestamps written are the moments
/// the transitions fell due, not the moment they were applied, so a late or repeated run changes nothing
/// a timely run would not have, and a second run finds nothing to do.
/// </summary>
internal static class DueTransitions
{
    /// <summary>The moves and their audit events; <c>audit</c> returns the ticket and queue of every event.</summary>
    private static readonly string Changes = $"""
        WITH timed_out AS (
            UPDATE "QueueEntries" e SET
                "Status" = CASE WHEN e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds" + q."GraceTimeSeconds") <= @now
                                THEN {Sql.Of(TicketStatus.Missed)} ELSE {Sql.Of(TicketStatus.Late)} END,
                "Slot" = NULL,
                "LateAt" = e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds"),
                "ExpiresAt" = e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds" + q."GraceTimeSeconds")
            FROM "Queues" q
            WHERE q."Id" = e."QueueId" AND e."QueueId" = ANY(@queues) AND e."Status" = {Sql.Of(TicketStatus.Called)}
              AND e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds") <= @now
            RETURNING e."Id", e."QueueId", e."Status", e."LateAt", e."ExpiresAt"
        ), expired AS (
            UPDATE "QueueEntries" e SET "Status" = {Sql.Of(TicketStatus.Missed)}
            WHERE e."QueueId" = ANY(@queues) AND e."Status" = {Sql.Of(TicketStatus.Late)} AND e."ExpiresAt" <= @now
            RETURNING e."Id", e."QueueId", e."ExpiresAt"
        ), audit AS (
            INSERT INTO "QueueEvents" ("EntryId", "QueueId", "FromStatus", "ToStatus", "Command", "ActorId", "At", "Reason")
            SELECT "Id", "QueueId", {Sql.Of(TicketStatus.Called)}, {Sql.Of(TicketStatus.Late)}, '{nameof(TicketCommand.CallTimeout)}', 'system', "LateAt", 'Call timeout passed' FROM timed_out
            UNION ALL
            SELECT "Id", "QueueId", {Sql.Of(TicketStatus.Late)}, {Sql.Of(TicketStatus.Missed)}, '{nameof(TicketCommand.Expire)}', 'system', "ExpiresAt", 'Grace time passed' FROM timed_out WHERE "Status" = {Sql.Of(TicketStatus.Missed)}
            UNION ALL
            SELECT "Id", "QueueId", {Sql.Of(TicketStatus.Late)}, {Sql.Of(TicketStatus.Missed)}, '{nameof(TicketCommand.Expire)}', 'system', "ExpiresAt", 'Grace time passed' FROM expired
            RETURNING "EntryId", "QueueId"
        )
        """;

    private static readonly string MovedTickets = Changes + """SELECT DISTINCT "EntryId" FROM audit""";

    /// <summary>
    /// A ticket is in at most one of the two updates (each sees the table as it was before the statement), and
    /// PostgreSQL runs the audit insert to completion even though this tail does not read it.
    /// </summary>
    private static readonly string MovedPerQueue = Changes + """
        SELECT "QueueId", count(*)::int FROM (SELECT "QueueId" FROM timed_out UNION ALL SELECT "QueueId" FROM expired) moved
        GROUP BY "QueueId"
        """;

    /// <summary>
    /// The queues with something due at <paramref name="now"/>, in id order (the order their rows are locked in).
    /// Both halves read partial indexes that hold only LATE or only CALLED tickets.
    /// </summary>
    public static readonly string DueQueues = $"""
        SELECT "QueueId" AS "Value" FROM "QueueEntries" WHERE "Status" = {Sql.Of(TicketStatus.Late)} AND "ExpiresAt" <= @now
        UNION
        SELECT e."QueueId" FROM "QueueEntries" e JOIN "Queues" q ON q."Id" = e."QueueId"
        WHERE e."Status" = {Sql.Of(TicketStatus.Called)} AND e."CalledAt" + make_interval(secs => q."CallTimeoutSeconds") <= @now
        ORDER BY 1
        """;

    /// <summary>Whether anything is due in one queue: index probes (the database function the join shares), so a read with nothing due stays cheap.</summary>
    public const string IsDue = "SELECT waitwise_is_due(@queue, @now)";

    /// <summary>Applies what is due in the given queues, whose rows the caller has locked. Returns the tickets moved.</summary>
    public static async Task<HashSet<Guid>> ApplyAsync(WaitWiseDbContext db, Guid[] queueIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = Command(db, MovedTickets, queueIds, now);
        var moved = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            moved.Add(reader.GetGuid(0));
        }
        return moved;
    }

    /// <summary>As <see cref="ApplyAsync"/>, but counts the tickets moved per queue instead of listing them (a sweep may move many).</summary>
    public static async Task<Dictionary<Guid, int>> ApplyCountingAsync(WaitWiseDbContext db, Guid[] queueIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = Command(db, MovedPerQueue, queueIds, now);
        var moved = new Dictionary<Guid, int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            moved[reader.GetGuid(0)] = reader.GetInt32(1);
        }
        return moved;
    }

    private static NpgsqlCommand Command(WaitWiseDbContext db, string sql, Guid[] queueIds, DateTimeOffset now)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("queues", queueIds);
        command.Parameters.AddWithValue("now", now);
        return command;
    }
}
