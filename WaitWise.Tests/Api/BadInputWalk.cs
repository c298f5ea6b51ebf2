using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// Every API route the app maps, read from its own endpoint table, is sent a corpus of bad input: malformed, unknown
/// and over-long ids, broken and wrongly typed JSON, over-long and control-character strings, huge and negative
/// numbers, a wrong content type, a missing body, a body on GET, junk in the query, signed in and not. Every answer
/// is a 4xx (a read may also answer 2xx: it changes nothing) and the database is exactly as before.
/// </summary>
public sealed class BadInputWalk : IAsyncLifetime
{
    private readonly AppHost _app = new()
    {
        Settings =
        {
            [WaitWiseSettings.SchedulerEnabled] = "false",
            ["WaitWise:RateLimits:Auth:PermitLimit"] = "1000000",
            ["WaitWise:RateLimits:Join:PermitLimit"] = "1000000",
        },
    };

    private static readonly string Long = new('x', 5000);
    private const string Control = "a\u0000b\u0007c\u001bd\u202ee";

    private static readonly string[] Ids = [Guid.NewGuid().ToString(), "not-a-guid", "%00", "%0A", Long, "-1", "99999999999999999999"];

    private static readonly (string Body, string ContentType)[] Bodies =
    [
        ("{ not json", "application/json"),
        ("", "application/json"),
        ("null", "application/json"),
        ("[1, 2]", "application/json"),
        ("\"text\"", "application/json"),
        ("{}", "application/json"),
        ("{\"name\": " + Quoted(Long) + ", \"email\": " + Quoted(Control) + ", \"password\": " + Quoted(Control) + "}", "application/json"),
        ("{\"name\": " + Quoted(Control) + ", \"ticketPrefix\": " + Quoted(Control) + ", \"businessId\": \"" + Guid.NewGuid() + "\"}", "application/json"),
        ("{\"name\": 42, \"email\": [], \"slot\": \"one\", \"maxSize\": true, \"businessId\": \"not-a-guid\"}", "application/json"),
        ("{\"slot\": -1, \"maxSize\": -2147483648, \"serviceSlots\": 99999999999, \"graceSeconds\": -5, \"callTimeoutSeconds\": 1e308}", "application/json"),
        ("{\"email\": \"\", \"password\": \"\", \"refreshToken\": " + Quoted(Long) + ", \"userId\": " + Quoted(Control) + "}", "application/json"),
        ("{\"windows\": [{\"dayOfWeek\": 9, \"opens\": \"25:99\", \"closes\": \"nope\"}], \"timeZoneId\": " + Quoted(Control) + "}", "application/json"),
        ("name=x", "application/x-www-form-urlencoded"),
        ("hello", "text/plain"),
        (new string('[', 70 * 1024), "application/json"),
    ];

    private static readonly string[] Queries = ["", "?page=-1&pageSize=99999999&status=SHOUTING", "?from=yesterday&to=" + Long, "?status=%00"];

    private string _owner = "";
    private string _ownerId = "";
    private Guid _queue;
    private Guid _business;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        // Minted, not logged in: a login would write an API session, and the walk checks that nothing is written.
        _ownerId = (await _app.ActorAsync(DemoSeeder.OwnerEmail)).Id;
        _owner = await _app.BearerTokenAsync(_ownerId);
        _queue = await _app.QueueIdAsync(DemoSeeder.FrontDesk);
        await using var db = await _app.DbAsync();
        _business = await db.Businesses.Where(b => b.Name == DemoSeeder.BusinessName).Select(b => b.Id).SingleAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EveryApiRouteAnswersBadInputWithA4xxAndChangesNothing()
    {
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m, Route: e.RoutePattern.RawText!, TakesBody: e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)))
            .Distinct()
            .ToList();
        Assert.True(routes.Count > 30, $"Only {routes.Count} API routes found.");
        var before = await _app.DigestAsync();
        var failures = new List<string>();
        var sent = 0;

        using var client = _app.Client(followRedirects: false);
        foreach (var (method, route, takesBody) in routes)
        {
            foreach (var (path, real) in Paths(route, takesBody))
            {
                foreach (var request in Requests(method, path, real))
                {
                    foreach (var token in new[] { null, _owner })
                    {
                        using var message = request();
                        if (token is not null)
                        {
                            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        }
                        HttpResponseMessage response;
                        try
                        {
                            response = await client.SendAsync(message);
                        }
                        catch (HttpRequestException e)
                        {
                            failures.Add($"{method} {Shorten(message.RequestUri!.ToString())} body {Shorten(await ContentOf(request))} → no answer: {e.Message}");
                            continue;
                        }
                        using var answer = response;
                        sent++;
                        var status = (int)response.StatusCode;
                        var allowed = status is >= 400 and < 500 || (HttpMethods.IsGet(method) && status is >= 200 and < 300) ||
                                      NoInput(method, route) && status is >= 200 and < 300;
                        if (!allowed)
                        {
                            failures.Add($"{method} {Shorten(message.RequestUri!.ToString())} {(token is null ? "anonymous" : "owner")} " +
                                         $"body {Shorten(await ContentOf(request))} → {status} {Shorten(await response.Content.ReadAsStringAsync())}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers were not a 4xx:\n" + string.Join("\n", failures.Distinct().Take(40)));
        Assert.Equal(before, await _app.DigestAsync());
    }

    /// <summary>
    /// Routes that require nothing of the request, so no request to them is a bad one: signing out, and Identity's
    /// account info, whose every field is optional (a body without them reads the info and changes nothing).
    /// </summary>
    private static bool NoInput(string method, string route) =>
        method == "POST" && (route.EndsWith("/auth/logout", StringComparison.Ordinal) || route.EndsWith("/auth/manage/info", StringComparison.Ordinal));

    /// <summary>
    /// The route with every id malformed or unknown; for a route that takes a body, also with the ids of real things
    /// (the demo's queue, business and owner), so the body is what is wrong.
    /// </summary>
    private IEnumerable<(string Path, bool Real)> Paths(string route, bool takesBody)
    {
        var parameters = System.Text.RegularExpressions.Regex.Matches(route, "\\{[^}]+\\}").Select(m => m.Value).Distinct().ToList();
        if (parameters.Count == 0)
        {
            yield return (route, false);
            yield break;
        }
        foreach (var id in Ids)
        {
            yield return (parameters.Aggregate(route, (path, parameter) => path.Replace(parameter, id, StringComparison.Ordinal)), false);
        }
        if (takesBody)
        {
            yield return (parameters.Aggregate(route, (path, parameter) => path.Replace(parameter, RealId(parameter), StringComparison.Ordinal)), true);
        }
    }

    private string RealId(string parameter) => parameter switch
    {
        _ when parameter.StartsWith("{businessId", StringComparison.Ordinal) => _business.ToString(),
        _ when parameter.StartsWith("{userId", StringComparison.Ordinal) => _ownerId,
        _ => _queue.ToString(),
    };

    private static IEnumerable<Func<HttpRequestMessage>> Requests(string method, string path, bool real)
    {
        if (method is "GET" or "HEAD")
        {
            foreach (var query in Queries)
            {
                yield return () => new HttpRequestMessage(new HttpMethod(method), path + query);
            }
            yield return () => new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"x\": 1}", Encoding.UTF8, "application/json") };
            yield break;
        }
        if (!real)
        {
            yield return () => new HttpRequestMessage(new HttpMethod(method), path);
        }
        // On a real thing an empty object may be a good request (all its fields optional): only broken ones are sent.
        foreach (var (body, contentType) in Bodies.Where(b => !real || b.Body is not ("{}" or "")))
        {
            yield return () => new HttpRequestMessage(new HttpMethod(method), path + "?useCookies=maybe")
            {
                Content = new StringContent(body, Encoding.UTF8, contentType),
                // A large body waits for the server's go-ahead, as clients sending large bodies do: a refusal comes first.
                Headers = { ExpectContinue = body.Length > 64 * 1024 },
            };
        }
    }

    private static async Task<string> ContentOf(Func<HttpRequestMessage> request)
    {
        using var message = request();
        return message.Content is null ? "(none)" : await message.Content.ReadAsStringAsync();
    }

    private static string Quoted(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
