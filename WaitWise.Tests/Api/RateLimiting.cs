using System.Net;
using System.Net.Http.Json;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Api;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>The limits from configuration bite: 429 problem details with Retry-After, per client IP for sign-in, per user for join.</summary>
public sealed class RateLimiting : IAsyncLifetime
{
    private const int AuthLimit = 3;
    private const int JoinLimit = 2;
    private const int GuestJoinLimit = 2;

    private readonly AppHost _app = new()
    {
        Settings =
        {
            [$"{RateLimitSettings.Section}:Auth:PermitLimit"] = AuthLimit.ToString(),
            [$"{RateLimitSettings.Section}:Auth:WindowSeconds"] = "3600",
            [$"{RateLimitSettings.Section}:Join:PermitLimit"] = JoinLimit.ToString(),
            [$"{RateLimitSettings.Section}:Join:WindowSeconds"] = "3600",
            [$"{RateLimitSettings.Section}:GuestJoin:PermitLimit"] = GuestJoinLimit.ToString(),
            [$"{RateLimitSettings.Section}:GuestJoin:WindowSeconds"] = "3600",
        },
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task GuestJoinsFromOneAddressAreLimitedAndTheRefusalSaysWhenToRetry()
    {
        var client = _app.Client();
        var frontDesk = await _app.QueueIdAsync(DemoSeeder.FrontDesk);

        for (var i = 0; i < GuestJoinLimit; i++)
        {
            await (await client.PostAsJsonAsync($"/api/v1/queues/{frontDesk}/guest-tickets", new { name = $"Walk-in {i}" })).AssertOkAsync(HttpStatusCode.Created);
        }
        var refused = await client.PostAsJsonAsync($"/api/v1/queues/{frontDesk}/guest-tickets", new { name = "One too many" });

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
    }

    [Fact]
    public async Task SignInsFromOneAddressAreLimitedAndTheRefusalSaysWhenToRetry()
    {
        var client = _app.Client();
        var login = new { email = DemoSeeder.CustomerEmails[0], password = DemoSeeder.Password };

        for (var i = 0; i < AuthLimit; i++)
        {
            await (await client.PostAsJsonAsync("/api/v1/auth/login", login)).AssertOkAsync();
        }
        var refused = await client.PostAsJsonAsync("/api/v1/auth/login", login);
        var registerToo = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "late@test.example", password = "Valid-pass-1" });

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 3600);
        await registerToo.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task JoinsAreLimitedPerUser()
    {
        var queue = await _app.QueueIdAsync(DemoSeeder.FrontDesk);
        var (eager, _) = await _app.NewCustomerClientAsync();
        var (other, _) = await _app.NewCustomerClientAsync();

        await (await eager.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        await (await eager.PostAsync($"/api/v1/queues/{queue}/join")).AssertProblemAsync(HttpStatusCode.Conflict, "already_in_queue");
        var refused = await eager.PostAsync($"/api/v1/queues/{queue}/join");

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        await (await other.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        await (await eager.GetAsync($"/api/v1/queues/{queue}/status")).AssertOkAsync();
    }
}
