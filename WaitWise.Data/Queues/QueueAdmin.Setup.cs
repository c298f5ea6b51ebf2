using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Queues;

/// <summary>The owner's queue page: its setup, its opening hours and the audit trail of its tickets.</summary>
public sealed partial class QueueAdmin
{
    public async Task<Result<QueueSetup>> GetSetupAsync(Actor actor, Guid queueId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await OwnershipAsync(db, actor, queueId, ct) is { } refused)
        {
            return refused;
        }
        var queue = await db.Queues.AsNoTracking().Include(q => q.Business).SingleAsync(q => q.Id == queueId, ct);
        var staff = await (
                from s in db.QueueStaff
                join u in db.Users on s.UserId equals u.Id
                where s.QueueId == queueId
                orderby u.Email
                select new StaffMember(u.Id, u.Email ?? ""))
            .ToListAsync(ct);
        return new QueueSetup(QueueDetails.From(queue), queue.Business!.Name, queue.Business.TimeZoneId, staff, await HoursAsync(db, queueId, ct));
    }

    public async Task<Result<IReadOnlyList<OpeningWindow>>> SetOpeningHoursAsync(
        Actor actor, Guid queueId, IReadOnlyList<OpeningWindow> windows, CancellationToken ct = default)
    {
        if (OpeningWindow.Problems(windows) is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        // Under the queue's row lock, like every other change to it: a join never sees half a timetable.
        return await OnOwnQueueAsync<IReadOnlyList<OpeningWindow>>(actor, queueId, "SetOpeningHours", null, ct, async ctx =>
        {
            await ctx.Db.OpeningHours.Where(h => h.QueueId == queueId).ExecuteDeleteAsync(ct);
            ctx.Db.OpeningHours.AddRange(windows.Select(w => new OpeningHours { QueueId = queueId, Day = w.Day, Opens = w.Opens, Closes = w.Closes }));
            await ctx.Db.SaveChangesAsync(ct);
            return Result<IReadOnlyList<OpeningWindow>>.Ok(await HoursAsync(ctx.Db, queueId, ct));
        });
    }

    public async Task<Result<TicketAudit>> GetAuditTrailAsync(Actor actor, Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ticket = await (
                from e in db.QueueEntries
                join q in db.Queues on e.QueueId equals q.Id
                join u in db.Users on e.UserId equals u.Id into holders
                from holder in holders.DefaultIfEmpty()
                join g in db.Guests on e.UserId equals g.UserId into guests
                from guest in guests.DefaultIfEmpty()
                where e.Id == ticketId
                select new
                {
                    e.QueueId, q.TicketPrefix, e.TicketNumber,
                    // Staff see a guest's name and whether they left a phone or e-mail (until erased); an account by its e-mail.
                    Guest = guest != null ? new GuestContact(guest.Name, guest.Phone != null, guest.Email != null) : null,
                    Account = holder != null && holder.IsGuest ? "Guest" : holder == null ? null : holder.Email,
                })
            .SingleOrDefaultAsync(ct);
        if (ticket is null)
        {
            return Error.NotFound("The ticket");
        }
        if (await OwnershipAsync(db, actor, ticket.QueueId, ct) is { } refused)
        {
            return refused;
        }
        var events = await (
                from v in db.QueueEvents
                join u in db.Users on v.ActorId equals u.Id into actors
                from a in actors.DefaultIfEmpty()
                where v.EntryId == ticketId
                orderby v.Id
                select new AuditEntry(v.Id, v.FromStatus, v.ToStatus, v.Command,
                    // A guest acting is named as a guest, without personal data.
                    v.ActorId == Actor.SystemId ? Actor.SystemId : a != null && a.IsGuest ? "guest" : a == null || a.Email == null ? "(closed account)" : a.Email,
                    v.At, v.Slot, v.Reason))
            .ToListAsync(ct);
        return new TicketAudit(ticketId, TicketCode.Format(ticket.TicketPrefix, ticket.TicketNumber), ticket.Guest?.Label ?? ticket.Account ?? "(closed account)", events);
    }

    private static async Task<IReadOnlyList<OpeningWindow>> HoursAsync(WaitWiseDbContext db, Guid queueId, CancellationToken ct) =>
        await db.OpeningHours.AsNoTracking().Where(h => h.QueueId == queueId)
            .OrderBy(h => h.Day).ThenBy(h => h.Opens).ThenBy(h => h.Id)
            .Select(h => new OpeningWindow(h.Day, h.Opens, h.Closes))
            .ToListAsync(ct);
}
