using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Data;
using WaitWise.Data.Identity;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Account;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Integration;

/// <summary>Self-service sign-up, as the Register page does it, against the real Identity stores.</summary>
public sealed class Registration(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private async Task<IdentityResult> RegisterAsync(string email, string password = "Valid-pass-1")
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WaitWiseDbContext>();
        return await users.RegisterCustomerAsync(db, new ApplicationUser { UserName = email, Email = email }, password);
    }

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return await users.GetRolesAsync(user);
    }

    [Fact]
    public async Task GivesANewAccountTheCustomerRole()
    {
        var result = await RegisterAsync("new@test.example");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.Equal([Roles.Customer], await RolesOfAsync("new@test.example"));
    }

    [Fact]
    public async Task RefusesATakenEmailAndKeepsTheFirstAccountAsItWas()
    {
        await RegisterAsync("taken@test.example");

        var result = await RegisterAsync("TAKEN@test.example");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal([Roles.Customer], await RolesOfAsync("taken@test.example"));
    }

    [Fact]
    public async Task LeavesNoAccountWhenThePasswordIsRefused()
    {
        var result = await RegisterAsync("weak@test.example", password: "short");

        Assert.False(result.Succeeded);
        await using var db = await DbAsync();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task LeavesNoAccountWhenTheRoleCannotBeGiven()
    {
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            await roles.DeleteAsync((await roles.FindByNameAsync(Roles.Customer))!);
        }
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => RegisterAsync("roleless@test.example"));

            await using var db = await DbAsync();
            Assert.False(await db.Users.AnyAsync());
        }
        finally
        {
            // The roles outlive each test's reset, so the next test must find them again.
            await using var scope = Fixture.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedRolesAsync();
        }
    }
}
