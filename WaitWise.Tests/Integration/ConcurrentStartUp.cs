using System.Net;
using Microsoft.EntityFrameworkCore;
using WaitWise.Data;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Integration;

/// <summary>
/// Two app processes started at the same moment over one database (SPEC failure model: several nodes): creating the
/// database, migrating and seeding are each safe to run at once, and both nodes come up serving.
/// </summary>
public sealed class ConcurrentStartUp
{
    [Fact]
    public async Task TwoNodesStartTogetherOnAServerWithoutTheDatabase() =>
        await BothStartAsync(await TestPostgres.UncreatedDatabaseAsync());

    [Fact]
    public async Task TwoNodesStartTogetherOnAnEmptyDatabase() =>
        await BothStartAsync(await TestPostgres.CreateDatabaseAsync(migrated: false));

    private static async Task BothStartAsync(string connectionString)
    {
        var settings = new Dictionary<string, string> { [WaitWiseSettings.SeedDemo] = "true" };
        await using var first = AppProcess.Start(connectionString, settings);
        await using var second = AppProcess.Start(connectionString, settings);

        await Task.WhenAll(first.ReadyAsync(), second.ReadyAsync());

        foreach (var node in new[] { first, second })
        {
            using var client = node.Client();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        await using var db = new WaitWiseDbContext(new DbContextOptionsBuilder<WaitWiseDbContext>().UseNpgsql(connectionString).Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(1, await db.Businesses.CountAsync(b => b.Name == DemoSeeder.BusinessName));
        Assert.Equal(DemoSeeder.Accounts.Count, await db.Users.CountAsync());
        Assert.Equal(Core.Auth.Roles.All.Count, await db.Roles.CountAsync());
    }
}
