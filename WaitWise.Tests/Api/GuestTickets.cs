using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// Walk-in customers through the API (issue 18): a guest joins with a name, follows and leaves the ticket with its key;
/// a key opens its own ticket only; a queue takes guests only when its owner says so; capacity holds under a storm.
/// </summary>
public sealed class GuestTickets : IAsyncLifetime
{
    private readonly AppHost _app = new()
    {
        Settings =
        {
            ["WaitWise:RateLimits:Auth:PermitLimit"] = "100000",
            ["WaitWise:RateLimits:GuestJoin:PermitLimit"] = "100000",
        },
    };

    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _owner = await _app.SignedInClientAsync(DemoSeeder.OwnerEmail);
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    private async Task<Guid> GuestQueueAsync(int maxSize = 100, bool allowGuests = true)
    {
        var queue = await _app.NewOpenQueueAsync(_owner, maxSize);
        var updated = await (await _owner.PutAsJsonAsync($"/api/v1/queues/{queue}", new { allowGuests })).AssertOkAsync();
        Assert.Equal(allowGuests, updated.GetProperty("allowGuests").GetBoolean());
        return queue;
    }

    private Task<HttpResponseMessage> JoinAsync(Guid queue, object body) => _app.Client().PostAsJsonAsync($"/api/v1/queues/{queue}/guest-tickets", body);

    private HttpRequestMessage WithKey(HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Ticket-Key", key);
        }
        return request;
    }

    [Fact]
    public async Task AGuestJoinsWithANameFollowsTheTicketByItsKeyAndLeaves()
    {
        var queue = await GuestQueueAsync();

        var joined = await (await JoinAsync(queue, new { name = "  Ann  ", phone = "+447700900123" })).AssertOkAsync(HttpStatusCode.Created);
        var id = joined.GetProperty("ticketId").GetGuid();
        var key = joined.GetProperty("ticketKey").GetString()!;
        var client = _app.Client();
        var followed = await (await client.SendAsync(WithKey(HttpMethod.Get, $"/api/v1/guest-tickets/{id}", key))).AssertOkAsync();
        var left = await (await client.SendAsync(WithKey(HttpMethod.Post, $"/api/v1/guest-tickets/{id}/leave", key))).AssertOkAsync();

        Assert.Equal(("WAITING", 1, 1), (joined.GetProperty("status").GetString(), joined.GetProperty("position").GetInt32(), joined.GetProperty("ticketNumber").GetInt32()));
        Assert.True(key.Length >= 43, "A ticket key carries at least 128 random bits.");
        Assert.Contains($"/tickets/{id}", joined.GetProperty("ticketUrl").GetString());
        Assert.Equal(("WAITING", 1), (followed.GetProperty("status").GetString(), followed.GetProperty("position").GetInt32()));
        Assert.Equal("CANCELLED", left.GetProperty("status").GetString());
        await using var db = await _app.DbAsync();
        var ticket = await db.QueueEntries.SingleAsync(e => e.Id == id);
        Assert.Equal(TicketKey.HashOf(key), ticket.KeyHash);
        Assert.DoesNotContain(key, ticket.KeyHash!);
        var guest = await db.Guests.SingleAsync(g => g.UserId == ticket.UserId);
        Assert.Equal(("Ann", "+447700900123", (string?)null), (guest.Name, guest.Phone, guest.Email));
        Assert.True((await db.Users.SingleAsync(u => u.Id == ticket.UserId)).IsGuest);
        await _app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ARetryWithItsIdempotencyKeyGetsTheSameTicketAndKeyAndTheKeptAnswerHidesTheKey()
    {
        var queue = await GuestQueueAsync();
        var client = _app.Client();
        var url = $"/api/v1/queues/{queue}/guest-tickets";

        var first = await (await client.PostWithKeyAsync(url, "kiosk-retry-1", new { name = "Ann" })).AssertOkAsync(HttpStatusCode.Created);
        var retried = await client.PostWithKeyAsync(url, "kiosk-retry-1", new { name = "Ann" });
        var again = await retried.AssertOkAsync(HttpStatusCode.Created);
        var other = await (await client.PostWithKeyAsync(url, "kiosk-retry-2", new { name = "Ann" })).AssertOkAsync(HttpStatusCode.Created);
        var reused = await client.PostWithKeyAsync(url, "kiosk-retry-1", new { name = "Bob" });

        var key = first.GetProperty("ticketKey").GetString()!;
        Assert.Equal((first.GetProperty("ticketId").GetGuid(), key), (again.GetProperty("ticketId").GetGuid(), again.GetProperty("ticketKey").GetString()));
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.NotEqual(first.GetProperty("ticketId").GetGuid(), other.GetProperty("ticketId").GetGuid());
        // Another body under the same key is a new request from someone else: it is not told the first answer.
        var otherBody = await reused.AssertOkAsync(HttpStatusCode.Created);
        Assert.NotEqual(key, otherBody.GetProperty("ticketKey").GetString());
        await using var db = await _app.DbAsync();
        Assert.Equal(3, await db.QueueEntries.CountAsync(e => e.QueueId == queue));
        var kept = await db.IdempotencyKeys.Select(k => k.Outcome).ToListAsync();
        Assert.NotEmpty(kept);
        Assert.DoesNotContain(kept, outcome => outcome.Contains(key, StringComparison.Ordinal));
        await (await client.SendAsync(WithKey(HttpMethod.Get, $"/api/v1/guest-tickets/{first.GetProperty("ticketId").GetGuid()}", key))).AssertOkAsync();
    }

    [Fact]
    public async Task TheBrowserRemembersOnlyTicketsItsKeysHoldInASealedHttpOnlyCookieAndOtherSitesCannotAdd()
    {
        var queue = await GuestQueueAsync();
        var joined = await (await JoinAsync(queue, new { name = "Ann" })).AssertOkAsync(HttpStatusCode.Created);
        var id = joined.GetProperty("ticketId").GetGuid();
        var key = joined.GetProperty("ticketKey").GetString()!;
        var browser = _app.Client();
        const string memory = "/guest-tickets/remembered";

        Assert.Equal(0, (await (await browser.GetAsync(memory)).AssertOkAsync()).GetArrayLength());
        await (await browser.PostAsJsonAsync(memory, new { ticketId = id, key = "not-its-key" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        foreach (var bad in new[] { "{not json", "", "[]", "{\"ticketId\": 5}" })
        {
            var refused = await browser.PostRawAsync(memory, bad);
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{bad}: {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"code\":", await refused.Content.ReadAsStringAsync());
        }
        var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, memory) { Content = JsonContent.Create(new { ticketId = id, key }) };
        fromElsewhere.Headers.Add("Sec-Fetch-Site", "cross-site");
        await (await browser.SendAsync(fromElsewhere)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, (await (await browser.GetAsync(memory)).AssertOkAsync()).GetArrayLength());

        var remembered = await browser.PostAsJsonAsync(memory, new { ticketId = id, key });
        Assert.Equal(HttpStatusCode.NoContent, remembered.StatusCode);
        var cookie = remembered.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"path={memory}", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, cookie);
        var listed = (await (await browser.GetAsync(memory)).AssertOkAsync()).EnumerateArray().Single();
        Assert.Equal((id, key), (listed.GetProperty("ticketId").GetGuid(), listed.GetProperty("key").GetString()));
        Assert.Equal(0, (await (await _app.Client().GetAsync(memory)).AssertOkAsync()).GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync(memory + "/forget", new { ticketIds = new[] { id } })).StatusCode);
        Assert.Equal(0, (await (await browser.GetAsync(memory)).AssertOkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task AKeyOpensItsOwnTicketOnlyAndAWrongOrMissingKeyIsNotFound()
    {
        var queue = await GuestQueueAsync();
        var first = await (await JoinAsync(queue, new { name = "First" })).AssertOkAsync(HttpStatusCode.Created);
        var second = await (await JoinAsync(queue, new { name = "Second" })).AssertOkAsync(HttpStatusCode.Created);
        var firstId = first.GetProperty("ticketId").GetGuid();
        var secondKey = second.GetProperty("ticketKey").GetString()!;
        var client = _app.Client();

        foreach (var key in new[] { secondKey, null, "", "not-a-key", new string('k', 500) })
        {
            await (await client.SendAsync(WithKey(HttpMethod.Get, $"/api/v1/guest-tickets/{firstId}", key))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
            await (await client.SendAsync(WithKey(HttpMethod.Post, $"/api/v1/guest-tickets/{firstId}/leave", key))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
        // An unknown ticket with a real key answers the same as a real ticket with a wrong key.
        await (await client.SendAsync(WithKey(HttpMethod.Get, $"/api/v1/guest-tickets/{Guid.NewGuid()}", secondKey))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await using var db = await _app.DbAsync();
        Assert.Equal(TicketStatus.Waiting, (await db.QueueEntries.SingleAsync(e => e.Id == firstId)).Status);
    }

    [Fact]
    public async Task BadDetailsAndQueuesThatTakeNoGuestsAreRefusedAndChangeNothing()
    {
        var guests = await GuestQueueAsync();
        var membersOnly = await GuestQueueAsync(allowGuests: false);
        var before = await _app.DigestAsync();

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { name = "" }, "name"),
                     (new { name = "   " }, "name"),
                     (new { name = new string('n', 61) }, "name"),
                     (new { name = "Tab\tName" }, "name"),
                     (new { name = "Ann", email = "not-an-email" }, "email"),
                     (new { name = "Ann", phone = "07700 900123" }, "phone"),
                     (new { name = "Ann", phone = "+0123" }, "phone"),
                 })
        {
            var problem = await (await JoinAsync(guests, body)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{JsonSerializer.Serialize(body)} named no {field}: {problem}");
        }
        await (await _app.Client().PostAsync($"/api/v1/queues/{guests}/guest-tickets", null)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await JoinAsync(membersOnly, new { name = "Ann" })).AssertProblemAsync(HttpStatusCode.Forbidden, "guests_not_allowed");
        await (await JoinAsync(Guid.NewGuid(), new { name = "Ann" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _owner.PostAsync($"/api/v1/queues/{guests}/close", null)).AssertOkAsync();
        var closed = await _app.DigestAsync();
        await (await JoinAsync(guests, new { name = "Ann" })).AssertProblemAsync(HttpStatusCode.Conflict, "queue_not_open");

        Assert.Equal(closed, await _app.DigestAsync());
        Assert.NotEqual(before, closed);
    }

    [Fact]
    public async Task ThreeHundredGuestsAtOnceOnAQueueOf150Admit150NumberedOneTo150()
    {
        var queue = await GuestQueueAsync(maxSize: 150);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joins = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await JoinAsync(queue, new { name = $"Walk-in {i}" });
        })).ToList();

        start.SetResult();
        var answers = await Task.WhenAll(joins);

        Assert.Equal(150, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "queue_full");
        }
        await using var db = await _app.DbAsync();
        Assert.Equal(Enumerable.Range(1, 150), await db.QueueEntries.Where(e => e.QueueId == queue).Select(e => e.TicketNumber).OrderBy(n => n).ToListAsync());
        // A refused guest leaves nothing behind: no account, no personal data.
        Assert.Equal(150, await db.Users.CountAsync(u => u.IsGuest && db.QueueEntries.Any(e => e.UserId == u.Id && e.QueueId == queue)));
        Assert.Equal(await db.Users.CountAsync(u => u.IsGuest), await db.Guests.CountAsync());
        await _app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task StaffSeeTheGuestsNameInTheTicketListAndThePublicViewShowsNone()
    {
        var queue = await GuestQueueAsync();
        await (await JoinAsync(queue, new { name = "Bea the walk-in" })).AssertOkAsync(HttpStatusCode.Created);
        await (await JoinAsync(queue, new { name = "Cy", phone = "+447700900123", email = "cy@test.example" })).AssertOkAsync(HttpStatusCode.Created);

        var list = await (await _owner.GetAsync($"/api/v1/queues/{queue}/tickets")).AssertOkAsync();
        var publicView = await (await _app.Client().GetAsync($"/api/v1/queues/{queue}")).Content.ReadAsStringAsync();

        var (bea, cy) = (list.GetProperty("items")[0], list.GetProperty("items")[1]);
        Assert.Equal(("Bea the walk-in", "Cy"), (bea.GetProperty("displayName").GetString(), cy.GetProperty("displayName").GetString()));
        Assert.Equal((false, false), (bea.GetProperty("guest").GetProperty("hasPhone").GetBoolean(), bea.GetProperty("guest").GetProperty("hasEmail").GetBoolean()));
        Assert.Equal((true, true), (cy.GetProperty("guest").GetProperty("hasPhone").GetBoolean(), cy.GetProperty("guest").GetProperty("hasEmail").GetBoolean()));
        Assert.DoesNotContain("+4477", list.ToString());
        Assert.DoesNotContain("Bea", publicView);
    }
}
