using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Core.Simulation;
using WaitWise.Data;
using WaitWise.Data.Identity;

namespace WaitWise.Web.Hosting;

/// <summary>
/// Four weeks of weekdays in Demo Clinic's queues, simulated as the benchmark simulates them (<see cref="ClinicSimulation"/>,
/// the app's own services on a simulated clock), so the owner's dashboard, its charts and the wait estimates have a
/// history on a first start. Development only. Deterministic (fixed seeds) and done once: a queue that has had any
/// ticket is left as it is. The simulated patients are accounts with no password: nobody can sign in as one.
/// </summary>
public sealed class DemoHistory(
    IServiceProvider services, IDbContextFactory<WaitWiseDbContext> factory, UserManager<ApplicationUser> users, TimeProvider clock,
    ILogger<DemoHistory> logger)
{
    public const int Weeks = 4;
    public const int People = 120;

    public static string PatientEmail(int i) => $"patient{i:000}@history.waitwise.test";

    public async Task SeedAsync()
    {
        if (await users.FindByEmailAsync(DemoSeeder.OwnerEmail) is not { } owner)
        {
            return;
        }
        await using var db = await factory.CreateDbContextAsync();
        var business = await db.Businesses.Include(b => b.Queues).ThenInclude(q => q.Staff)
            .SingleOrDefaultAsync(b => b.Name == DemoSeeder.BusinessName && b.OwnerId == owner.Id);
        var queues = business?.Queues
            .Where(q => q.LastTicketNumber == 0 && DemoSeeder.Queues.Any(d => d.Name == q.Name))
            .OrderBy(q => q.Name, StringComparer.Ordinal).ToList() ?? [];
        if (business is null || queues.Count == 0)
        {
            return;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(business.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var first = today.AddDays(-7 * Weeks);
        var local = first.ToDateTime(TimeOnly.MinValue);
        var start = new DateTimeOffset(local, zone.GetUtcOffset(local));
        logger.LogInformation("Simulating {Weeks} weeks of history in {Business}'s queues (once; Development only)…", Weeks, business.Name);

        // The business and its queues existed before their history.
        business.CreatedAt = business.CreatedAt < start ? business.CreatedAt : start;
        foreach (var queue in queues)
        {
            queue.CreatedAt = queue.CreatedAt < start ? queue.CreatedAt : start;
            // The simulation's counters call, as staff do; the queue calls by itself again afterwards.
            queue.AutoCall = false;
        }
        await db.SaveChangesAsync();
        try
        {
            await SimulateAsync(db, business.OwnerId, queues, zone, first, today, start);
        }
        finally
        {
            foreach (var queue in queues)
            {
                var calls = DemoSeeder.Queues.Single(d => d.Name == queue.Name).AutoCall;
                await db.Queues.Where(q => q.Id == queue.Id).ExecuteUpdateAsync(q => q.SetProperty(x => x.AutoCall, calls));
            }
        }
    }

    private async Task SimulateAsync(
        WaitWiseDbContext db, string ownerId, IReadOnlyList<Queue> queues, TimeZoneInfo zone, DateOnly first, DateOnly today, DateTimeOffset start)
    {
        var people = await PeopleAsync();
        var staffIds = queues.SelectMany(q => q.Staff).Select(s => s.UserId).Distinct().ToList();
        var staffEmails = await db.Users.Where(u => staffIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id);
        foreach (var (queue, seed) in queues.Select((q, i) => (q, i + 1)))
        {
            // One person at each counter: the queue's staff in turn, then its owner.
            var staff = queue.Staff.Select(s => s.UserId).OrderBy(id => staffEmails[id], StringComparer.Ordinal)
                .Select(id => new Actor(id)).Append(new Actor(ownerId)).ToList();
            var counters = Enumerable.Range(0, queue.ServiceSlots).Select(i => staff[Math.Min(i, staff.Count - 1)]).ToList();
            var simulated = new SimulatedClock(start);
            var (tickets, presences) = SimulationServices.On(services, simulated);
            var clinic = new ClinicDay();
            // The clinic's arrivals are sized for three counters; each queue gets its share.
            var day = clinic with { ArrivalsPerHour = [.. clinic.ArrivalsPerHour.Select(a => a * queue.ServiceSlots / 3.0)] };
            var simulation = new ClinicSimulation(tickets, presences, simulated, day, seed);
            var joins = await simulation.RunAsync(queue.Id, counters, people, first, 7 * Weeks, zone,
                d => d < today && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            if (simulation.Refusals.Count > 0)
            {
                logger.LogWarning("The demo history of {Queue} met {Count} refusals, the first: {First}", queue.Name, simulation.Refusals.Count, simulation.Refusals[0]);
            }
            logger.LogInformation("{Queue}: {Joins} simulated tickets over {Weeks} weeks.", queue.Name, joins.Count, Weeks);
        }
    }

    private async Task<List<Actor>> PeopleAsync()
    {
        var people = new List<Actor>(People);
        for (var i = 1; i <= People; i++)
        {
            var email = PatientEmail(i);
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
                (await users.CreateAsync(user)).ThrowIfFailed("Seeding the demo history");
                (await users.AddToRoleAsync(user, Roles.Customer)).ThrowIfFailed("Seeding the demo history");
            }
            people.Add(new Actor(user.Id));
        }
        return people;
    }
}
