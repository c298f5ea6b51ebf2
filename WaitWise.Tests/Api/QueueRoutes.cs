using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Customer;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>Browsing, the public queue state, and the owner's queue administration over HTTP.</summary>
public sealed class QueueRoutes(AppHost app) : IClassFixture<AppHost>
{
    private async Task<Guid> DemoClinicAsync()
    {
        await using var db = await app.DbAsync();
        return await db.Businesses.Where(b => b.Name == DemoSeeder.BusinessName).Select(b => b.Id).SingleAsync();
    }

    /// <summary>A business of the demo owner that no admin has approved yet, with one queue.</summary>
    private async Task<(Guid BusinessId, Guid QueueId)> PendingBusinessAsync(string name)
    {
        await using var db = await app.DbAsync();
        var owner = await app.ActorAsync(DemoSeeder.OwnerEmail);
        var business = new Business { Id = Guid.CreateVersion7(), Name = name, OwnerId = owner.Id, Status = BusinessStatus.Pending, CreatedAt = app.Clock.GetUtcNow() };
        var queue = new Queue { Id = Guid.CreateVersion7(), BusinessId = business.Id, Name = "Counter", Status = QueueStatus.Open, CreatedAt = app.Clock.GetUtcNow() };
        business.Queues.Add(queue);
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return (business.Id, queue.Id);
    }

    [Fact]
    public async Task AnyoneListsApprovedBusinessesAndTheOwnerAlsoTheirOwn()
    {
        var (pendingId, _) = await PendingBusinessAsync("Pending Bakery");
        var owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);

        var anonymous = await (await app.Client().GetAsync("/api/v1/businesses")).AssertOkAsync();
        var own = await (await owner.GetAsync("/api/v1/businesses")).AssertOkAsync();

        Assert.Contains(anonymous.EnumerateArray(), b => b.GetProperty("name").GetString() == DemoSeeder.BusinessName && b.GetProperty("status").GetString() == "APPROVED");
        Assert.DoesNotContain(anonymous.EnumerateArray(), b => b.GetProperty("id").GetGuid() == pendingId);
        Assert.Contains(own.EnumerateArray(), b => b.GetProperty("id").GetGuid() == pendingId && b.GetProperty("isOwner").GetBoolean());
    }

    [Fact]
    public async Task AQueuesQrCodeIsAnSvgOfItsJoinLinkThatBrowsersKeepForADay()
    {
        await using var db = await app.DbAsync();
        var queueId = await db.Queues.Where(q => q.Name == DemoSeeder.FrontDesk).Select(q => q.Id).SingleAsync();

        var image = await app.Client().GetAsync($"/queues/{queueId}/qr.svg");
        var notAQueueId = await app.Client().GetAsync("/queues/front-desk/qr.svg");

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
        Assert.True(image.Headers.CacheControl is { Private: true, MaxAge.TotalHours: 24 });
        Assert.Equal(QueueQrCode.Svg(new Uri(app.BaseAddress, $"queues/{queueId}").AbsoluteUri), await image.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, notAQueueId.StatusCode);
    }

    [Fact]
    public async Task ABusinessesQueuesAreListedWhenItIsVisible()
    {
        var (pendingId, _) = await PendingBusinessAsync("Pending Florist");

        var queues = await (await app.Client().GetAsync($"/api/v1/businesses/{await DemoClinicAsync()}/queues")).AssertOkAsync();
        var hidden = await app.Client().GetAsync($"/api/v1/businesses/{pendingId}/queues");
        var unknown = await app.Client().GetAsync($"/api/v1/businesses/{Guid.NewGuid()}/queues");

        Assert.Equal([DemoSeeder.FrontDesk, DemoSeeder.Pharmacy], queues.EnumerateArray().Select(q => q.GetProperty("name").GetString()).Order());
        await hidden.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AQueuesPublicStateIsAnonymousOnlyForApprovedBusinesses()
    {
        var (_, pendingQueue) = await PendingBusinessAsync("Pending Garage");
        var frontDesk = await app.QueueIdAsync(DemoSeeder.FrontDesk);

        var state = await (await app.Client().GetAsync($"/api/v1/queues/{frontDesk}")).AssertOkAsync();
        var hidden = await app.Client().GetAsync($"/api/v1/queues/{pendingQueue}");

        Assert.Equal(DemoSeeder.FrontDesk, state.GetProperty("name").GetString());
        Assert.Equal("OPEN", state.GetProperty("status").GetString());
        Assert.Equal(2, state.GetProperty("serviceSlots").GetInt32());
        Assert.True(state.TryGetProperty("waitingCount", out _));
        Assert.False(state.GetProperty("full").GetBoolean());
        Assert.True(state.TryGetProperty("estimatedWaitSeconds", out var seconds));
        Assert.True(state.TryGetProperty("estimatedWaitRange", out var range));
        Assert.Equal(seconds.ValueKind == System.Text.Json.JsonValueKind.Null, range.ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, state.GetProperty("atCounters").ValueKind);
        await hidden.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AnOwnerCreatesChangesRunsAndDeletesAQueue()
    {
        var owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var businessId = await DemoClinicAsync();

        var created = await owner.PostAsJsonAsync("/api/v1/queues", new
        {
            businessId, name = "Lab", ticketPrefix = "L-", maxSize = 30, serviceSlots = 3, graceTimeSeconds = 120, callTimeoutSeconds = 60, autoCall = false,
        });
        var queue = await created.AssertOkAsync(HttpStatusCode.Created);
        var id = queue.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/queues/{id}", created.Headers.Location?.ToString());
        Assert.Equal("CLOSED", queue.GetProperty("status").GetString());
        Assert.Equal(30, queue.GetProperty("maxSize").GetInt32());

        var changed = await (await owner.PutAsJsonAsync($"/api/v1/queues/{id}", new { name = "Laboratory", maxSize = 40 })).AssertOkAsync();
        Assert.Equal("Laboratory", changed.GetProperty("name").GetString());
        Assert.Equal(40, changed.GetProperty("maxSize").GetInt32());
        Assert.Equal(3, changed.GetProperty("serviceSlots").GetInt32());

        foreach (var (action, status) in new[] { ("open", "OPEN"), ("pause", "PAUSED"), ("lock", "LOCKED"), ("close", "CLOSED") })
        {
            var moved = await (await owner.PostAsync($"/api/v1/queues/{id}/{action}")).AssertOkAsync();
            Assert.Equal(status, moved.GetProperty("status").GetString());
        }
        await (await owner.PostAsync($"/api/v1/queues/{id}/close")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/queues/{id}")).StatusCode);
        await (await owner.DeleteAsync($"/api/v1/queues/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task QueueSettingsOutOfBoundsAreFieldErrors()
    {
        var owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);

        var created = await owner.PostAsJsonAsync("/api/v1/queues", new { businessId = await DemoClinicAsync(), name = "", maxSize = 0, serviceSlots = -3 });
        var noBusiness = await owner.PostAsJsonAsync("/api/v1/queues", new { name = "Orphan" });
        var frontDesk = await app.QueueIdAsync(DemoSeeder.FrontDesk);
        var duplicate = await owner.PutAsJsonAsync($"/api/v1/queues/{frontDesk}", new { name = DemoSeeder.Pharmacy });

        var errors = (await created.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("maxSize", out _));
        Assert.True(errors.TryGetProperty("serviceSlots", out _));
        Assert.True((await noBusiness.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("businessId", out _));
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task OnlyTheOwnerAdministersQueues()
    {
        var frontDesk = await app.QueueIdAsync(DemoSeeder.FrontDesk);
        var businessId = await DemoClinicAsync();

        foreach (var email in new[] { DemoSeeder.Staff1Email, DemoSeeder.CustomerEmails[0], DemoSeeder.AdminEmail })
        {
            var client = await app.SignedInClientAsync(email);
            await (await client.PostAsJsonAsync("/api/v1/queues", new { businessId, name = "Sneaky" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.PutAsJsonAsync($"/api/v1/queues/{frontDesk}", new { maxSize = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.DeleteAsync($"/api/v1/queues/{frontDesk}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            foreach (var action in new[] { "open", "pause", "lock", "close" })
            {
                await (await client.PostAsync($"/api/v1/queues/{frontDesk}/{action}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            }
            await (await client.PostAsJsonAsync($"/api/v1/queues/{frontDesk}/staff", new { email = DemoSeeder.CustomerEmails[4] }))
                .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await client.DeleteAsync($"/api/v1/queues/{frontDesk}/staff/{(await app.ActorAsync(DemoSeeder.Staff2Email)).Id}"))
                .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        var anonymous = app.Client(followRedirects: false);
        await (await anonymous.DeleteAsync($"/api/v1/queues/{frontDesk}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnOwnerAssignsAndRemovesStaffByEmail()
    {
        var owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var pharmacy = await app.QueueIdAsync(DemoSeeder.Pharmacy);
        var staff2 = await app.ActorAsync(DemoSeeder.Staff2Email);

        var assigned = await (await owner.PostAsJsonAsync($"/api/v1/queues/{pharmacy}/staff", new { email = DemoSeeder.Staff2Email })).AssertOkAsync();
        Assert.Equal(staff2.Id, assigned.GetProperty("userId").GetString());
        var staffClient = await app.SignedInClientAsync(DemoSeeder.Staff2Email);
        await (await staffClient.GetAsync($"/api/v1/queues/{pharmacy}/tickets")).AssertOkAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/queues/{pharmacy}/staff/{staff2.Id}")).StatusCode);
        await (await staffClient.GetAsync($"/api/v1/queues/{pharmacy}/tickets")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await owner.DeleteAsync($"/api/v1/queues/{pharmacy}/staff/{staff2.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await owner.PostAsJsonAsync($"/api/v1/queues/{pharmacy}/staff", new { email = "nobody@test.example" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await owner.PostAsJsonAsync($"/api/v1/queues/{pharmacy}/staff", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }
}
