using Microsoft.EntityFrameworkCore;
using Npgsql;
using WaitWise.Data.Configurations;

namespace WaitWise.Data.Identity;

/// <summary>
/// Erases what guests told about themselves (name, e-mail, phone: the <see cref="Guest"/> row) once their tickets have
/// ended long enough ago. The tickets, their audit and every figure stay; staff see "Guest" where the name was.
/// </summary>
public sealed class GuestData(IDbContextFactory<WaitWiseDbContext> factory)
{
    /// <summary>A ticket's end is when it completed, was cancelled or was missed; the open states are Core's list.</summary>
    private static readonly string EraseStatement = """
        WITH chosen AS (
            SELECT g."UserId" FROM "Guests" g
            WHERE g."CreatedAt" < @before
              AND NOT EXISTS (SELECT 1 FROM "QueueEntries" e
                              WHERE e."UserId" = g."UserId"
                                AND (e."Status" IN
        """ + Sql.OpenStatuses + """

                                     OR GREATEST(e."CompletedAt", e."CancelledAt", e."ExpiresAt", e."JoinedAt") >= @before))
            ORDER BY g."CreatedAt"
            LIMIT @batch),
        -- The addresses their messages went to go too; what was sent, and when, stays.
        forgotten AS (
            UPDATE "Notifications" n SET "Recipient" = '' FROM "QueueEntries" e
            WHERE e."Id" = n."TicketId" AND e."UserId" IN (SELECT "UserId" FROM chosen))
        DELETE FROM "Guests" WHERE "UserId" IN (SELECT "UserId" FROM chosen)
        """;

    /// <summary>
    /// Forgets the browsers that asked for pushes about tickets (anyone's) that ended before <paramref name="before"/>;
    /// how many.
    /// </summary>
    public async Task<int> ForgetPushSubscriptionsBeforeAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.ExecuteSqlRawAsync(ForgetPushStatement, [new NpgsqlParameter("before", before)], ct);
    }

    private static readonly string ForgetPushStatement = """
        DELETE FROM "WebPushSubscriptions" p USING "QueueEntries" e
        WHERE e."Id" = p."TicketId" AND e."Status" IN
        """ + Sql.TerminalStatuses + """
         AND GREATEST(e."CompletedAt", e."CancelledAt", e."ExpiresAt", e."JoinedAt") < @before
        """;

    /// <summary>
    /// Erases up to <paramref name="batch"/> guests who hold no open ticket and whose last ticket ended (completed,
    /// cancelled, missed) before <paramref name="before"/>; how many were erased.
    /// </summary>
    public async Task<int> EraseEndedBeforeAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.ExecuteSqlRawAsync(EraseStatement, [new NpgsqlParameter("before", before), new NpgsqlParameter("batch", batch)], ct);
    }
}
