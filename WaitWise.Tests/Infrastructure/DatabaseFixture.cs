using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WaitWise.Core.Notifications;
using WaitWise.Data;
using WaitWise.Data.Notifications;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Infrastructure;

/// <summary>A database of its own for one test class: a copy of the migrated template, with the real services over it.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public TestClock Clock { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        // Every channel on, so every command the tests run plans its messages (nothing delivers them here).
        services.AddSingleton(new OutboxChannels([NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.Push]));
        services.AddSingleton(provider => new VapidKeyStore(provider.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>(), configured: null));
        services.AddSingleton(new PushServiceHosts(["push.example.test"]));
        services.AddSingleton<IPushSubscriptions, PushSubscriptions>();
        services.AddWaitWiseDomain(ConnectionString);
        Services = services.BuildServiceProvider(validateScopes: true);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedRolesAsync();
    }

    public IDbContextFactory<WaitWiseDbContext> Db => Services.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>();

    /// <summary>
    /// Empties every table but the migration history and the roles, between tests. A command the last test left
    /// running (a component's click still in flight) may hold a queue row while the truncation takes the tables one by
    /// one: PostgreSQL breaks that deadlock by failing one side, and when that is the truncation it goes again.
    /// </summary>
    public async Task ResetAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TruncateAsync();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // The other side has its locks now and finishes; the next try waits for it.
            }
        }
        Clock.Now = new TestClock().Now;
    }

    private async Task TruncateAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            DO $$ DECLARE tables text;
            BEGIN
                SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables
                FROM pg_tables
                WHERE schemaname = 'public' AND tablename NOT IN ('__EFMigrationsHistory', 'AspNetRoles');
                EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string> CreateUserAsync(string email, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Data.Identity.ApplicationUser>>();
        var user = new Data.Identity.ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, DemoSeeder.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
