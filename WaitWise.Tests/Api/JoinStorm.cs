using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>300 people join a queue of 200 places in the same moment, each with their own bearer token, over real HTTP.</summary>
public sealed class JoinStorm(AppHost app) : IClassFixture<AppHost>
{
    private const int People = 300;
    private const int Places = 200;

    [Fact]
    public async Task ExactlyTheCapacityGetsTicketsNumberedOneToItAndTheRestHearTheQueueIsFull()
    {
        var owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var queue = await app.NewOpenQueueAsync(owner, maxSize: Places);
        var users = await app.CreateCustomersAsync("storm", People);
        var tokens = await Task.WhenAll(users.Select(app.BearerTokenAsync));
        using var client = app.Client();
        using var start = new SemaphoreSlim(0);

        var joins = tokens.Select(async token =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/queues/{queue}/join");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await start.WaitAsync();
            return await client.SendAsync(request);
        }).ToList();
        start.Release(People);
        var answers = await Task.WhenAll(joins);

        Assert.Equal(Places, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(People - Places, refused.Count);
        foreach (var answer in refused)
        {
            await answer.AssertProblemAsync(HttpStatusCode.Conflict, "queue_full");
        }
        var numbers = await Task.WhenAll(answers.Where(a => a.StatusCode == HttpStatusCode.Created)
            .Select(async a => (await a.JsonAsync()).GetProperty("ticketNumber").GetInt32()));
        Assert.Equal(Enumerable.Range(1, Places), numbers.Order());
        await using (var db = await app.DbAsync())
        {
            Assert.Equal(Enumerable.Range(1, Places), await db.QueueEntries.Where(e => e.QueueId == queue).Select(e => e.TicketNumber).OrderBy(n => n).ToListAsync());
        }
        await app.AssertInvariantsHoldAsync();
    }
}
