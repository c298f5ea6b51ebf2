using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Data.Identity;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Integration;

/// <summary>The demo data the real app seeds at start-up in Development, and seeding it again.</summary>
public sealed class DemoSeeding(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task SeedsDemoClinicWithItsQueuesStaffAndAccounts()
    {
        await using var db = await app.DbAsync();
        var business = await db.Businesses.Include(b => b.Queues).ThenInclude(q => q.Staff).SingleAsync(b => b.Name == DemoSeeder.BusinessName);
        Assert.Equal(BusinessStatus.Approved, business.Status);
        Assert.Equal((await app.ActorAsync(DemoSeeder.OwnerEmail)).Id, business.OwnerId);

        var frontDesk = business.Queues.Single(q => q.Name == DemoSeeder.FrontDesk);
        var pharmacy = business.Queues.Single(q => q.Name == DemoSeeder.Pharmacy);
        Assert.Equal((false, 2), (frontDesk.AutoCall, frontDesk.ServiceSlots));
        Assert.Equal((true, 1), (pharmacy.AutoCall, pharmacy.ServiceSlots));
        var staff1 = (await app.ActorAsync(DemoSeeder.Staff1Email)).Id;
        var staff2 = (await app.ActorAsync(DemoSeeder.Staff2Email)).Id;
        Assert.Equal(new[] { staff1, staff2 }.Order(), frontDesk.Staff.Select(s => s.UserId).Order());
        Assert.Equal([staff1], pharmacy.Staff.Select(s => s.UserId));

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var (email, role) in DemoSeeder.Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.IsInRoleAsync(user, role), $"{email} should be {role}");
            Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.Password), $"{email} should take the demo password");
        }
    }

    [Fact]
    public async Task SeedingAgainAddsNothing()
    {
        async Task<(int Users, int Businesses, int Queues, int Staff)> CountAsync()
        {
            await using var db = await app.DbAsync();
            return (await db.Users.CountAsync(), await db.Businesses.CountAsync(), await db.Queues.CountAsync(), await db.QueueStaff.CountAsync());
        }
        var before = await CountAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedRolesAsync();
            await seeder.SeedDemoAsync();
        }

        Assert.Equal(before, await CountAsync());
        Assert.Equal((DemoSeeder.Accounts.Count, 1, 2, 3), before);
    }

    [Fact]
    public async Task ADemoAccountSignsInOverHttp()
    {
        using var client = app.Client(followRedirects: false);
        var form = await client.GetStringAsync("Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var response = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = DemoSeeder.CustomerEmails[0],
            ["Input.Password"] = DemoSeeder.Password,
        }));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }
}
