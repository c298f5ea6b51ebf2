using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Identity;

/// <summary>
/// A person closes their account (the Delete page, <c>DELETE /api/v1/account</c>). Their open tickets are cancelled
/// through the ticket service, as if they left each line: audited, their counters freed, AutoCall calling the next.
/// Then the account keeps only what the history needs: its id stays on its tickets and their audit, while its
/// e-mail, name, password, phone, roles, claims, logins and staff assignments go, and it can never sign in again (a
/// new security stamp ends its cookies and tokens). The e-mail is free for a new account. An owner of a business
/// is refused: a business needs its owner.
/// </summary>
public sealed class AccountClosure(
    UserManager<ApplicationUser> users, IDbContextFactory<WaitWiseDbContext> factory, ITicketService tickets, TimeProvider clock)
{
    /// <summary>How many times open tickets are looked for again (a join racing the closure is cancelled too).</summary>
    private const int Sweeps = 3;

    public async Task<Result<DateTimeOffset>> CloseAsync(string userId, string? password, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.ClosedAt is not null)
        {
            return Error.NotFound("The account");
        }
        if (await users.HasPasswordAsync(user) && !await users.CheckPasswordAsync(user, password ?? ""))
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["password"] = ["The password is not right."] });
        }
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.Businesses.AnyAsync(b => b.OwnerId == userId, ct))
            {
                return new Error(ErrorKind.Conflict,
                    "This account owns a business, so it cannot be closed while it does: ask an admin to remove the business first.");
            }
        }
        // Locked out while the tickets are cancelled: no new sign-in, and the account's bearer tokens stop (they are
        // checked for lockout). A closure that does not finish lets go of the lock again, so the person can retry.
        var lockedOutUntil = user.LockoutEnd;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        (await users.UpdateAsync(user)).ThrowIfFailed("Locking the account out for its closure");
        try
        {
            var closed = await CancelOpenTicketsAndAnonymiseAsync(userId, ct);
            if (!closed.IsSuccess)
            {
                await UnlockAsync(userId, lockedOutUntil);
            }
            return closed;
        }
        catch
        {
            await UnlockAsync(userId, lockedOutUntil);
            throw;
        }
    }

    private async Task<Result<DateTimeOffset>> CancelOpenTicketsAndAnonymiseAsync(string userId, CancellationToken ct)
    {
        var me = new Actor(userId);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            List<Guid> open;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                open = await db.QueueEntries.Where(e => e.UserId == userId && TicketStatuses.Open.Contains(e.Status)).Select(e => e.Id).ToListAsync(ct);
            }
            if (open.Count == 0)
            {
                break;
            }
            foreach (var ticket in open)
            {
                // A ticket that closed meanwhile (served, timed out) is refused as a wrong move: it is closed either way.
                await tickets.CancelAsync(me, ticket, ct: ct);
            }
        }
        return await AnonymiseAsync(userId, ct);
    }

    private async Task UnlockAsync(string userId, DateTimeOffset? lockedOutUntil)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        await db.Users.Where(u => u.Id == userId && u.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, lockedOutUntil), CancellationToken.None);
    }

    private async Task<Result<DateTimeOffset>> AnonymiseAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.QueueEntries.AnyAsync(e => e.UserId == userId && TicketStatuses.Open.Contains(e.Status), ct))
        {
            return new Error(ErrorKind.Conflict, "The account took a ticket while it was being closed; close it again.");
        }
        var name = "closed-" + userId;
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.ClosedAt, now)
            .SetProperty(u => u.UserName, name)
            .SetProperty(u => u.NormalizedUserName, name.ToUpperInvariant())
            .SetProperty(u => u.Email, (string?)null)
            .SetProperty(u => u.NormalizedEmail, (string?)null)
            .SetProperty(u => u.EmailConfirmed, false)
            .SetProperty(u => u.PasswordHash, (string?)null)
            .SetProperty(u => u.PhoneNumber, (string?)null)
            .SetProperty(u => u.PhoneNumberConfirmed, false)
            .SetProperty(u => u.TwoFactorEnabled, false)
            .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.QueueStaff.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return now;
    }
}
