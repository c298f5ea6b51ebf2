using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Data.Health;
using WaitWise.Web.Components;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Admin;

namespace WaitWise.Tests.Components;

/// <summary>The admin health page over the real invariant checker and a real database.</summary>
public sealed class AdminHealthPage : ComponentTest, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _db;

    public AdminHealthPage(DatabaseFixture db)
    {
        _db = db;
        // One scope for the test, as one circuit would have.
        Context.Services.AddSingleton(db.Services.CreateScope().ServiceProvider.GetRequiredService<HealthReview>());
        Context.Services.AddSingleton<TimeProvider>(db.Clock);
        Context.Services.AddScoped<CurrentActor>();
    }

    /// <summary>Signed in as an admin, who is one in the database too (or, with <paramref name="inDatabase"/> false, no longer).</summary>
    private async Task AdminAsync(bool inDatabase = true)
    {
        var id = await _db.CreateUserAsync($"admin-{Guid.NewGuid():N}@test.example", inDatabase ? Roles.Admin : Roles.Customer);
        SignIn("admin@waitwise.test", Roles.Admin);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
    }

    [Fact]
    public async Task SaysAllInvariantsHoldOnACleanDatabase()
    {
        await _db.ResetAsync();
        await AdminAsync();
        var page = Render<Health>();
        page.WaitForElement("[data-testid=health-ok]");
        Assert.Empty(page.FindAll("[data-testid=health-violations]"));
    }

    [Fact]
    public async Task ListsAViolationWithItsInvariant()
    {
        await _db.ResetAsync();
        var owner = await _db.CreateUserAsync("owner-health@test.example", Roles.Owner);
        await using (var db = await _db.Db.CreateDbContextAsync())
        {
            var business = Guid.NewGuid();
            var queue = Guid.NewGuid();
            // A ticket written behind the service's back: it has no join event (invariant 7).
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Businesses" ("Id", "Name", "OwnerId", "Status", "TimeZoneId", "CreatedAt") VALUES ({business}, 'B', {owner}, 'Approved', 'UTC', now());
                INSERT INTO "Queues" ("Id", "BusinessId", "Name", "TicketPrefix", "MaxSize", "ServiceSlots", "GraceTimeSeconds", "CallTimeoutSeconds", "DefaultServiceSeconds", "AutoCall", "Status", "LastTicketNumber", "CreatedAt")
                VALUES ({queue}, {business}, 'Q', 'Q-', 10, 1, 60, 60, 60, false, 'Open', 1, now());
                INSERT INTO "QueueEntries" ("Id", "QueueId", "UserId", "TicketNumber", "Status", "PriorityBoost", "JoinedAt") VALUES ({Guid.NewGuid()}, {queue}, {owner}, 1, 'WAITING', 0, now());
                """);
        }

        await AdminAsync();
        var page = Render<Health>();

        page.WaitForElement("[data-testid=health-violations]");
        Assert.Contains("no join event", page.Markup);
        Assert.Contains(page.FindAll("td"), td => td.TextContent.Trim() == "7");
    }

    [Fact]
    public async Task ASignInWhoseAdminRoleWasTakenAwaySeesNothing()
    {
        await _db.ResetAsync();
        await AdminAsync(inDatabase: false);

        var page = Render<Health>();

        page.WaitForElement("[data-testid=health-refused]");
        Assert.Empty(page.FindAll("[data-testid=health-ok], [data-testid=health-violations], button"));
    }
}
