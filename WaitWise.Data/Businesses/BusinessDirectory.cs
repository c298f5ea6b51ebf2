using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Data.Queues;

namespace WaitWise.Data.Businesses;

/// <summary>Browsing: approved businesses are public (SPEC.md: an admin approves them before they go public); owners also see their own.</summary>
public sealed class BusinessDirectory(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock) : IBusinessDirectory
{
    public async Task<IReadOnlyList<BusinessSummary>> ListBusinessesAsync(Actor? actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Visible(db, actor)
            .OrderBy(b => b.Name).ThenBy(b => b.Id)
            .Select(b => new BusinessSummary(b.Id, b.Name, b.Status, actor != null && b.OwnerId == actor.Id))
            .ToListAsync(ct);
    }

    public async Task<Result<IReadOnlyList<QueueDetails>>> ListQueuesAsync(Actor? actor, Guid businessId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await Visible(db, actor).AnyAsync(b => b.Id == businessId, ct))
        {
            return Error.NotFound("The business");
        }
        var queues = await db.Queues.AsNoTracking().Where(q => q.BusinessId == businessId)
            .OrderBy(q => q.Name).ToListAsync(ct);
        return queues.Select(QueueDetails.From).ToList();
    }

    public async Task<Result<QueueListing>> GetQueueAsync(Actor? actor, Guid queueId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Queues.AsNoTracking()
            .Where(q => q.Id == queueId)
            .Join(Visible(db, actor), q => q.BusinessId, b => b.Id, (q, b) => new { Queue = q, BusinessName = b.Name, b.TimeZoneId, b.Language })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return Error.NotFound("The queue");
        }
        var now = clock.GetUtcNow();
        var schedule = await QueueHours.ScheduleAsync(db, found.Queue, ct);
        var reopens = schedule.TakesJoinsAt(now, found.Queue.OpenedByHandUntil) ? null : schedule.NextOpeningAfter(now);
        return new QueueListing(QueueDetails.From(found.Queue), found.BusinessName, found.TimeZoneId, reopens, found.Language);
    }

    private static IQueryable<Business> Visible(WaitWiseDbContext db, Actor? actor) => actor is null
        ? db.Businesses.Where(b => b.Status == BusinessStatus.Approved)
        : db.Businesses.Where(b => b.Status == BusinessStatus.Approved || b.OwnerId == actor.Id);
}
