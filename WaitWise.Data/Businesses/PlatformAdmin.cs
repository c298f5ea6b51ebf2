using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Data.Businesses;

/// <summary>
/// The platform admin's review. The Admin role is read from AspNetUserRoles inside the same transaction as the change,
/// so an admin whose role was just taken away cannot act on a stale cookie.
/// </summary>
public sealed class PlatformAdmin(IDbContextFactory<WaitWiseDbContext> factory, IQueueNotifier notifier, ILookupNormalizer normalizer) : IPlatformAdmin
{
    public async Task<Result<IReadOnlyList<BusinessDetails>>> ListAsync(Actor actor, BusinessStatus? status, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await IsAdminAsync(db, actor, ct))
        {
            return NotAdmin();
        }
        var businesses = status is { } only ? db.Businesses.Where(b => b.Status == only) : db.Businesses;
        // Ordered here: EF Core cannot order by a member of a constructed record.
        var listed = await BusinessRows.Details(db, businesses).ToListAsync(ct);
        return listed.OrderByDescending(b => b.CreatedAt).ThenBy(b => b.Id).ToList();
    }

    public Task<Result<BusinessDetails>> ApproveAsync(Actor actor, Guid businessId, CancellationToken ct = default) =>
        ReviewAsync(actor, businessId, BusinessStatus.Approved, ct);

    public Task<Result<BusinessDetails>> RejectAsync(Actor actor, Guid businessId, CancellationToken ct = default) =>
        ReviewAsync(actor, businessId, BusinessStatus.Rejected, ct);

    public Task<Result<BusinessDetails>> SuspendAsync(Actor actor, Guid businessId, CancellationToken ct = default) =>
        ReviewAsync(actor, businessId, BusinessStatus.Suspended, ct);

    private async Task<Result<BusinessDetails>> ReviewAsync(Actor actor, Guid businessId, BusinessStatus to, CancellationToken ct)
    {
        List<Guid> queues;
        BusinessDetails details;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await IsAdminAsync(db, actor, ct))
            {
                return NotAdmin();
            }
            var business = await BusinessRows.LockAsync(db, businessId, ct);
            if (business is null)
            {
                return Error.NotFound("The business");
            }
            if (!BusinessReview.CanMove(business.Status, to))
            {
                return new Error(ErrorKind.InvalidTransition, business.Status == to
                    ? $"The business is already {Word(to)}."
                    : $"A {Word(business.Status)} business cannot be {Word(to)}; only a {string.Join(" or ", BusinessReview.AllowedFrom(to).Select(Word))} one can.");
            }
            business.Status = to;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            queues = await db.Queues.Where(q => q.BusinessId == businessId).Select(q => q.Id).ToListAsync(ct);
            details = await BusinessRows.Details(db, db.Businesses.Where(b => b.Id == businessId)).SingleAsync(ct);
        }
        // Boards and queue pages of this business appear or disappear: tell their watchers to re-read.
        foreach (var queueId in queues)
        {
            notifier.Publish(queueId);
        }
        return details;
    }

    private Task<bool> IsAdminAsync(WaitWiseDbContext db, Actor actor, CancellationToken ct) =>
        actor.IsSystem ? Task.FromResult(false) : BusinessRows.HasRoleAsync(db, actor, normalizer.NormalizeName(Roles.Admin), ct);

    private static Error NotAdmin() => Error.Forbidden("Only a platform admin can review businesses.");

    private static string Word(BusinessStatus status) => status.ToString().ToLowerInvariant();
}
