using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Data;
using WaitWise.Data.Identity;

namespace WaitWise.Web.Hosting;

/// <summary>Roles always; the demo business and accounts when WaitWise:SeedDemo is on. Safe to run again.</summary>
public sealed class DemoSeeder(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<WaitWiseDbContext> factory,
    TimeProvider clock)
{
    public const string Password = "WaitWise-demo-1";
    public const string BusinessName = "Demo Clinic";
    public const string OwnerEmail = "owner@waitwise.test";
    public const string AdminEmail = "admin@waitwise.test";
    public const string Staff1Email = "staff1@waitwise.test";
    public const string Staff2Email = "staff2@waitwise.test";
    public const string FrontDesk = "Front desk";
    public const string Pharmacy = "Pharmacy";

    /// <summary>Demo Clinic's queues as the demo makes them.</summary>
    public static IReadOnlyList<DemoQueue> Queues { get; } =
    [
        new(FrontDesk, "A-", AutoCall: false, Slots: 2, AllowGuests: true),
        new(Pharmacy, "P-", AutoCall: true, Slots: 1, AllowGuests: false),
    ];

    public static IReadOnlyList<string> CustomerEmails { get; } =
        Enumerable.Range(1, 5).Select(i => $"customer{i}@waitwise.test").ToList();

    /// <summary>The demo sign-ins, as the home page lists them in Development.</summary>
    public static IReadOnlyList<(string Email, string Role)> Accounts { get; } =
    [
        (AdminEmail, Roles.Admin),
        (OwnerEmail, Roles.Owner),
        (Staff1Email, Roles.Staff),
        (Staff2Email, Roles.Staff),
        .. CustomerEmails.Select(e => (e, Roles.Customer)),
    ];

    public async Task SeedRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                (await roles.CreateAsync(new IdentityRole(role))).ThrowIfFailed("Seeding");
            }
        }
    }

    public async Task SeedDemoAsync()
    {
        var ids = new Dictionary<string, string>();
        foreach (var (email, role) in Accounts)
        {
            ids[email] = await EnsureUserAsync(email, role);
        }

        await using var db = await factory.CreateDbContextAsync();
        var business = await db.Businesses.Include(b => b.Queues).ThenInclude(q => q.Staff)
            .SingleOrDefaultAsync(b => b.Name == BusinessName && b.OwnerId == ids[OwnerEmail]);
        if (business is null)
        {
            business = new Business
            {
                Id = Guid.CreateVersion7(),
                Name = BusinessName,
                OwnerId = ids[OwnerEmail],
                Status = BusinessStatus.Approved,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Businesses.Add(business);
        }
        var frontDesk = EnsureQueue(business, Queues[0]);
        var pharmacy = EnsureQueue(business, Queues[1]);
        EnsureStaff(frontDesk, ids[Staff1Email]);
        EnsureStaff(frontDesk, ids[Staff2Email]);
        EnsureStaff(pharmacy, ids[Staff1Email]);
        await db.SaveChangesAsync();
    }

    private Queue EnsureQueue(Business business, DemoQueue demo)
    {
        var queue = business.Queues.SingleOrDefault(q => q.Name == demo.Name);
        if (queue is null)
        {
            queue = new Queue
            {
                Id = Guid.CreateVersion7(),
                BusinessId = business.Id,
                Name = demo.Name,
                TicketPrefix = demo.Prefix,
                AutoCall = demo.AutoCall,
                AllowGuests = demo.AllowGuests,
                ServiceSlots = demo.Slots,
                Status = QueueStatus.Open,
                CreatedAt = clock.GetUtcNow(),
            };
            business.Queues.Add(queue);
        }
        return queue;
    }

    private static void EnsureStaff(Queue queue, string userId)
    {
        if (queue.Staff.All(s => s.UserId != userId))
        {
            queue.Staff.Add(new QueueStaff { QueueId = queue.Id, UserId = userId });
        }
    }

    private async Task<string> EnsureUserAsync(string email, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, Password)).ThrowIfFailed("Seeding");
        }
        if (!await users.IsInRoleAsync(user, role))
        {
            (await users.AddToRoleAsync(user, role)).ThrowIfFailed("Seeding");
        }
        return user.Id;
    }
}

/// <summary>One of the demo's queues: its name, ticket prefix, whether it calls by itself, its counters, whether guests may join.</summary>
public sealed record DemoQueue(string Name, string Prefix, bool AutoCall, int Slots, bool AllowGuests);
