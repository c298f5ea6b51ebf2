using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Queues;

/// <summary>The consoles' word on who is at which counter: one row per person, queue and counter, its time renewed.</summary>
public sealed class CounterPresenceStore(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock) : ICounterPresences
{
    public async Task<Result<bool>> SeenAsync(Actor staff, Guid queueId, int slot, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking().Where(q => q.Id == queueId)
            .Select(q => new { q.BusinessId, q.ServiceSlots }).SingleOrDefaultAsync(ct);
        if (queue is null)
        {
            return Error.NotFound("The queue");
        }
        if (!await Rights.CanOperateAsync(db, staff, queueId, queue.BusinessId, ct))
        {
            return Error.Forbidden("Only the owner and the staff assigned to this queue can do that.");
        }
        if (slot < 1 || slot > queue.ServiceSlots)
        {
            return Error.Invalid($"This queue has counters 1 to {queue.ServiceSlots}.");
        }
        var now = clock.GetUtcNow();
        // One statement, so two consoles of one person (or a console and its reconnect) never race on the row.
        await db.Database.ExecuteSqlAsync($"""
            WITH gone AS (
                DELETE FROM "CounterPresence" WHERE "QueueId" = {queueId} AND "UserId" = {staff.Id} AND "Slot" <> {slot}
            )
            INSERT INTO "CounterPresence" ("QueueId", "Slot", "UserId", "SeenAt") VALUES ({queueId}, {slot}, {staff.Id}, {now})
            ON CONFLICT ("QueueId", "Slot", "UserId") DO UPDATE SET "SeenAt" = GREATEST("CounterPresence"."SeenAt", EXCLUDED."SeenAt")
            """, ct);
        return true;
    }

    public async Task LeftAsync(Actor staff, Guid queueId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.CounterPresence.Where(p => p.QueueId == queueId && p.UserId == staff.Id).ExecuteDeleteAsync(ct);
    }
}
