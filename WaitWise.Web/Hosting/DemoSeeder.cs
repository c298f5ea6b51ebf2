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
        var frontDesk = EnsureQueue(business, FrontDesk, "A-", autoCall: false, slots: 2, allowGuests: true);
        var pharmacy = EnsureQueue(business, Pharmacy, "P-", autoCall: true, slots: 1, allowGuests: false);
        EnsureStaff(frontDesk, ids[Staff1Email]);
        EnsureStaff(frontDesk, ids[Staff2Email]);
        EnsureStaff(pharmacy, ids[Staff1Email]);
        await db.SaveChangesAsync();
    }

    private Queue EnsureQueue(Business business, string name, string prefix, bool autoCall, int slots, bool allowGuests)
    {
        var queue = business.Queues.SingleOrDefault(q => q.Name == name);
        if (queue is null)
        {
            queue = new Queue
            {
                Id = Guid.CreateVersion7(),
                BusinessId = business.Id,
                Name = name,
                TicketPrefix = prefix,
                AutoCall = autoCall,
                AllowGuests = allowGuests,
                ServiceSlots = slots,
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
