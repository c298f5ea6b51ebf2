using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Data.Identity;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>Register, login and refresh through Identity's API endpoints; bearer tokens and the site's cookie on every route.</summary>
public sealed class Authentication(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task RegisteringThroughTheApiMakesACustomerWhoCanSignIn()
    {
        var client = app.Client();

        await (await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "kiosk-fan@test.example", password = "Valid-pass-1" })).AssertOkAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync("kiosk-fan@test.example");
            Assert.NotNull(user);
            Assert.Equal([Roles.Customer], await users.GetRolesAsync(user));
        }
        var signedIn = await app.SignedInClientAsync("kiosk-fan@test.example", "Valid-pass-1");
        await (await signedIn.GetAsync("/api/v1/businesses")).AssertOkAsync();
    }

    [Fact]
    public async Task RegisteringATakenEmailOrAWeakPasswordIsAValidationProblem()
    {
        var client = app.Client();

        var taken = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = DemoSeeder.CustomerEmails[0], password = "Valid-pass-1" });
        var weak = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "weak@test.example", password = "short" });
        var notAnEmail = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "not-an-email", password = "Valid-pass-1" });
        var tooLong = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = new string('a', 300) + "@test.example", password = "Valid-pass-1" });

        Assert.True((await taken.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("DuplicateUserName", out _));
        Assert.True((await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("PasswordTooShort", out _));
        Assert.True((await notAnEmail.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("InvalidEmail", out _));
        Assert.True((await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("InvalidEmail", out _));
    }

    [Fact]
    public async Task LoginGivesTokensAndRefreshGivesNewOnes()
    {
        var client = app.Client();

        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoSeeder.CustomerEmails[1], password = DemoSeeder.Password })).AssertOkAsync();
        Assert.Equal("Bearer", login.GetProperty("tokenType").GetString());
        Assert.True(login.GetProperty("expiresIn").GetInt64() > 0);
        var refreshed = await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() })).AssertOkAsync();

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        var queueId = await app.QueueIdAsync(DemoSeeder.FrontDesk);
        await (await client.GetAsync($"/api/v1/queues/{queueId}/status")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task TwoFactorSignInCannotBeSwitchedOnThroughTheApi()
    {
        var client = await app.SignedInClientAsync(DemoSeeder.CustomerEmails[4]);

        var response = await client.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { enable = true, resetSharedKey = true });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(DemoSeeder.CustomerEmails[4]);
        Assert.False(await users.GetTwoFactorEnabledAsync(user!));
        Assert.Null(await users.GetAuthenticatorKeyAsync(user!));
    }

    [Fact]
    public async Task AWrongPasswordIsA401Problem()
    {
        var response = await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { email = DemoSeeder.CustomerEmails[2], password = "wrong-password" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ARouteThatNeedsASignInAnswers401ProblemDetailsNotARedirect()
    {
        var queueId = await app.QueueIdAsync(DemoSeeder.FrontDesk);
        var anonymous = app.Client(followRedirects: false);
        var badToken = app.Client(followRedirects: false);
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        var response = await anonymous.PostAsync($"/api/v1/queues/{queueId}/join");
        var forged = await badToken.GetAsync($"/api/v1/queues/{queueId}/status");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await forged.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task TheSitesCookieWorksOnTheApiToo()
    {
        var client = app.Client(followRedirects: false);
        var queueId = await app.QueueIdAsync(DemoSeeder.Pharmacy);

        await (await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = DemoSeeder.CustomerEmails[3], password = DemoSeeder.Password })).AssertOkAsync();
        var joined = await (await client.PostAsync($"/api/v1/queues/{queueId}/join")).AssertOkAsync(HttpStatusCode.Created);

        Assert.Equal("P-001", joined.GetProperty("code").GetString());
        Assert.Null(client.DefaultRequestHeaders.Authorization);
    }

    [Fact]
    public async Task ACookieRequestFromAnotherSiteIsRefusedAndChangesNothing()
    {
        var bearer = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var queue = await app.NewOpenQueueAsync(bearer);
        var cookie = app.Client(followRedirects: false);
        await (await cookie.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = DemoSeeder.OwnerEmail, password = DemoSeeder.Password })).AssertOkAsync();
        HttpRequestMessage Close(params (string Name, string Value)[] headers)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/queues/{queue}/close");
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }
            return request;
        }

        foreach (var forged in new[]
                 {
                     Close(("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site")),
                     Close(("Origin", "http://sibling.localhost"), ("Sec-Fetch-Site", "same-site")),
                     Close(("Origin", "http://evil.example")),
                     Close(("Origin", $"http://localhost:{app.BaseAddress.Port + 1}")),
                 })
        {
            await (await cookie.SendAsync(forged)).AssertProblemAsync(HttpStatusCode.Forbidden, "cross_origin");
        }
        Assert.Equal("OPEN", (await (await app.Client().GetAsync($"/api/v1/queues/{queue}")).AssertOkAsync()).GetProperty("status").GetString());

        // From the site itself, or with a bearer token from anywhere, the request acts.
        await (await cookie.SendAsync(Close(("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority)), ("Sec-Fetch-Site", "same-origin")))).AssertOkAsync();
        await (await bearer.SendAsync(Close(("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site")))).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task AReturnAddressOffTheSiteSendsTheOwnerToTheirPagesRatherThanFailing()
    {
        var client = app.Client(followRedirects: false);
        await (await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = DemoSeeder.OwnerEmail, password = DemoSeeder.Password })).AssertOkAsync();

        foreach (var returnUrl in new[] { "/%09/x", "https://x.example/", "//x.example", "/%5Cx.example" })
        {
            var response = await client.GetAsync($"/owner/refresh-sign-in?returnUrl={returnUrl}");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/owner", response.Headers.Location?.ToString());
        }
        var local = await client.GetAsync("/owner/refresh-sign-in?returnUrl=/owner/businesses/new");
        Assert.Equal("/owner/businesses/new", local.Headers.Location?.ToString());
    }

    [Fact]
    public async Task TheWebPagesStillRedirectToSignIn()
    {
        var response = await app.Client(followRedirects: false).GetAsync("/Account/Manage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString());
    }
}
