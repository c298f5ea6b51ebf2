using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// A local HTTP server that speaks the part of Twilio's REST API WaitWise uses (create a message), since Twilio
/// itself cannot be reached from here: it checks the account's basic authentication, keeps each message, and refuses
/// the numbers in <see cref="Refused"/> as Twilio refuses an invalid one.
/// </summary>
public sealed class LocalTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000000";
    public const string AuthToken = "local-token";
    public const string From = "+15005550006";

    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;
    public ConcurrentQueue<(string To, string From, string Body)> Received { get; } = new();
    public ConcurrentDictionary<string, byte> Refused { get; } = new();

    public static async Task<LocalTwilio> StartAsync()
    {
        var twilio = new LocalTwilio();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        twilio._app = builder.Build();
        twilio._app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (string sid, HttpContext http) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
            if (sid != AccountSid || http.Request.Headers.Authorization != expected)
            {
                return Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: 401);
            }
            var form = await http.Request.ReadFormAsync();
            var (to, from, body) = (form["To"].ToString(), form["From"].ToString(), form["Body"].ToString());
            if (twilio.Refused.ContainsKey(to))
            {
                return Results.Json(new { code = 21211, message = $"The 'To' number {to} is not a valid phone number.", status = 400 }, statusCode: 400);
            }
            twilio.Received.Enqueue((to, from, body));
            return Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), account_sid = sid, to, from, body, status = "queued" }, statusCode: 201);
        });
        await twilio._app.StartAsync();
        twilio.BaseAddress = new Uri(twilio._app.Urls.First());
        return twilio;
    }

    public async Task<IReadOnlyList<(string To, string From, string Body)>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} text messages, got {Received.Count}.");
            await Task.Delay(25);
        }
        return [.. Received];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
