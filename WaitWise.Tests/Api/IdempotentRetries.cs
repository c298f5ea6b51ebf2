using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Idempotency;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>An Idempotency-Key on a POST: the retry gets the first answer back, and nothing happens twice.</summary>
public sealed class IdempotentRetries(AppHost app) : IClassFixture<AppHost>, IAsyncLifetime
{
    private HttpClient _owner = null!;

    public async Task InitializeAsync() => _owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> TicketsInAsync(Guid queueId)
    {
        await using var db = await app.DbAsync();
        return await db.QueueEntries.CountAsync(e => e.QueueId == queueId);
    }

    [Fact]
    public async Task ARetriedJoinReturnsTheFirstAnswerAndTakesOneTicket()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        var (customer, _) = await app.NewCustomerClientAsync();
        var (ahead, _) = await app.NewCustomerClientAsync();

        var first = await customer.PostWithKeyAsync($"/api/v1/queues/{queue}/join", "join-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        // The line changes between the two calls; the retry must still get the answer of the first.
        await (await customer.PostAsync($"/api/v1/queues/{queue}/leave")).AssertOkAsync();
        await (await ahead.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        var retry = await customer.PostWithKeyAsync($"/api/v1/queues/{queue}/join", "join-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, await TicketsInAsync(queue));
        // One store: the command keeps the key and its answer, in its own transaction; the API keeps no second row.
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.IdempotencyKeys.CountAsync(k => k.Key == "join-1"));
    }

    [Fact]
    public async Task SimultaneousTwinsJoinOnce()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        var (customer, _) = await app.NewCustomerClientAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => customer.PostWithKeyAsync($"/api/v1/queues/{queue}/join", "twin")));

        // Each twin either got the join's answer, or was told the first is still running (409 request_in_progress).
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "request_in_progress");
        }
        Assert.Single((await Task.WhenAll(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(1, await TicketsInAsync(queue));
        await app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ARetriedStaffCommandRunsOnce()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        for (var i = 0; i < 2; i++)
        {
            var (customer, _) = await app.NewCustomerClientAsync();
            await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        }

        var first = await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/call-next", "call-1", new { slot = 1 });
        var retry = await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/call-next", "call-1", new { slot = 1 });

        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.QueueEntries.CountAsync(e => e.QueueId == queue && e.Status == TicketStatus.Called));
    }

    [Fact]
    public async Task ARefusalIsReplayedToo()
    {
        var queue = await app.NewOpenQueueAsync(_owner);

        var first = await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/call-next", "empty-line");
        var (customer, _) = await app.NewCustomerClientAsync();
        await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        var retry = await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/call-next", "empty-line");

        var refused = await first.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var replayed = await retry.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(refused.GetProperty("detail").GetString(), replayed.GetProperty("detail").GetString());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("WAITING", (await (await customer.GetAsync($"/api/v1/queues/{queue}/status")).AssertOkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AKeyReusedForAnotherRequestIsRefused()
    {
        var queue = await app.NewOpenQueueAsync(_owner);

        await (await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/pause", "reused")).AssertOkAsync();
        var other = await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/open", "reused");

        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal("PAUSED", (await (await app.Client().GetAsync($"/api/v1/queues/{queue}")).AssertOkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheSameKeyFromTwoPeopleIsTwoRequests()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        var (one, _) = await app.NewCustomerClientAsync();
        var (two, _) = await app.NewCustomerClientAsync();

        var first = await (await one.PostWithKeyAsync($"/api/v1/queues/{queue}/join", "same")).AssertOkAsync(HttpStatusCode.Created);
        var second = await (await two.PostWithKeyAsync($"/api/v1/queues/{queue}/join", "same")).AssertOkAsync(HttpStatusCode.Created);

        Assert.NotEqual(first.GetProperty("ticketId").GetGuid(), second.GetProperty("ticketId").GetGuid());
    }

    [Fact]
    public async Task ARetriedQueueCreationAndStaffAssignmentActOnce()
    {
        var businessId = (await (await app.Client().GetAsync("/api/v1/businesses")).AssertOkAsync()).EnumerateArray()
            .Single(b => b.GetProperty("name").GetString() == DemoSeeder.BusinessName).GetProperty("id").GetGuid();
        var body = new { businessId, name = "Retried" };

        var first = await _owner.PostWithKeyAsync("/api/v1/queues", "create-1", body);
        var retry = await _owner.PostWithKeyAsync("/api/v1/queues", "create-1", body);
        var id = (await first.AssertOkAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var assigned = await _owner.PostWithKeyAsync($"/api/v1/queues/{id}/staff", "staff-1", new { email = DemoSeeder.Staff2Email });
        var reassigned = await _owner.PostWithKeyAsync($"/api/v1/queues/{id}/staff", "staff-1", new { email = DemoSeeder.Staff2Email });

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(await assigned.Content.ReadAsStringAsync(), await reassigned.Content.ReadAsStringAsync());
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Queues.CountAsync(q => q.Name == "Retried"));
        Assert.Equal(1, await db.QueueStaff.CountAsync(s => s.QueueId == id));
    }

    [Fact]
    public async Task ARetriedLeaveAnswersAsTheFirstDidEvenAfterJoiningAgain()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        var (customer, _) = await app.NewCustomerClientAsync();
        await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);

        var first = await customer.PostWithKeyAsync($"/api/v1/queues/{queue}/leave", "leave-1");
        await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        var retry = await customer.PostWithKeyAsync($"/api/v1/queues/{queue}/leave", "leave-1");

        Assert.Equal("CANCELLED", (await first.AssertOkAsync()).GetProperty("status").GetString());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("WAITING", (await (await customer.GetAsync($"/api/v1/queues/{queue}/status")).AssertOkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AKeyIsBusyOnlyWhileTheAttemptHoldingItLives()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        var owner = await app.ActorAsync(DemoSeeder.OwnerEmail);
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        var assign = new { email = DemoSeeder.Staff2Email };

        // An attempt that is running somewhere holds the key; the moment it ends without an answer (its server died,
        // so PostgreSQL ended its transaction) the key is free, with no lease to wait out.
        HttpResponseMessage whileHeld;
        await using (var attempt = await store.HoldAsync(new KeyUse(owner.Id, new RequestKey("assign-held"), IdempotencyStore.HttpCommand, "", "?"), default))
        {
            Assert.False(attempt.InProgress);
            whileHeld = await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/staff", "assign-held", assign);
        }
        var afterwards = await _owner.PostWithKeyAsync($"/api/v1/queues/{queue}/staff", "assign-held", assign);

        await whileHeld.AssertProblemAsync(HttpStatusCode.Conflict, "request_in_progress");
        await afterwards.AssertOkAsync();
        Assert.False(afterwards.Headers.Contains("Idempotent-Replayed"));
        await using var db = await app.DbAsync();
        var staff2 = await app.ActorAsync(DemoSeeder.Staff2Email);
        Assert.True(await db.QueueStaff.AnyAsync(s => s.QueueId == queue && s.UserId == staff2.Id));
    }

    [Fact]
    public async Task ARefusedQueueCreationIsAnsweredAgainForItsKey()
    {
        var businessId = (await (await app.Client().GetAsync("/api/v1/businesses")).AssertOkAsync()).EnumerateArray()
            .Single(b => b.GetProperty("name").GetString() == DemoSeeder.BusinessName).GetProperty("id").GetGuid();
        var taken = (await (await _owner.PostAsJsonAsync("/api/v1/queues", new { businessId, name = "Taken" })).AssertOkAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var first = await _owner.PostWithKeyAsync("/api/v1/queues", "create-taken", new { businessId, name = "Taken" });
        await (await _owner.PutAsJsonAsync($"/api/v1/queues/{taken}", new { name = "Renamed" })).AssertOkAsync();
        var retry = await _owner.PostWithKeyAsync("/api/v1/queues", "create-taken", new { businessId, name = "Taken" });

        await first.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await retry.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.Queues.CountAsync(q => q.BusinessId == businessId && q.Name == "Taken"));
    }

    [Fact]
    public async Task ARetriedRegistrationAnswersAsTheFirstDid()
    {
        var client = app.Client();
        var body = new { email = "retry@test.example", password = "Valid-pass-1" };

        var first = await client.PostWithKeyAsync("/api/v1/auth/register", "register-1", body);
        var retry = await client.PostWithKeyAsync("/api/v1/auth/register", "register-1", body);
        var withoutKey = await client.PostAsJsonAsync("/api/v1/auth/register", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await withoutKey.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }
}
