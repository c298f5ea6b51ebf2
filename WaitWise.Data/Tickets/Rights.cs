using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;

namespace WaitWise.Data.Tickets;

/// <summary>SPEC.md's authorisation, asked of the database: who may operate a queue.</summary>
internal static class Rights
{
    public static Task<bool> IsOwnerAsync(WaitWiseDbContext db, Actor actor, Guid businessId, CancellationToken ct) =>
        db.Businesses.AnyAsync(b => b.Id == businessId && b.OwnerId == actor.Id, ct);

    /// <summary>The owner of the queue's business, or staff assigned to this very queue in QueueStaff.</summary>
    public static async Task<bool> CanOperateAsync(WaitWiseDbContext db, Actor actor, Guid queueId, Guid businessId, CancellationToken ct) =>
        !actor.IsSystem && (
            await db.QueueStaff.AnyAsync(s => s.QueueId == queueId && s.UserId == actor.Id, ct) ||
            await IsOwnerAsync(db, actor, businessId, ct));

    /// <summary>The queues <see cref="CanOperateAsync"/> allows, as one query.</summary>
    public static IQueryable<Queue> OperableQueues(WaitWiseDbContext db, Actor actor) =>
        db.Queues.Where(q => q.Business!.OwnerId == actor.Id || db.QueueStaff.Any(s => s.QueueId == q.Id && s.UserId == actor.Id));
}
