using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Queues;

/// <summary>
/// The owner's queue commands against PostgreSQL. Create locks the business row, so two creates in one business
/// serialise and the name check is exact; update and delete lock the queue row first, in the same order as the
/// ticket commands, so a setting never changes under a join or a call. The unique index on (business, name)
/// stays the backstop and becomes a clear conflict.
/// </summary>
public sealed partial class QueueAdmin(
    IDbContextFactory<WaitWiseDbContext> factory,
    TimeProvider clock,
    IQueueNotifier notifier,
    ILookupNormalizer normalizer) : IQueueAdmin
{
    private const string CreateCommand = "CreateQueue";
    private const string UniqueNameIndex = "IX_Queues_BusinessId_Name";
    private const int EmailMaxLength = 256;
    private const int UserIdMaxLength = 450;

    public async Task<Result<QueueDetails>> CreateAsync(
        Actor actor, Guid businessId, QueueChanges settings, string? requestId = null, CancellationToken ct = default)
    {
        if (requestId is not null && (requestId.Length is 0 or > CommandRequest.RequestIdMaxLength))
        {
            return Error.Invalid($"A request id must have 1 to {CommandRequest.RequestIdMaxLength} characters.");
        }
        var wanted = settings.ApplyTo(QueueSettings.Defaults);
        if (wanted.Problems() is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        try
        {
            return await CreateOnceAsync(actor, businessId, wanted, requestId, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            if (pg.ConstraintName == UniqueNameIndex)
            {
                return DuplicateName(wanted.Name);
            }
            // A twin request with the same id committed first, in another business: answer as it was answered.
            await using var db = await factory.CreateDbContextAsync(ct);
            return await PriorAsync(db, actor, requestId!, ct) ?? throw new InvalidOperationException("A unique violation without a prior request.", ex);
        }
    }

    private async Task<Result<QueueDetails>> CreateOnceAsync(Actor actor, Guid businessId, QueueSettings wanted, string? requestId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var business = (await db.Businesses.FromSql($"SELECT * FROM \"Businesses\" WHERE \"Id\" = {businessId} FOR UPDATE").ToListAsync(ct))
            .SingleOrDefault();
        if (business is null)
        {
            return Error.NotFound("The business");
        }
        if (business.OwnerId != actor.Id)
        {
            return Error.Forbidden("Only the business's owner can add queues to it.");
        }
        if (requestId is not null && await PriorAsync(db, actor, requestId, ct) is { } prior)
        {
            return prior;
        }
        if (await db.Queues.AnyAsync(q => q.BusinessId == businessId && q.Name == wanted.Name, ct))
        {
            return DuplicateName(wanted.Name);
        }
        var now = clock.GetUtcNow();
        var queue = new Queue { Id = Guid.CreateVersion7(now), BusinessId = businessId, Name = wanted.Name, Status = QueueStatus.Closed, CreatedAt = now };
        wanted.CopyTo(queue);
        db.Queues.Add(queue);
        var details = QueueDetails.From(queue);
        if (requestId is not null)
        {
            db.CommandRequests.Add(new CommandRequest
            {
                ActorId = actor.Id,
                RequestId = requestId,
                Command = CreateCommand,
                ResultJson = JsonSerializer.Serialize(details),
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return details;
    }

    public async Task<Result<QueueDetails>> UpdateAsync(Actor actor, Guid queueId, QueueChanges changes, CancellationToken ct = default)
    {
        try
        {
            return await OnOwnQueueAsync<QueueDetails>(actor, queueId, ct, async (ctx, tx) =>
            {
                var queue = ctx.Queue;
                var wanted = changes.ApplyTo(QueueSettings.Of(queue));
                if (wanted.Problems() is { Count: > 0 } problems)
                {
                    return Error.Invalid(problems);
                }
                if (wanted.Name != queue.Name && await ctx.Db.Queues.AnyAsync(q => q.BusinessId == queue.BusinessId && q.Name == wanted.Name, ct))
                {
                    return DuplicateName(wanted.Name);
                }
                var busy = await ctx.BusySlotsAsync();
                if (busy.Where(slot => slot > wanted.ServiceSlots).Order().ToList() is { Count: > 0 } outside)
                {
                    return new Error(ErrorKind.Conflict,
                        $"Counter {string.Join(", ", outside)} is busy; free it before cutting the queue to {wanted.ServiceSlots} counters.");
                }
                var open = await OpenTickets(ctx.Db, queueId).CountAsync(ct);
                if (open > wanted.MaxSize)
                {
                    return new Error(ErrorKind.Conflict, $"{open} tickets are open; the capacity cannot go below that.");
                }
                wanted.CopyTo(queue);
                // More counters, or AutoCall switched on, may leave free counters and a waiting line: call now, not at the next join.
                await ctx.FillFreeSlotsAsync();
                await ctx.Db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return QueueDetails.From(queue);
            });
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueNameIndex })
        {
            return DuplicateName(changes.Name?.Trim() ?? "");
        }
    }

    public Task<Result<QueueDetails>> DeleteAsync(Actor actor, Guid queueId, CancellationToken ct = default) =>
        OnOwnQueueAsync<QueueDetails>(actor, queueId, ct, async (ctx, tx) =>
        {
            var open = await OpenTickets(ctx.Db, queueId).CountAsync(ct);
            if (open > 0)
            {
                return new Error(ErrorKind.Conflict,
                    $"{open} tickets are still open; lock or close the queue and let them finish, or cancel them, before deleting it.");
            }
            var details = QueueDetails.From(ctx.Queue);
            ctx.Db.Queues.Remove(ctx.Queue);
            await ctx.Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return details;
        });

    public async Task<Result<StaffMember>> AssignStaffAsync(Actor actor, Guid queueId, string email, CancellationToken ct = default)
    {
        email = email.Trim();
        if (email.Length is 0 or > EmailMaxLength)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["email"] = [$"An email of 1 to {EmailMaxLength} characters is needed."] });
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await OwnershipAsync(db, actor, queueId, ct) is { } refused)
        {
            return refused;
        }
        var normalized = normalizer.NormalizeEmail(email);
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.Email }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return Error.NotFound("An account with that email");
        }
        var member = new StaffMember(user.Id, user.Email ?? email);
        var staffRoleName = normalizer.NormalizeName(Roles.Staff);
        var staffRole = await db.Roles.Where(r => r.NormalizedName == staffRoleName).Select(r => r.Id).SingleAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.QueueStaff.AnyAsync(s => s.QueueId == queueId && s.UserId == user.Id, ct))
        {
            db.QueueStaff.Add(new QueueStaff { QueueId = queueId, UserId = user.Id });
        }
        // The Staff role opens the staff console; what the user may operate is still only what QueueStaff lists.
        if (!await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == staffRole, ct))
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = staffRole });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A simultaneous assignment of the same person won the race: the outcome is the one asked for.
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return Error.NotFound("The queue or the account");
        }
        return member;
    }

    public async Task<Result<StaffMember>> RemoveStaffAsync(Actor actor, Guid queueId, string userId, CancellationToken ct = default)
    {
        if (userId.Length is 0 or > UserIdMaxLength)
        {
            return Error.NotFound("That staff assignment");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await OwnershipAsync(db, actor, queueId, ct) is { } refused)
        {
            return refused;
        }
        var removed = await db.QueueStaff.Where(s => s.QueueId == queueId && s.UserId == userId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return Error.NotFound("That staff assignment");
        }
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        return new StaffMember(userId, email ?? "");
    }

    /// <summary>
    /// Runs <paramref name="body"/> with the queue row locked and due time-based transitions applied, after checking
    /// that the actor owns the queue's business. The body commits; a refusal rolls everything back.
    /// </summary>
    private async Task<Result<T>> OnOwnQueueAsync<T>(
        Actor actor, Guid queueId, CancellationToken ct, Func<CommandContext, IDbContextTransaction, Task<Result<T>>> body)
    {
        Result<T> result;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var queue = (await db.Queues.FromSql($"SELECT * FROM \"Queues\" WHERE \"Id\" = {queueId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
            if (queue is null)
            {
                return Error.NotFound("The queue");
            }
            if (actor.IsSystem || !await Rights.IsOwnerAsync(db, actor, queue.BusinessId, ct))
            {
                return Error.Forbidden("Only the business's owner can change, delete or staff its queues.");
            }
            var now = clock.GetUtcNow();
            // Busy counters and open tickets are counted after any call timeouts and expiries that are due.
            var ctx = new CommandContext(db, queue, actor, now, ct) { TimedOut = await DueTransitions.ApplyAsync(db, [queueId], now, ct) };
            result = await body(ctx, tx);
        }
        if (result.IsSuccess)
        {
            notifier.Publish(queueId);
        }
        return result;
    }

    private static async Task<Error?> OwnershipAsync(WaitWiseDbContext db, Actor actor, Guid queueId, CancellationToken ct)
    {
        var businessId = await db.Queues.Where(q => q.Id == queueId).Select(q => (Guid?)q.BusinessId).SingleOrDefaultAsync(ct);
        if (businessId is null)
        {
            return Error.NotFound("The queue");
        }
        return actor.IsSystem || !await Rights.IsOwnerAsync(db, actor, businessId.Value, ct)
            ? Error.Forbidden("Only the business's owner can change, delete or staff its queues.")
            : null;
    }

    /// <summary>
    /// The open statuses written into the SQL as constants (<c>"Status" IN ('WAITING', …)</c>, the predicate of
    /// IX_QueueEntries_OpenByQueue), not as a parameter, so PostgreSQL can read them from that index.
    /// </summary>
    private static IQueryable<QueueEntry> OpenTickets(WaitWiseDbContext db, Guid queueId) =>
        db.QueueEntries.Where(e => e.QueueId == queueId && EF.Constant(TicketStatuses.Open).Contains(e.Status));

    private static async Task<Result<QueueDetails>?> PriorAsync(WaitWiseDbContext db, Actor actor, string requestId, CancellationToken ct)
    {
        var prior = await db.CommandRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ActorId == actor.Id && r.RequestId == requestId, ct);
        if (prior is null)
        {
            return null;
        }
        return prior.Command == CreateCommand
            ? JsonSerializer.Deserialize<QueueDetails>(prior.ResultJson)!
            : new Error(ErrorKind.Conflict, "This request id was already used for a different command.");
    }

    private static Error DuplicateName(string name) =>
        new(ErrorKind.Conflict, $"This business already has a queue named \"{name}\"; pick another name.")
        {
            Fields = new Dictionary<string, string[]> { ["name"] = ["A queue of this business already has this name."] },
        };
}
