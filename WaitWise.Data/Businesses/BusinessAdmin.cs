using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Data.Businesses;

/// <summary>The owner's business commands. Ownership is asked of the database in the same transaction as the change.</summary>
public sealed class BusinessAdmin(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock, ILookupNormalizer normalizer) : IBusinessAdmin
{
    public async Task<Result<BusinessDetails>> CreateAsync(Actor actor, BusinessSettings settings, CancellationToken ct = default)
    {
        settings = settings.Normalized();
        if (settings.Problems() is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        if (actor.IsSystem || !await db.Users.AnyAsync(u => u.Id == actor.Id, ct))
        {
            return Error.Forbidden("Sign in to start a business.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var business = new Business
        {
            Id = Guid.CreateVersion7(now),
            Name = settings.Name,
            TimeZoneId = settings.TimeZoneId,
            Language = settings.Language,
            OwnerId = actor.Id,
            Status = BusinessStatus.Pending,
            CreatedAt = now,
        };
        db.Businesses.Add(business);
        await db.SaveChangesAsync(ct);
        // Starting a business makes its creator an owner; ON CONFLICT makes a second business (or a race) a no-op.
        var ownerRole = normalizer.NormalizeName(Roles.Owner);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT {actor.Id}, "Id" FROM "AspNetRoles" WHERE "NormalizedName" = {ownerRole}
            ON CONFLICT DO NOTHING
            """, ct);
        await tx.CommitAsync(ct);
        return await DetailsAsync(db, business.Id, ct);
    }

    public async Task<Result<BusinessDetails>> UpdateAsync(Actor actor, Guid businessId, BusinessSettings settings, CancellationToken ct = default)
    {
        settings = settings.Normalized();
        if (settings.Problems() is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var business = await BusinessRows.LockAsync(db, businessId, ct);
        if (business is null)
        {
            return Error.NotFound("The business");
        }
        if (actor.IsSystem || business.OwnerId != actor.Id)
        {
            return NotYours();
        }
        business.Name = settings.Name;
        business.TimeZoneId = settings.TimeZoneId;
        business.Language = settings.Language;
        if (business.Status == BusinessStatus.Rejected)
        {
            business.Status = BusinessStatus.Pending;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailsAsync(db, businessId, ct);
    }

    public async Task<IReadOnlyList<BusinessDetails>> ListMineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = await BusinessRows.Details(db, db.Businesses.Where(b => b.OwnerId == actor.Id)).ToListAsync(ct);
        return mine.OrderBy(b => b.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(b => b.Id).ToList();
    }

    public async Task<Result<OwnedBusiness>> GetAsync(Actor actor, Guid businessId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var business = await BusinessRows.Details(db, db.Businesses.Where(b => b.Id == businessId)).SingleOrDefaultAsync(ct);
        if (business is null)
        {
            return Error.NotFound("The business");
        }
        if (actor.IsSystem || business.OwnerId != actor.Id)
        {
            return NotYours();
        }
        var queues = await db.Queues.AsNoTracking().Where(q => q.BusinessId == businessId).OrderBy(q => q.Name).ToListAsync(ct);
        return new OwnedBusiness(business, queues.Select(QueueDetails.From).ToList());
    }

    private static async Task<BusinessDetails> DetailsAsync(WaitWiseDbContext db, Guid businessId, CancellationToken ct) =>
        await BusinessRows.Details(db, db.Businesses.Where(b => b.Id == businessId)).SingleAsync(ct);

    private static Error NotYours() => Error.Forbidden("Only the business's owner can see or change it.");
}
