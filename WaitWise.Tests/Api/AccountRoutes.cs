using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>Closing an account through the API, and what its tokens do afterwards.</summary>
public sealed class AccountRoutes(AppHost app) : IClassFixture<AppHost>
{
    private async Task<(HttpClient Client, string Email)> RegisteredAsync(string password = "Valid-pass-1")
    {
        var email = "close-" + Guid.NewGuid().ToString("N")[..8] + "@test.example";
        await (await app.Client().PostAsJsonAsync("/api/v1/auth/register", new { email, password })).AssertOkAsync();
        var login = await (await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { email, password })).AssertOkAsync();
        var client = app.Client(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return (client, email);
    }

    private static HttpRequestMessage Close(string? password) =>
        new(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(new { password }) };

    [Fact]
    public async Task ClosingTheAccountLeavesTheLineAndEndsItsTokensAndSignIn()
    {
        var (client, email) = await RegisteredAsync();
        var queue = await app.QueueIdAsync(DemoSeeder.FrontDesk);
        await (await client.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);

        var wrong = await client.SendAsync(Close("Not-the-pass-1"));
        var closed = await client.SendAsync(Close("Valid-pass-1"));

        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await (await client.GetAsync($"/api/v1/queues/{queue}/status")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var again = await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Valid-pass-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        await app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task AnOwnerIsToldWhyTheAccountCannotBeClosed()
    {
        var owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);

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
