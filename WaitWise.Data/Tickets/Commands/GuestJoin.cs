using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Identity;
using WaitWise.Core.Queues;

namespace WaitWise.Data.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// ∅ → WAITING for someone without an account, on a queue that takes guests. The guest gets an account row of
    /// their own and their personal data beside it, which a refused join takes away again; then the join is the one
    /// every ticket takes, and the ticket is held by a new key, of which only the hash is kept.
    /// </summary>
    public Task<Result<GuestTicket>> JoinAsGuestAsync(Guid queueId, GuestDetails guest, CancellationToken ct = default) =>
        GuestJoinAsync(queueId, guest, (_, queue) => Task.FromResult(queue.AllowGuests
            ? null
            : new Error(ErrorKind.GuestsNotAllowed, "This queue takes only signed-in customers: sign in or create an account to join.")), ct);

    /// <summary>
    /// A ticket staff issue at the counter for someone who walked in (a name, or "Walk-in"), whether or not the queue
    /// takes guests by themselves; the slip handed over carries the ticket's link with its key.
    /// </summary>
    public Task<Result<GuestTicket>> IssueWalkInAsync(Actor staff, Guid queueId, string? name, CancellationToken ct = default) =>
        GuestJoinAsync(queueId, new GuestDetails(string.IsNullOrWhiteSpace(name) ? WalkInName : name), async (db, queue) =>
            await Rights.CanOperateAsync(db, staff, queue.Id, queue.BusinessId, ct)
                ? null
                : Error.Forbidden("Only the queue's owner and its staff can issue tickets at the counter."), ct);

    public const string WalkInName = "Walk-in";

    /// <param name="refusal">Whether this join may happen at all, asked of the queue before joining; null when it may.</param>
    private async Task<Result<GuestTicket>> GuestJoinAsync(
        Guid queueId, GuestDetails guest, Func<WaitWiseDbContext, Queue, Task<Error?>> refusal, CancellationToken ct)
    {
        if (guest.Problems() is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        await using (var db = await _factory.CreateDbContextAsync(ct))
        {
            var queue = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId, ct);
            if (queue is null)
            {
                return Error.NotFound("The queue");
            }
            if (await refusal(db, queue) is { } refused)
            {
                return refused;
            }
        }
        var guestId = Guid.NewGuid().ToString();
        var key = TicketKey.New();
        // The guest's account is written first, then the join is the one every ticket takes (in a rush, batched with
        // the others in one locked call), then the ticket gets its key's hash. A join that is refused (or fails) takes
        // the account away again. A crash in between leaves an account with no ticket, whose personal data the
        // retention job erases in time, or a ticket no key opens, which staff still serve.
        await CreateGuestAsync(guestId, guest.Normalized(), ct);
        try
        {
            var joined = await JoinAsync(new Actor(guestId), queueId, key: null, place: true, ct);
            if (!joined.IsSuccess)
            {
                await DropGuestAsync(guestId);
                return joined.Error!;
            }
            var hash = TicketKey.HashOf(key);
            var sealedKey = _guestKeys.Protect(key);
            await using var db = await _factory.CreateDbContextAsync(CancellationToken.None);
            await db.QueueEntries.Where(e => e.Id == joined.Value!.Ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.KeyHash, hash), CancellationToken.None);
            await db.Guests.Where(g => g.UserId == guestId).ExecuteUpdateAsync(s => s.SetProperty(g => g.SealedTicketKey, sealedKey), CancellationToken.None);
            return new GuestTicket(joined.Value!, key);
        }
        catch
        {
            await DropGuestAsync(guestId);
            throw;
        }
    }

    /// <summary>The guest's account (no e-mail, no password, no role: it can never sign in) and their personal data beside it.</summary>
    private async Task CreateGuestAsync(string guestId, GuestDetails details, CancellationToken ct)
    {
        var userName = ApplicationUser.GuestUserNamePrefix + guestId;
        await using var db = await _factory.CreateDbContextAsync(ct);
        db.Users.Add(new ApplicationUser
        {
            Id = guestId,
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            IsGuest = true,
            Language = details.Language,
        });
        db.Guests.Add(new Guest { UserId = guestId, Name = details.Name!, Email = details.Email, Phone = details.Phone, CreatedAt = _clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Takes away a guest account whose join did not happen (its personal data goes with it); one with a ticket stays.</summary>
    private async Task DropGuestAsync(string guestId)
    {
        await using var db = await _factory.CreateDbContextAsync(CancellationToken.None);
        await db.Users.Where(u => u.Id == guestId && u.IsGuest && !db.QueueEntries.Any(e => e.UserId == u.Id)).ExecuteDeleteAsync(CancellationToken.None);
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
