using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using WaitWise.Data.Notifications;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Commands;
using WaitWise.Data.Idempotency;
using WaitWise.Data.Identity;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Queues;

/// <summary>
/// The owner's queue administration against PostgreSQL. Update, delete and opening hours go through the command
/// pipeline like the ticket commands (<see cref="QueueTransaction"/>), so a setting never changes under a join or a
/// call. Staff assignment touches no ticket and takes no queue lock; a console taken off a queue finds out on its next
/// read.
/// </summary>
public sealed partial class QueueAdmin(
    IDbContextFactory<WaitWiseDbContext> factory,
    TimeProvider clock,
    IQueueNotifier notifier,
    ILookupNormalizer normalizer,
    OutboxChannels channels,
    ILoggerFactory loggers) : IQueueAdmin
{
    private const string CreateCommand = "CreateQueue";
    private const int EmailMaxLength = ApplicationUser.EmailMaxLength;
    private const int UserIdMaxLength = 450;
    private const string NotOwner = "Only the business's owner can change, delete or staff its queues.";

    private readonly QueueTransaction _pipeline = new(factory, clock, notifier, channels, loggers.CreateLogger<QueueTransaction>());
    private readonly ILogger _logger = loggers.CreateLogger<QueueAdmin>();

    public async Task<Result<QueueDetails>> CreateAsync(
        Actor actor, Guid businessId, QueueChanges settings, RequestKey? key = null, CancellationToken ct = default)
    {
        if (key is not null && IdempotencyStore.Invalid(key) is { } invalid)
        {
            return invalid;
        }
        var wanted = settings.ApplyTo(QueueSettings.Defaults);
        if (wanted.Problems() is { Count: > 0 } problems)
        {
            return Error.Invalid(problems);
        }
        var use = key is null ? null : new KeyUse(actor.Id, key, CreateCommand, businessId.ToString(), KeyUse.Fingerprint(wanted));
        return await PostgresRetries.RunAsync(_logger, CreateCommand, businessId, ct, () => CreateOnceAsync(actor, businessId, wanted, settings.TicketPrefix is null, use, ct));
    }

    /// <summary>
    /// Create locks the business row, so two creates in one business serialise and the name check is exact; the
    /// unique index on (business, name) stays the backstop. A create that leaves the prefix out gets the next free
    /// letter of the business's queues (<see cref="TicketCode.NextFreePrefix"/>), chosen under the same lock.
    /// </summary>
    private async Task<Result<QueueDetails>> CreateOnceAsync(
        Actor actor, Guid businessId, QueueSettings wanted, bool prefixLeftOut, KeyUse? key, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await LockBusinessAsync(db, businessId, ct))
        {
            return Error.NotFound("The business");
        }
        if (!await Rights.IsOwnerAsync(db, actor, businessId, ct))
        {
            return Error.Forbidden("Only the business's owner can add queues to it.");
        }
        if (key is not null && await IdempotencyStore.ReplayAsync<QueueDetails>(db, key, ct) is { } replayed)
        {
            return replayed;
        }
        var now = clock.GetUtcNow();
        Result<QueueDetails> created;
        if (await db.Queues.AnyAsync(q => q.BusinessId == businessId && q.Name == wanted.Name, ct))
        {
            // Kept for its key like a command's refusal: a retry is told the same, even once the name is free.
            created = DuplicateName(wanted.Name);
        }
        else
        {
            if (prefixLeftOut)
            {
                var taken = await db.Queues.Where(q => q.BusinessId == businessId).Select(q => q.TicketPrefix).ToListAsync(ct);
                wanted = wanted with { TicketPrefix = TicketCode.NextFreePrefix(taken) };
            }
            var queue = new Queue { Id = Guid.CreateVersion7(now), BusinessId = businessId, Name = wanted.Name, Status = QueueStatus.Closed, CreatedAt = now };
            wanted.CopyTo(queue);
            db.Queues.Add(queue);
            created = QueueDetails.From(queue);
        }
        if (key is not null)
        {
            IdempotencyStore.Record(db, key, created, now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created;
    }

    public Task<Result<QueueDetails>> UpdateAsync(Actor actor, Guid queueId, QueueChanges changes, CancellationToken ct = default) =>
        OnOwnQueueAsync<QueueDetails>(actor, queueId, "UpdateQueue", null, ct, async ctx =>
        {
            var queue = ctx.Queue;
            var wanted = changes.ApplyTo(QueueSettings.Of(queue));
            if (wanted.Problems() is { Count: > 0 } problems)
            {
                return Error.Invalid(problems);
            }
            // A new name is checked under the business's lock too, as a create checks it.
            if (wanted.Name != queue.Name && (await LockBusinessAsync(ctx.Db, queue.BusinessId, ct) &&
                await ctx.Db.Queues.AnyAsync(q => q.BusinessId == queue.BusinessId && q.Name == wanted.Name, ct)))
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
            // More counters, or AutoCall switched on, may leave free counters and a waiting line: the pipeline's
            // AutoCall calls now, not at the next join.
            wanted.CopyTo(queue);
            return QueueDetails.From(queue);
        });

    public Task<Result<QueueDetails>> DeleteAsync(Actor actor, Guid queueId, CancellationToken ct = default) =>
        OnOwnQueueAsync<QueueDetails>(actor, queueId, "DeleteQueue", null, ct, async ctx =>
        {
            var open = await OpenTickets(ctx.Db, queueId).CountAsync(ct);
            if (open > 0)
            {
                return new Error(ErrorKind.Conflict,
                    $"{open} tickets are still open; lock or close the queue and let them finish, or cancel them, before deleting it.");
            }
            var details = QueueDetails.From(ctx.Queue);
            ctx.Db.Queues.Remove(ctx.Queue);
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
        // The owner runs every queue of the business already; a staff row would only list them twice.
        if (await db.Queues.AnyAsync(q => q.Id == queueId && q.Business!.OwnerId == user.Id, ct))
        {
            return Error.Invalid(new Dictionary<string, string[]>
            {
                ["email"] = [$"{user.Email ?? email} owns this business and already runs every queue of it."],
            });
        }
        var member = new StaffMember(user.Id, user.Email ?? email);
        var staffRoleName = normalizer.NormalizeName(Roles.Staff);
        var staffRole = await db.Roles.Where(r => r.NormalizedName == staffRoleName).Select(r => r.Id).SingleAsync(ct);
        // Each row is inserted unless it is there already, so a simultaneous assignment of the same person (to this
        // queue or another) neither fails nor undoes this one. The Staff role opens the staff console; what the user
        // may operate is still only what QueueStaff lists.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var added = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "QueueStaff" ("QueueId", "UserId") VALUES ({queueId}, {user.Id}) ON CONFLICT DO NOTHING""", ct);
            member = member with { AlreadyAssigned = added == 0 };
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ({user.Id}, {staffRole}) ON CONFLICT DO NOTHING""", ct);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
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

    /// <summary>An owner's command on one queue, in the command pipeline (the queue row locked, due transitions applied).</summary>
    private Task<Result<T>> OnOwnQueueAsync<T>(
        Actor actor, Guid queueId, string command, RequestKey? key, CancellationToken ct, Func<CommandContext, Task<Result<T>>> body) =>
        _pipeline.RunAsync<T>(new CommandRequest(actor, queueId, command, key), async ctx =>
            actor.IsSystem || !await ctx.IsOwnerAsync() ? Error.Forbidden(NotOwner) : await body(ctx), ct);

    private static async Task<bool> LockBusinessAsync(WaitWiseDbContext db, Guid businessId, CancellationToken ct) =>
        (await db.Database.SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM \"Businesses\" WHERE \"Id\" = {businessId} FOR UPDATE").ToListAsync(ct)).Count == 1;

    private static async Task<Error?> OwnershipAsync(WaitWiseDbContext db, Actor actor, Guid queueId, CancellationToken ct)
    {
        var businessId = await db.Queues.Where(q => q.Id == queueId).Select(q => (Guid?)q.BusinessId).SingleOrDefaultAsync(ct);
        if (businessId is null)
        {
            return Error.NotFound("The queue");
        }
        return actor.IsSystem || !await Rights.IsOwnerAsync(db, actor, businessId.Value, ct)
            ? Error.Forbidden(NotOwner)
            : null;
    }

    /// <summary>
    /// The open statuses written into the SQL as constants (<c>"Status" IN ('WAITING', …)</c>, the predicate of
    /// IX_QueueEntries_OpenByQueue), not as a parameter, so PostgreSQL can read them from that index.
    /// </summary>
    private static IQueryable<QueueEntry> OpenTickets(WaitWiseDbContext db, Guid queueId) =>
        db.QueueEntries.Where(e => e.QueueId == queueId && EF.Constant(TicketStatuses.Open).Contains(e.Status));

    private static Error DuplicateName(string name) =>
        new(ErrorKind.Conflict, $"This business already has a queue named \"{name}\"; pick another name.")
        {
            Fields = new Dictionary<string, string[]> { ["name"] = ["A queue of this business already has this name."] },
        };
}
