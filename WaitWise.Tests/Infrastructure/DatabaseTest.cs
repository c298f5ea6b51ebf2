using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data;
using WaitWise.Data.Health;
using WaitWise.Data.Identity;

namespace WaitWise.Tests.Infrastructure;

/// <summary>Base of the database tests: a clean database before each test, and builders for test data.</summary>
public abstract class DatabaseTest(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected DatabaseFixture Fixture => fixture;
    protected TestClock Clock => fixture.Clock;
    protected ITicketService Tickets => fixture.Services.GetRequiredService<ITicketService>();
    protected IQueueControl Control => fixture.Services.GetRequiredService<IQueueControl>();

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<WaitWiseDbContext> DbAsync() => await fixture.Db.CreateDbContextAsync();

    protected async Task AssertInvariantsHoldAsync()
    {
        var violations = await fixture.Services.GetRequiredService<InvariantChecker>().CheckAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>Users written straight to the table: no password hashing, so hundreds take milliseconds.</summary>
    protected async Task<List<Actor>> UsersAsync(int count, string prefix = "user")
    {
        await using var db = await DbAsync();
        var users = Enumerable.Range(1, count).Select(i =>
        {
            var email = $"{prefix}{i}-{Guid.NewGuid():N}@test.example";
            return new ApplicationUser
            {
                Id = Guid.NewGuid().ToString(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                SecurityStamp = Guid.NewGuid().ToString(),
            };
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => new Actor(u.Id)).ToList();
    }

    protected async Task<Actor> UserAsync(string prefix = "user") => (await UsersAsync(1, prefix))[0];

    protected async Task<Business> BusinessAsync(Actor owner, BusinessStatus status = BusinessStatus.Approved)
    {
        await using var db = await DbAsync();
        var business = new Business
        {
            Id = Guid.NewGuid(),
            Name = "Business " + Guid.NewGuid().ToString("N")[..6],
            OwnerId = owner.Id,
            Status = status,
            CreatedAt = Clock.Now,
        };
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return business;
    }

    protected async Task<Queue> QueueAsync(
        Business business, int maxSize = 50, int slots = 2, bool autoCall = false, QueueStatus status = QueueStatus.Open,
        int graceSeconds = 600, int callTimeoutSeconds = 180, IEnumerable<Actor>? staff = null)
    {
        await using var db = await DbAsync();
        var queue = new Queue
        {
            Id = Guid.NewGuid(),
            BusinessId = business.Id,
            Name = "Queue " + Guid.NewGuid().ToString("N")[..12],
            TicketPrefix = "Q-",
            MaxSize = maxSize,
            ServiceSlots = slots,
            AutoCall = autoCall,
            Status = status,
            GraceTimeSeconds = graceSeconds,
            CallTimeoutSeconds = callTimeoutSeconds,
            CreatedAt = Clock.Now,
        };
        queue.Staff.AddRange((staff ?? []).Select(s => new QueueStaff { QueueId = queue.Id, UserId = s.Id }));
        db.Queues.Add(queue);
        await db.SaveChangesAsync();
        return queue;
    }

    protected async Task<QueueEntry> TicketAsync(Guid ticketId)
    {
        await using var db = await DbAsync();
        return await db.QueueEntries.AsNoTracking().SingleAsync(e => e.Id == ticketId);
    }

    protected async Task<List<QueueEvent>> EventsAsync(Guid ticketId)
    {
        await using var db = await DbAsync();
        return await db.QueueEvents.AsNoTracking().Where(e => e.EntryId == ticketId).OrderBy(e => e.Id).ToListAsync();
    }

    protected static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success but got {result}");
        return result.Value!;
    }

    protected static Error Refused<T>(Result<T> result, ErrorKind kind)
    {
        Assert.False(result.IsSuccess, $"Expected a refusal ({kind}) but got {result}");
        Assert.Equal(kind, result.Error!.Kind);
        return result.Error;
    }
}
