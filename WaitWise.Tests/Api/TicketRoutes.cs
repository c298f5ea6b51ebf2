using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>The customer's and the staff's ticket routes over HTTP, and who may use them.</summary>
public sealed class TicketRoutes(AppHost app) : IClassFixture<AppHost>, IAsyncLifetime
{
    private HttpClient _owner = null!;
    private HttpClient _staff1 = null!;

    public async Task InitializeAsync()
    {
        _owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        _staff1 = await app.SignedInClientAsync(DemoSeeder.Staff1Email);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Guid TicketId(JsonElement ticket) => ticket.GetProperty("ticketId").GetGuid();

    [Fact]
    public async Task ACustomerJoinsFollowsTheirPlaceRejoinsAfterMissingTheCallAndLeaves()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        var (first, _) = await app.NewCustomerClientAsync();
        var (second, _) = await app.NewCustomerClientAsync();

        var joined = await first.PostAsync($"/api/v1/queues/{queue}/join");
        var ticket = await joined.AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/queues/{queue}/status", joined.Headers.Location?.ToString());
        Assert.Equal(1, ticket.GetProperty("ticketNumber").GetInt32());
        Assert.Equal("T-001", ticket.GetProperty("code").GetString());
        Assert.Equal("WAITING", ticket.GetProperty("status").GetString());
        Assert.Equal(1, ticket.GetProperty("position").GetInt32());
        var behind = await (await second.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal(2, behind.GetProperty("position").GetInt32());
        await (await first.PostAsync($"/api/v1/queues/{queue}/join")).AssertProblemAsync(HttpStatusCode.Conflict, "already_in_queue");

        var status = await (await second.GetAsync($"/api/v1/queues/{queue}/status")).AssertOkAsync();
        Assert.Equal(2, status.GetProperty("position").GetInt32());
        // Nobody serves yet (no console open, nobody called): no estimate rather than a guess.
        Assert.Equal(JsonValueKind.Null, status.GetProperty("estimatedWaitSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("estimatedWaitRange").ValueKind);

        var called = await (await _staff1.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();
        Assert.Equal(TicketId(ticket), TicketId(called));
        var atCounter = await (await first.GetAsync($"/api/v1/queues/{queue}/status")).AssertOkAsync();
        Assert.Equal("CALLED", atCounter.GetProperty("status").GetString());
        Assert.Equal(1, atCounter.GetProperty("slot").GetInt32());
        Assert.Equal(JsonValueKind.Null, atCounter.GetProperty("position").ValueKind);
        // Counter 1 now serves, and is busy: the second waits for one call, the queue's default five minutes.
        var next = await (await second.GetAsync($"/api/v1/queues/{queue}/status")).AssertOkAsync();
        Assert.Equal(1, next.GetProperty("position").GetInt32());
        Assert.Equal(300, next.GetProperty("estimatedWaitSeconds").GetInt32());
        // With the range the pages show for it: 5 − √5 to 5 + 1.2·√5 minutes, rounded outwards.
        Assert.Equal(2, next.GetProperty("estimatedWaitRange").GetProperty("lowMinutes").GetInt32());
        Assert.Equal(8, next.GetProperty("estimatedWaitRange").GetProperty("highMinutes").GetInt32());

        await (await _staff1.PostAsync($"/api/v1/tickets/{TicketId(ticket)}/no-show")).AssertOkAsync();
        Assert.Equal("LATE", (await (await first.GetAsync($"/api/v1/queues/{queue}/status")).AssertOkAsync()).GetProperty("status").GetString());
        var back = await (await first.PostAsync($"/api/v1/queues/{queue}/rejoin")).AssertOkAsync();
        Assert.Equal("WAITING", back.GetProperty("status").GetString());
        Assert.Equal(1, back.GetProperty("position").GetInt32());
        await (await first.PostAsync($"/api/v1/queues/{queue}/rejoin")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");

        var left = await (await first.PostAsync($"/api/v1/queues/{queue}/leave")).AssertOkAsync();
        Assert.Equal("CANCELLED", left.GetProperty("status").GetString());
        await (await first.PostAsync($"/api/v1/queues/{queue}/leave")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        await app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task ACustomerWithoutATicketGetsNotFoundAndUnknownQueuesAreNotFound()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        var (customer, _) = await app.NewCustomerClientAsync();

        await (await customer.GetAsync($"/api/v1/queues/{queue}/status")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await customer.PostAsync($"/api/v1/queues/{queue}/leave")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await customer.PostAsync($"/api/v1/queues/{queue}/rejoin")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await customer.PostAsync($"/api/v1/queues/{Guid.NewGuid()}/join")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await customer.GetAsync($"/api/v1/queues/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task JoiningAClosedOrFullQueueIsAConflict()
    {
        var queue = await app.NewOpenQueueAsync(_owner, maxSize: 1);
        var (first, _) = await app.NewCustomerClientAsync();
        var (second, _) = await app.NewCustomerClientAsync();

        await (await first.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        await (await second.PostAsync($"/api/v1/queues/{queue}/join")).AssertProblemAsync(HttpStatusCode.Conflict, "queue_full");
        await (await _owner.PostAsync($"/api/v1/queues/{queue}/close")).AssertOkAsync();
        await (await second.PostAsync($"/api/v1/queues/{queue}/join")).AssertProblemAsync(HttpStatusCode.Conflict, "queue_not_open");
    }

    [Fact]
    public async Task StaffRunATicketThroughEveryCommandAndReadItsEvents()
    {
        var queue = await app.NewOpenQueueAsync(_owner, serviceSlots: 1);
        var tickets = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (customer, _) = await app.NewCustomerClientAsync();
            tickets.Add(TicketId(await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created)));
        }

        await (await _staff1.PostAsync($"/api/v1/tickets/{tickets[0]}/start")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        var called = await (await _staff1.PostAsJsonAsync($"/api/v1/tickets/{tickets[1]}/call", new { slot = 1 })).AssertOkAsync();
        Assert.Equal("CALLED", called.GetProperty("status").GetString());
        Assert.Equal(1, called.GetProperty("slot").GetInt32());
        await (await _staff1.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertProblemAsync(HttpStatusCode.Conflict, "no_free_slot");
        await (await _staff1.PostAsJsonAsync($"/api/v1/queues/{queue}/call-next", new { slot = 99 })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal("CALLED", (await (await _staff1.PostAsync($"/api/v1/tickets/{tickets[1]}/recall")).AssertOkAsync()).GetProperty("status").GetString());
        Assert.Equal("SERVING", (await (await _staff1.PostAsync($"/api/v1/tickets/{tickets[1]}/start")).AssertOkAsync()).GetProperty("status").GetString());
        Assert.Equal("HELD", (await (await _staff1.PostAsync($"/api/v1/tickets/{tickets[1]}/hold")).AssertOkAsync()).GetProperty("status").GetString());
        Assert.Equal("SERVING", (await (await _staff1.PostAsJsonAsync($"/api/v1/tickets/{tickets[1]}/resume", new { slot = 1 })).AssertOkAsync()).GetProperty("status").GetString());
        Assert.Equal("COMPLETED", (await (await _staff1.PostAsync($"/api/v1/tickets/{tickets[1]}/complete")).AssertOkAsync()).GetProperty("status").GetString());
        var next = await (await _staff1.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();
        Assert.Equal(tickets[0], TicketId(next));
        Assert.Equal("CANCELLED", (await (await _staff1.PostAsync($"/api/v1/tickets/{tickets[2]}/cancel")).AssertOkAsync()).GetProperty("status").GetString());
        await (await _staff1.PostAsync($"/api/v1/tickets/{Guid.NewGuid()}/complete")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var events = await (await _staff1.GetAsync($"/api/v1/tickets/{tickets[1]}/events")).AssertOkAsync();
        Assert.Equal(["JOIN", "CALL_SPECIFIC", "RECALL", "START_SERVICE", "HOLD", "RESUME", "COMPLETE"],
            events.EnumerateArray().Select(e => e.GetProperty("command").GetString()));
        await app.AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task StaffPageThroughTheTicketsOfAStatus()
    {
        var queue = await app.NewOpenQueueAsync(_owner);
        for (var i = 0; i < 5; i++)
        {
            var (customer, _) = await app.NewCustomerClientAsync();
            await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        }
        await (await _staff1.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();

        var all = await (await _staff1.GetAsync($"/api/v1/queues/{queue}/tickets")).AssertOkAsync();
        var waiting = await (await _staff1.GetAsync($"/api/v1/queues/{queue}/tickets?status=waiting&page=2&pageSize=3")).AssertOkAsync();

        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(4, waiting.GetProperty("total").GetInt32());
        Assert.Equal(2, waiting.GetProperty("page").GetInt32());
        Assert.Equal(["T-005"], waiting.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task StaffOfAnotherQueueAndCustomersAreForbiddenEveryStaffRoute()
    {
        var pharmacy = await app.QueueIdAsync(DemoSeeder.Pharmacy);
        var (customer, _) = await app.NewCustomerClientAsync();
        var ticket = TicketId(await (await customer.PostAsync($"/api/v1/queues/{pharmacy}/join")).AssertOkAsync(HttpStatusCode.Created));
        var otherStaff = await app.SignedInClientAsync(DemoSeeder.Staff2Email);
        var (otherCustomer, _) = await app.NewCustomerClientAsync();

        foreach (var client in new[] { otherStaff, otherCustomer })
        {
            await (await client.PostAsync($"/api/v1/queues/{pharmacy}/call-next")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.GetAsync($"/api/v1/queues/{pharmacy}/tickets")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.GetAsync($"/api/v1/tickets/{ticket}/events")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            foreach (var action in new[] { "call", "start", "complete", "hold", "resume", "no-show", "cancel", "recall" })
            {
                await (await client.PostAsync($"/api/v1/tickets/{ticket}/{action}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            }
        }
        // The holder may cancel their own ticket and read its events, but not run it through the counter.
        await (await customer.GetAsync($"/api/v1/tickets/{ticket}/events")).AssertOkAsync();
        await (await customer.PostAsync($"/api/v1/tickets/{ticket}/complete")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await customer.PostAsync($"/api/v1/queues/{pharmacy}/call-next")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await customer.PostAsync($"/api/v1/tickets/{ticket}/cancel")).AssertOkAsync();
        await app.AssertInvariantsHoldAsync();
    }
}
