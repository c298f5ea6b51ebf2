using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using WaitWise.Core.Auth;
using WaitWise.Data;
using WaitWise.Data.Health;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// The real WaitWise web app on a free loopback port, over a database of its own with the demo data seeded
/// and a clock the tests set. HTTP and browser tests talk to <see cref="BaseAddress"/>.
/// </summary>
public sealed class AppHost : IAsyncLifetime
{
    private WebApplication? _app;

    public TestClock Clock { get; } = new() { Now = DateTimeOffset.UtcNow };

    /// <summary>Extra configuration for this host (for example raised or lowered rate limits), set before it starts.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];
    /// <summary>Another host whose database this one shares, as a second node would; unset: a database of its own.</summary>
    public AppHost? SameDatabaseAs { get; init; }
    /// <summary>Services this host has instead of the app's own (registered first, so the app's TryAdds keep them).</summary>
    public Action<IServiceCollection>? Replace { get; init; }
    public string ConnectionString { get; private set; } = "";
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => App.Services;
    private WebApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        ConnectionString = SameDatabaseAs?.ConnectionString ?? await TestPostgres.CreateDatabaseAsync();
        await StartAsync();
    }

    /// <summary>Starts the app (again, after <see cref="StopAsync"/>) over the same database and clock.</summary>
    public async Task StartAsync()
    {
        _app = await WaitWiseApp.CreateAsync(
            [
                "--applicationName", "WaitWise.Web",
                "--environment", "Development",
                "--urls", "http://127.0.0.1:0",
                $"--ConnectionStrings:{WaitWiseSettings.ConnectionStringName}={ConnectionString}",
                $"--{WaitWiseSettings.SeedDemo}=true",
                // Four weeks of simulated tickets take a while; the test that needs them asks for them.
                $"--{WaitWiseSettings.SeedDemoHistory}=false",
                .. Settings.Select(s => $"--{s.Key}={s.Value}"),
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(Clock);
                Replace?.Invoke(builder.Services);
                builder.Logging.AddProvider(new ServerErrorLog(new NpgsqlConnectionStringBuilder(ConnectionString).Database ?? "?"));
            });
        await _app.StartAsync();
        var address = _app.Urls.First();
        BaseAddress = new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
    }

    /// <summary>Stops the app as a shutdown would; the database stays.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public HttpClient Client(bool followRedirects = true) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = BaseAddress };

    public async Task<WaitWiseDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>().CreateDbContextAsync();

    /// <summary>The Identity id of a (demo) account.</summary>
    public async Task<Actor> ActorAsync(string email)
    {
        await using var db = await DbAsync();
        var id = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
        return new Actor(id);
    }

    public async Task AssertInvariantsHoldAsync()
    {
        var violations = await Services.GetRequiredService<InvariantChecker>().CheckAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>
    /// Every table's rows, hashed, to show that something changed nothing (Quartz's own tables aside: they are the
    /// scheduler's, and it writes them on its own time).
    /// </summary>
    public async Task<string> DigestAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'qrtz%' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var digest = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var hash = new NpgsqlCommand($"SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            digest.Append(table).Append(':').Append(await hash.ExecuteScalarAsync()).Append('\n');
        }
        return digest.ToString();
    }

    public async Task DisposeAsync() => await StopAsync();
}
