using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Data.Identity;
using WaitWise.Web.Api;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>Closing an account through the API, and the life of its tokens: rotation, reuse, logout, a changed password.</summary>
public sealed class AccountRoutes : IAsyncLifetime
{
    // Every test here signs in several times; the sign-in limit (30 a minute per address) is not what is under test.
    private readonly AppHost _app = new() { Settings = { ["WaitWise:RateLimits:Auth:PermitLimit"] = "100000" } };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    private async Task<(HttpClient Client, string Email)> RegisteredAsync(string password = "Valid-pass-1")
    {
        var email = "close-" + Guid.NewGuid().ToString("N")[..8] + "@test.example";
        await (await _app.Client().PostAsJsonAsync("/api/v1/auth/register", new { email, password })).AssertOkAsync();
        var login = await (await _app.Client().PostAsJsonAsync("/api/v1/auth/login", new { email, password })).AssertOkAsync();
        var client = _app.Client(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return (client, email);
    }

    private async Task<System.Text.Json.JsonElement> LoginAsync(string email, string password = "Valid-pass-1") =>
        await (await _app.Client().PostAsJsonAsync("/api/v1/auth/login", new { email, password })).AssertOkAsync();

    private async Task<HttpResponseMessage> RefreshAsync(System.Text.Json.JsonElement tokens) =>
        await _app.Client().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

    private HttpClient Bearer(System.Text.Json.JsonElement tokens)
    {
        var client = _app.Client(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task ARefreshTokenWorksOnceAndItsReuseRevokesTheWholeSignIn()
    {
        var (_, email) = await RegisteredAsync();
        var first = await LoginAsync(email);
        var elsewhere = await LoginAsync(email);

        var second = await (await RefreshAsync(first)).AssertOkAsync();
        var reused = await RefreshAsync(first);
        var afterReuse = await RefreshAsync(second);

        await reused.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        // The family is revoked: the newer refresh token, and the access token it came with, no longer work.
        await afterReuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Bearer(second).GetAsync("/api/v1/auth/manage/info")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        // Another sign-in of the same account is another family and goes on.
        await (await Bearer(elsewhere).GetAsync("/api/v1/auth/manage/info")).AssertOkAsync();
        await (await RefreshAsync(elsewhere)).AssertOkAsync();
    }

    [Fact]
    public async Task LogoutRevokesTheCallersRefreshAndAccessTokens()
    {
        var (_, email) = await RegisteredAsync();
        var kiosk = await LoginAsync(email);
        var phone = await LoginAsync(email);

        var loggedOut = await Bearer(kiosk).PostAsync("/api/v1/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        foreach (var tokens in new[] { kiosk, phone })
        {
            await (await RefreshAsync(tokens)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            await (await Bearer(tokens).GetAsync("/api/v1/auth/manage/info")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
        await (await Bearer(await LoginAsync(email)).GetAsync("/api/v1/auth/manage/info")).AssertOkAsync();
    }

    [Fact]
    public async Task AChangedPasswordEndsTheTokensIssuedBefore()
    {
        var (_, email) = await RegisteredAsync();
        var before = await LoginAsync(email);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.ChangePasswordAsync(user, "Valid-pass-1", "Valid-pass-2")).Succeeded);
        }
        // Another node would see it within BearerRevalidation.Freshness; this test's node is asked to forget now.
        BearerRevalidation.Forget(_app.Services.GetRequiredService<IMemoryCache>(), (await _app.ActorAsync(email)).Id);

        await (await Bearer(before).GetAsync("/api/v1/auth/manage/info")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await RefreshAsync(before)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Bearer(await LoginAsync(email, "Valid-pass-2")).GetAsync("/api/v1/auth/manage/info")).AssertOkAsync();
    }

    [Fact]
    public async Task ALockedOutAccountsTokensStopWorking()
    {
        var (client, email) = await RegisteredAsync();
        await (await client.GetAsync("/api/v1/auth/manage/info")).AssertOkAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddHours(1))).Succeeded);
        }
        BearerRevalidation.Forget(_app.Services.GetRequiredService<IMemoryCache>(), (await _app.ActorAsync(email)).Id);

        await (await client.GetAsync("/api/v1/auth/manage/info")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static HttpRequestMessage Close(string? password) =>
        new(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(new { password }) };

    [Fact]
    public async Task ClosingTheAccountLeavesTheLineAndEndsItsTokensAndSignIn()
    {
        var (client, email) = await RegisteredAsync();
        var queue = await _app.QueueIdAsync(DemoSeeder.FrontDesk);
        await (await client.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);

        var wrong = await client.SendAsync(Close("Not-the-pass-1"));
        var closed = await client.SendAsync(Close("Valid-pass-1"));

        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await (await client.GetAsync($"/api/v1/queues/{queue}/status")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var again = await _app.Client().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Valid-pass-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        await _app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task AnOwnerIsToldWhyTheAccountCannotBeClosed()
    {
        var owner = await _app.SignedInClientAsync(DemoSeeder.OwnerEmail);

        var refused = await owner.SendAsync(Close(DemoSeeder.Password));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Contains("owns a business", problem.GetProperty("detail").GetString());
        await (await owner.GetAsync("/api/v1/businesses")).AssertOkAsync();
    }

    [Fact]
    public async Task ClosingWithoutAPasswordIsAValidationProblem()
    {
        var (client, _) = await RegisteredAsync();

        var missing = await client.DeleteAsync("/api/v1/account");

        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }
}
