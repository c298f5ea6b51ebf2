using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Commands;
using WaitWise.Data.Identity;
using WaitWise.Data.Queues;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// ∅ → WAITING for someone without an account, on a queue that takes guests. The guest gets an account row of
    /// their own (no e-mail, no password, no role: it can never sign in) and their personal data beside it, in the
    /// join's own transaction, so a refused join leaves neither; then the join is the one every ticket takes, and the
    /// ticket is held by a new key, of which only the hash is kept.
    /// </summary>
    public Task<Result<GuestTicket>> JoinAsGuestAsync(Guid queueId, GuestDetails guest, CancellationToken ct = default) =>
        GuestJoinAsync(queueId, guest, "GuestJoin", null, ctx => Task.FromResult(ctx.Queue.AllowGuests
            ? null
            : new Error(ErrorKind.GuestsNotAllowed, "This queue takes only signed-in customers: sign in or create an account to join.")), ct);

    /// <summary>
    /// A ticket staff issue at the counter for someone who walked in (a name, or "Walk-in"), whether or not the queue
    /// takes guests by themselves; the slip handed over carries the ticket's link with its key.
    /// </summary>
    public Task<Result<GuestTicket>> IssueWalkInAsync(Actor staff, Guid queueId, string? name, CancellationToken ct = default) =>
        GuestJoinAsync(queueId, new GuestDetails(string.IsNullOrWhiteSpace(name) ? WalkInName : name), "WalkIn", staff, async ctx =>
            await ctx.CanOperateAsync() ? null : Error.Forbidden("Only the queue's owner and its staff can issue tickets at the counter."), ct);

    public const string WalkInName = "Walk-in";

    /// <param name="issuer">Who issues the ticket (staff at the counter), or null for the guest themselves.</param>
    /// <param name="refusal">Whether this join may happen at all, asked under the queue's lock; null when it may.</param>
    private async Task<Result<GuestTicket>> GuestJoinAsync(
        Guid queueId, GuestDetails guest, string command, Actor? issuer, Func<CommandContext, Task<Error?>> refusal, CancellationToken ct)
    {
        if (guest.Problems() is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        var details = guest.Normalized();
        var guestId = Guid.NewGuid().ToString();
        var key = TicketKey.New();
        var placed = await _pipeline.RunAsync(new CommandRequest(issuer ?? new Actor(guestId), queueId, command), async ctx =>
        {
            if (await refusal(ctx) is { } refused)
            {
                return refused;
            }
            var userName = ApplicationUser.GuestUserNamePrefix + guestId;
            ctx.Db.Users.Add(new ApplicationUser
            {
                Id = guestId,
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                SecurityStamp = Guid.NewGuid().ToString("N"),
                IsGuest = true,
            });
            ctx.Db.Guests.Add(new Guest { UserId = guestId, Name = details.Name!, Email = details.Email, Phone = details.Phone, CreatedAt = ctx.Now });
            await ctx.Db.SaveChangesAsync(ct);
            var outsideHours = await QueueHours.RefusalAsync(ctx.Db, ctx.Queue, ctx.Now, ct);
            var id = Guid.CreateVersion7(ctx.Now);
            var written = (await JoinStatement.RunAsync(ctx.Db, queueId, [new JoinRequest(guestId, id, ctx.Now)], fast: false, outsideHours is not null, ct)).Single();
            if (written.Refusal(outsideHours) is { } notJoined)
            {
                return notJoined;
            }
            var hash = TicketKey.HashOf(key);
            await ctx.Db.QueueEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.KeyHash, hash), ct);
            return Result<Guid>.Ok(id);
        }, async (ctx, id) => (await Standing.Of(ctx.Db, ctx.Db.QueueEntries.Where(e => e.Id == id), ctx.Now).SingleAsync(ct)).Describe(), ct);
        return placed.Map(p => new GuestTicket(p, key));
    }

    /// <summary>
    /// The guest who holds the ticket with this key, and its queue; not found for a wrong key as for a missing
    /// ticket, so a key tells nothing about tickets it does not hold.
    /// </summary>
    public async Task<Result<(Actor Holder, Guid QueueId)>> GuestHolderAsync(Guid ticketId, string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > TicketKey.MaxLength)
        {
            return Error.NotFound("The ticket");
        }
        var hash = TicketKey.HashOf(key);
        await using var db = await _factory.CreateDbContextAsync(ct);
        var ticket = await db.QueueEntries.AsNoTracking().Where(e => e.Id == ticketId && e.KeyHash == hash)
            .Select(e => new { e.UserId, e.QueueId }).SingleOrDefaultAsync(ct);
        return ticket is null ? Error.NotFound("The ticket") : (new Actor(ticket.UserId), ticket.QueueId);
    }
}
