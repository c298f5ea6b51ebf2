using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Businesses;

/// <summary>Base of the owner and admin service tests: services resolved in a scope of their own, as a request would.</summary>
public abstract class OwnerServiceTest(DatabaseFixture fixture) : TicketTest(fixture)
{
    protected async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A real Identity account (hashed password, role), for the tests that read roles.</summary>
    protected async Task<Actor> AccountAsync(string role) =>
        new(await Fixture.CreateUserAsync($"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.example", role));

    protected async Task<IReadOnlyList<string>> RolesOfAsync(Actor actor)
    {
        await using var db = await DbAsync();
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == actor.Id select r.Name!).ToListAsync();
    }
}
