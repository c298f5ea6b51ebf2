using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Businesses;

/// <summary>Queries the owner's and the admin's business services share.</summary>
internal static class BusinessRows
{
    /// <summary>Each business with its owner's e-mail, its number of queues and of open tickets, in one query.</summary>
    public static IQueryable<BusinessDetails> Details(WaitWiseDbContext db, IQueryable<Business> businesses) =>
        from b in businesses
        join u in db.Users on b.OwnerId equals u.Id
        select new BusinessDetails(b.Id, b.Name, b.TimeZoneId, b.Status, b.OwnerId, u.Email ?? "", b.CreatedAt, b.Queues.Count,
            db.QueueEntries.Count(e => b.Queues.Select(q => q.Id).Contains(e.QueueId) && EF.Constant(TicketStatuses.Open).Contains(e.Status)),
            b.Language);

    /// <summary>The business row, locked until the transaction ends, so two changes to one business serialise.</summary>
    public static async Task<Business?> LockAsync(WaitWiseDbContext db, Guid businessId, CancellationToken ct) =>
        (await db.Businesses.FromSql($"SELECT * FROM \"Businesses\" WHERE \"Id\" = {businessId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();

    /// <summary>Whether the actor holds <paramref name="normalizedRole"/> now, as the database says (not as their cookie says).</summary>
    public static Task<bool> HasRoleAsync(WaitWiseDbContext db, Actor actor, string normalizedRole, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == actor.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalizedRole), ct);
}
