using System.Net;
using System.Net.Http.Headers;
using WaitWise.Tests.Api;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Integration;

/// <summary>Two app nodes over one database: with a shared key ring, a token one node issues works on the other.</summary>
public sealed class SeveralNodes : IAsyncLifetime
{
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "waitwise-keys-" + Guid.NewGuid().ToString("N")[..8]);
    private AppHost _first = null!;
    private AppHost _second = null!;

    public async Task InitializeAsync()
    {
        _first = new AppHost { Settings = { [WaitWiseSettings.KeysDirectory] = _keys } };
        await _first.InitializeAsync();
        _second = new AppHost { SameDatabaseAs = _first, Settings = { [WaitWiseSettings.KeysDirectory] = _keys } };
        await _second.InitializeAsync();
    }

    [Fact]
    public async Task ATokenFromOneNodeJoinsOnTheOtherAndBothSeeTheTicket()
    {
        var first = await _first.SignedInClientAsync(DemoSeeder.CustomerEmails[0]);
        var second = OnNode(_second, first.DefaultRequestHeaders.Authorization!);
        var queueId = await _first.QueueIdAsync(DemoSeeder.FrontDesk);

        await (await second.PostAsync($"api/v1/queues/{queueId}/join")).AssertOkAsync(HttpStatusCode.Created);
        var ticket = await (await first.GetAsync($"api/v1/queues/{queueId}/status")).AssertOkAsync();

        Assert.Equal("WAITING", ticket.GetProperty("status").GetString());
        await _first.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ANodeWithAnotherKeyRingRefusesTheToken()
    {
        var stranger = new AppHost { SameDatabaseAs = _first };
        await stranger.InitializeAsync();
        try
        {
            var first = await _first.SignedInClientAsync(DemoSeeder.CustomerEmails[1]);

            var refused = await OnNode(stranger, first.DefaultRequestHeaders.Authorization!)
                .GetAsync($"api/v1/queues/{await _first.QueueIdAsync(DemoSeeder.FrontDesk)}/status");

            await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
        finally
        {
            await stranger.DisposeAsync();
        }
    }

    private static HttpClient OnNode(AppHost node, AuthenticationHeaderValue token)
    {
        var client = node.Client(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }
}
