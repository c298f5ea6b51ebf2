using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Data;
using WaitWise.Data.Health;
using WaitWise.Data.Hosting;
using WaitWise.DevPostgres;
using WaitWise.Data.Identity;
using WaitWise.Web.Hosting;

namespace WaitWise.Bench;

/// <summary>
/// A private PostgreSQL (fsync off, as for tests: the figures measure WaitWise, not this machine's disk, and
/// pgbench runs against the very same server) and the app, in Release, on a free loopback port.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly string _dataDir;

    private BenchHost(string dataDir, PrivatePostgres postgres, WebApplication app)
    {
        _dataDir = dataDir;
        Postgres = postgres;
        App = app;
        BaseAddress = new Uri(app.Urls.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
    }

    public PrivatePostgres Postgres { get; }
    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => App.Services;
    public string ConnectionString => App.Configuration.GetConnectionString(WaitWiseSettings.ConnectionStringName)!;

    /// <param name="settings">More app settings (<c>--key=value</c>), for a scenario that needs its own host.</param>
    public static async Task<BenchHost> StartAsync(params string[] settings)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "waitwise-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var postgres = await PrivatePostgres.StartAsync(dataDir, "waitwise", throwaway: true);
        var app = await StartAppAsync(postgres.ConnectionString, dataDir, settings);
        return new BenchHost(dataDir, postgres, app);
    }

    /// <summary>
    /// Another node of the same installation: the same database and key ring, a port of its own, in this process (its
    /// own services, pools, scheduler and LISTEN connection, as a second server would have). The caller stops it.
    /// </summary>
    public Task<WebApplication> StartNodeAsync(params string[] settings) => StartAppAsync(ConnectionString, _dataDir, settings);

    private static async Task<WebApplication> StartAppAsync(string connectionString, string dataDir, string[] settings)
    {
        var app = await WaitWiseApp.CreateAsync(
        [
            "--applicationName", "WaitWise.Web",
            "--environment", "Production",
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:{WaitWiseSettings.ConnectionStringName}={connectionString}",
            $"--{WaitWiseSettings.KeysDirectory}={dataDir}-keys",
            $"--{WaitWiseSettings.SeedDemo}=false",
            // Thousands of sign-ins come from one loopback address here; a real rush comes from many.
            "--WaitWise:RateLimits:Auth:PermitLimit=1000000",
            "--WaitWise:RateLimits:Join:PermitLimit=1000000",
            "--WaitWise:RateLimits:GuestJoin:PermitLimit=1000000",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
            .. settings,
        ],
        builder =>
        {
            // Pages need the scripts and styles of the build output, which only Development serves by default.
            builder.WebHost.UseStaticWebAssets();
            // A closed page's circuit goes at once rather than being kept for a reconnect, so pages the circuit
            // scenario opens only to warm up leave nothing behind to be let go while it measures.
            builder.Services.Configure<CircuitOptions>(options => options.DisconnectedCircuitMaxRetained = 0);
            builder.Services.AddSingleton<OpenCircuits>();
            builder.Services.AddScoped<CircuitHandler, OpenCircuits.Counter>();
        });
        await app.StartAsync();
        return app;
    }

    public async Task<WaitWiseDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>().CreateDbContextAsync();

    public async Task<int> InvariantViolationsAsync() => (await Services.GetRequiredService<InvariantChecker>().CheckAsync()).Count;

    /// <summary>
    /// Accounts written in one statement, all with the same password hash (hashed once: hashing is the slow part
    /// of creating an account, and not what these scenarios measure). Returns their ids in order.
    /// </summary>
    public async Task<List<(string Id, string Email)>> UsersAsync(string prefix, int count, string role = Roles.Customer)
    {
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            WITH u AS (
                INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                    "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                SELECT gen_random_uuid()::text, e, upper(e), e, upper(e), true, @hash, gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0
                FROM (SELECT format('%s%s@bench.test', @prefix, i) AS e, i FROM generate_series(1, @count) i) s
                ORDER BY i
                RETURNING "Id", "Email"
            ), r AS (
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
                SELECT u."Id", (SELECT "Id" FROM "AspNetRoles" WHERE "Name" = @role) FROM u
            )
            SELECT "Id", "Email" FROM u
            """, connection);
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("prefix", prefix);
        insert.Parameters.AddWithValue("count", count);
        insert.Parameters.AddWithValue("role", role);
        var users = new List<(string, string)>();
        await using var reader = await insert.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            users.Add((reader.GetString(0), reader.GetString(1)));
        }
        return users;
    }

    public const string Password = "Bench-password-1";

    /// <summary>An approved business of a new owner, and <paramref name="queues"/> open queues in it.</summary>
    public async Task<(Actor Owner, List<Queue> Queues)> QueuesAsync(string name, int queues, int maxSize, int slots, bool autoCall = false)
    {
        var owner = (await UsersAsync(name + "-owner", 1, Roles.Owner))[0];
        await using var db = await DbAsync();
        var business = new Business
        {
            Id = Guid.CreateVersion7(), Name = name, OwnerId = owner.Id, Status = BusinessStatus.Approved, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Businesses.Add(business);
        var created = Enumerable.Range(1, queues).Select(i => new Queue
        {
            Id = Guid.CreateVersion7(),
            BusinessId = business.Id,
            Name = $"{name} {i}",
            TicketPrefix = "B-",
            MaxSize = maxSize,
            ServiceSlots = slots,
            AutoCall = autoCall,
            Status = QueueStatus.Open,
            CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.Queues.AddRange(created);
        await db.SaveChangesAsync();
        return (new Actor(owner.Id), created);
    }

    /// <summary>Assigns staff to a queue straight in QueueStaff.</summary>
    public async Task AssignAsync(Guid queueId, IEnumerable<string> userIds)
    {
        await using var db = await DbAsync();
        db.QueueStaff.AddRange(userIds.Select(id => new QueueStaff { QueueId = queueId, UserId = id }));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The server's own memory, after an aggressive collection: it compacts and also gives back the free regions
    /// the GC would otherwise keep resident for a while, so the working set shows what is in use.
    /// </summary>
    public static ServerMemory MemoryAfterCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new ServerMemory(self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Postgres.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
        Directory.Delete(_dataDir + "-keys", recursive: true);
    }
}

