using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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
        var token = await SignInAsync(_first, DemoSeeder.CustomerEmails[0]);
        var queueId = await FrontDeskAsync();

        using var joined = await SendAsync(_second, HttpMethod.Post, $"api/v1/queues/{queueId}/join", token);
        using var status = await SendAsync(_first, HttpMethod.Get, $"api/v1/queues/{queueId}/status", token);

        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var ticket = await status.Content.ReadFromJsonAsync<JsonElement>();
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
            var token = await SignInAsync(_first, DemoSeeder.CustomerEmails[1]);

            using var refused = await SendAsync(stranger, HttpMethod.Get, $"api/v1/queues/{await FrontDeskAsync()}/status", token);

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        finally
        {
            await stranger.DisposeAsync();
        }
    }

    private async Task<Guid> FrontDeskAsync()
    {
        await using var db = await _first.DbAsync();
        return await db.Queues.Where(q => q.Name == DemoSeeder.FrontDesk).Select(q => q.Id).SingleAsync();
    }

    private static async Task<string> SignInAsync(AppHost node, string email)
    {
        using var client = node.Client();
        using var response = await client.PostAsJsonAsync("api/v1/auth/login", new { email, password = DemoSeeder.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(AppHost node, HttpMethod method, string path, string token)
    {
        using var client = node.Client();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }
}
