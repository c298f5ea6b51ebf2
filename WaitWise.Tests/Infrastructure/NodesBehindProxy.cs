using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using WaitWise.DevPostgres;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// WaitWise as several servers run it: two app processes on one database with one key ring, behind nginx configured
/// from scripts/nginx/waitwise.conf, and real Chromium reaching them only through the proxy. Each node keeps its
/// port, so a killed node can be started again where nginx expects it.
/// </summary>
public sealed class NodesBehindProxy : IAsyncLifetime
{
    public static readonly string[] Names = ["node-a", "node-b"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "waitwise-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int[] _ports = Names.Select(_ => PrivatePostgres.FreePort()).ToArray();
    private readonly AppProcess?[] _nodes = new AppProcess?[Names.Length];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string ConnectionString { get; private set; } = "";
    public NginxProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        await Task.WhenAll(Names.Select((_, i) => StartAsync(i)));
        Proxy = await NginxProxy.StartAsync(_ports.Select(p => new Uri($"http://127.0.0.1:{p}")).ToList(), Path.Combine(_directory, "nginx"));
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
    }

    /// <summary>Starts node <paramref name="index"/> (again) on its own port and waits until it listens.</summary>
    public async Task StartAsync(int index)
    {
        _nodes[index] = await AppProcess.StartedAsync(ConnectionString, new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{_ports[index]}",
            [WaitWiseSettings.KeysDirectory] = Path.Combine(_directory, "keys"),
            [WaitWiseSettings.SeedDemo] = "true",
            [WaitWiseSettings.NodeName] = Names[index],
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        });
    }

    public int IndexOf(string name) => Array.IndexOf(Names, name);

    /// <summary>A client of one node directly, past the proxy: as a node's own API clients (or another proxy) would reach it.</summary>
    public HttpClient Direct(int index) => _nodes[index]?.Client() ?? throw new InvalidOperationException($"{Names[index]} is not running.");

    public async Task KillAsync(int index)
    {
        if (_nodes[index] is { } node)
        {
            await node.DisposeAsync();
            _nodes[index] = null;
        }
    }

    /// <summary>A fresh browser context (one person) on the proxy's address.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Proxy.BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The node the page's browser sticks to: /health answers with its name, asked with the browser's cookies.</summary>
    public static async Task<string> NodeOfAsync(IPage page)
    {
        var health = await page.Context.APIRequest.GetAsync("health");
        return JsonDocument.Parse(await health.TextAsync()).RootElement.GetProperty("node").GetString()!;
    }

    /// <summary>A bearer token of a demo account, issued by node <paramref name="index"/>.</summary>
    public async Task<string> TokenAsync(int index, string email)
    {
        using var client = Direct(index);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoSeeder.Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<Guid> BusinessIdAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand("""SELECT "Id" FROM "Businesses" WHERE "Name" = @name""", connection);
        find.Parameters.AddWithValue("name", name);
        return (Guid)(await find.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        for (var i = 0; i < _nodes.Length; i++)
        {
            await KillAsync(i);
        }
        Directory.Delete(_directory, recursive: true);
    }
}
