using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WaitWise.DevPostgres;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// The real app as a process over a PostgreSQL of its own, which is stopped under it and started again on the same
/// port, as a restart or a standby's promotion looks from the app: while it is away every API call answers 503
/// <c>unavailable</c> with Retry-After (never a 500), and the same request key then does the command once.
/// </summary>
public sealed class DatabaseGoesAway : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "waitwise-away-" + Guid.NewGuid().ToString("N")[..8]);
    private PrivatePostgres _postgres = null!;
    private AppProcess _node = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync(Path.Combine(_directory, "postgres"), "waitwise", throwaway: true);
        _node = await AppProcess.StartedAsync(_postgres.ConnectionString, new Dictionary<string, string>
        {
            [WaitWiseSettings.KeysDirectory] = Path.Combine(_directory, "keys"),
            [WaitWiseSettings.SeedDemo] = "true",
        });
    }

    [Fact]
    public async Task WhileTheDatabaseIsAwayCallsAnswer503AndTheSameKeyLaterCallsOnce()
    {
        using var client = _node.Client();
        var login = await (await client.PostAsJsonAsync("api/v1/auth/login", new { email = DemoSeeder.OwnerEmail, password = DemoSeeder.Password })).AssertOkAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var queueId = await FrontDeskAsync();
        await (await client.PostAsJsonAsync($"api/v1/queues/{queueId}/guest-tickets", new { name = "Early" })).AssertOkAsync(HttpStatusCode.Created);

        await _postgres.DisposeAsync();
        var call = CallNext(queueId, key: "call-during-the-outage");
        var refused = await client.SendAsync(call());
        var read = await client.GetAsync($"api/v1/queues/{queueId}");

        foreach (var answer in new[] { refused, read })
        {
            await answer.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
            Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{answer.RequestMessage!.RequestUri}: no Retry-After");
        }

        var port = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString).Port;
        _postgres = await PrivatePostgres.StartAsync(Path.Combine(_directory, "postgres"), "waitwise", throwaway: true, port: port);
        var called = await UntilAnsweredAsync(client, call);
        var again = await (await client.SendAsync(call())).AssertOkAsync();

        Assert.Equal("CALLED", called.GetProperty("status").GetString());
        Assert.Equal(called.GetProperty("ticketId").GetGuid(), again.GetProperty("ticketId").GetGuid());
        var tickets = await (await client.GetAsync($"api/v1/queues/{queueId}/tickets")).AssertOkAsync();
        Assert.Single(tickets.GetProperty("items").EnumerateArray(), t => t.GetProperty("status").GetString() == "CALLED");
    }

    private static Func<HttpRequestMessage> CallNext(Guid queueId, string key) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/queues/{queueId}/call-next") { Content = JsonContent.Create(new { slot = 1 }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    };

    /// <summary>Sends the request again until the app answers it with something other than 503 (its pool finds the server back).</summary>
    private static async Task<JsonElement> UntilAnsweredAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var answer = await client.SendAsync(request());
            if (answer.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return await answer.AssertOkAsync();
            }
            Assert.True(DateTime.UtcNow < deadline, "The app did not find its database again.");
            await Task.Delay(100);
        }
    }

    private async Task<Guid> FrontDeskAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand("""SELECT "Id" FROM "Queues" WHERE "Name" = @name""", connection);
        find.Parameters.AddWithValue("name", DemoSeeder.FrontDesk);
        return (Guid)(await find.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _postgres.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
