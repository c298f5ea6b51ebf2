using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Data.Identity;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>HTTP helpers for the API tests: sign-in through the API, JSON bodies, and problem-details assertions.</summary>
internal static class ApiTestKit
{
    /// <summary>Access tokens by host and account, so tests sign in once per host and stay under its sign-in rate limit.</summary>
    private static readonly ConditionalWeakTable<AppHost, ConcurrentDictionary<string, Task<string>>> Tokens = new();

    /// <summary>A client signed in as <paramref name="email"/> with a bearer token from POST /api/v1/auth/login.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this AppHost app, string email, string password = DemoSeeder.Password)
    {
        var token = await Tokens.GetOrCreateValue(app).GetOrAdd(email + "\n" + password, _ => LoginAsync(app, email, password));
        var client = app.Client(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> LoginAsync(AppHost app, string email, string password)
    {
        var login = await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        return (await login.AssertOkAsync()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// A bearer token for a user made without the HTTP round trip, through the very protector and claims factory the
    /// app's login uses: the join storm needs hundreds of accounts, and a password hash each would take minutes here.
    /// </summary>
    public static async Task<string> BearerTokenAsync(this AppHost app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var ticket = new AuthenticationTicket(principal, IdentityConstants.BearerScheme);
        ticket.Properties.ExpiresUtc = app.Clock.GetUtcNow() + options.BearerTokenExpiration;
        return options.BearerTokenProtector.Protect(ticket);
    }

    /// <summary>Customers made straight through Identity's UserManager (no password: they never sign in with one).</summary>
    public static async Task<IReadOnlyList<string>> CreateCustomersAsync(this AppHost app, string prefix, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i}@test.example";
            var user = new ApplicationUser { UserName = email, Email = email };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Customer)).Succeeded);
            ids.Add(user.Id);
        }
        return ids;
    }

    /// <summary>The owner sets the language of the business of <paramref name="queueId"/> (its board, kiosk and default for messages).</summary>
    public static async Task SetBusinessLanguageAsync(this AppHost app, Guid queueId, string language)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IBusinessAdmin>();
        var owner = await app.ActorAsync(DemoSeeder.OwnerEmail);
        Guid businessId;
        await using (var db = await app.DbAsync())
        {
            businessId = await db.Queues.Where(q => q.Id == queueId).Select(q => q.BusinessId).SingleAsync();
        }
        var business = (await admin.GetAsync(owner, businessId)).Value!.Business;
        var saved = await admin.UpdateAsync(owner, businessId, new BusinessSettings(business.Name, business.TimeZoneId, language));
        Assert.True(saved.IsSuccess, saved.ToString());
    }

    /// <summary>A fresh customer account and a client carrying its bearer token.</summary>
    public static async Task<(HttpClient Client, string UserId)> NewCustomerClientAsync(this AppHost app)
    {
        var userId = (await app.CreateCustomersAsync("customer-" + Guid.NewGuid().ToString("N")[..8] + "-", 1)).Single();
        var client = app.Client(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.BearerTokenAsync(userId));
        return (client, userId);
    }

    /// <summary>A new open queue of Demo Clinic, made through the API by its owner, with staff1 assigned.</summary>
    public static async Task<Guid> NewOpenQueueAsync(this AppHost app, HttpClient owner, int maxSize = 100, int serviceSlots = 2, bool autoCall = false)
    {
        Guid businessId;
        await using (var db = await app.DbAsync())
        {
            businessId = await db.Businesses.Where(b => b.Name == DemoSeeder.BusinessName).Select(b => b.Id).SingleAsync();
        }
        var name = "Q" + Guid.NewGuid().ToString("N")[..8];
        var created = await owner.PostAsJsonAsync("/api/v1/queues", new { businessId, name, ticketPrefix = "T-", maxSize, serviceSlots, autoCall });
        var id = (await created.AssertOkAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await owner.PostAsync($"/api/v1/queues/{id}/open")).AssertOkAsync();
        await (await owner.PostAsJsonAsync($"/api/v1/queues/{id}/staff", new { email = DemoSeeder.Staff1Email })).AssertOkAsync();
        return id;
    }

    public static async Task<Guid> QueueIdAsync(this AppHost app, string name)
    {
        await using var db = await app.DbAsync();
        return await db.Queues.Where(q => q.Name == name).Select(q => q.Id).SingleAsync();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with this status and stable code, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    public static async Task<JsonElement> AssertOkAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url) =>
        client.PostAsync(url, content: null);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, string url, string key, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
