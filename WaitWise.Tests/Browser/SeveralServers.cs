using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WaitWise.Tests.Api;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Browser;

/// <summary>
/// Two app processes behind nginx, customers' pages in real Chromium through the proxy, staff's calls made on the
/// other node: the hint crosses over LISTEN/NOTIFY. Then the node a page is on is killed, and the page comes back
/// on the other with the truth.
/// </summary>
[Collection(BrowserTests.Collection)]
public sealed partial class SeveralServers(NodesBehindProxy cluster) : IClassFixture<NodesBehindProxy>
{
    private const int Rounds = 5;

    /// <summary>Well under the 30 s a page waits before it re-reads on its own: only a hint can be this quick.</summary>
    private static readonly LocatorAssertionsToContainTextOptions WithinOneSecond = new() { Timeout = 1_000 };

    [GeneratedRegex("/tickets/[0-9a-f-]+#key=")]
    private static partial Regex GuestTicketUrl();

    [Fact]
    public async Task EveryCallMadeOnOneNodeReachesACustomersPageOnTheOtherWithinASecond()
    {
        var queueId = await NewGuestQueueAsync();
        var ahead = await JoinGuestsAsync(queueId, Rounds - 1);
        var (page, node) = await GuestPageAsync(queueId);
        var other = 1 - cluster.IndexOf(node);
        using var staff = await StaffAsync(other);

        for (var round = 1; round <= Rounds; round++)
        {
            var called = await (await staff.PostAsJsonAsync($"api/v1/queues/{queueId}/call-next", new { slot = 1 })).AssertOkAsync();

            if (round < Rounds)
            {
                Assert.Equal(ahead[round - 1], called.GetProperty("ticketId").GetGuid());
                await Assertions.Expect(page.GetByTestId("ticket-position")).ToContainTextAsync($"Number {Rounds - round} in line", WithinOneSecond);
                await (await staff.PostAsync($"api/v1/tickets/{ahead[round - 1]}/no-show", null)).AssertOkAsync();
            }
            else
            {
                await Assertions.Expect(page.GetByTestId("called-banner")).ToContainTextAsync("Go to counter 1", WithinOneSecond);
            }
        }
    }

    [Fact]
    public async Task WhenTheNodeAPageIsOnDiesThePageComesBackOnTheOtherWithTheTruthAndCommandsGoOn()
    {
        var queueId = await NewGuestQueueAsync();
        var ahead = await JoinGuestsAsync(queueId, 1);
        var (page, node) = await GuestPageAsync(queueId);
        var dead = cluster.IndexOf(node);
        var survivor = 1 - dead;
        await Assertions.Expect(page.GetByTestId("ticket-position")).ToContainTextAsync("Number 2 in line");
        try
        {
            await cluster.KillAsync(dead);
            // Acknowledged by the node that lives, while the page has no circuit at all.
            using var staff = await StaffAsync(survivor);
            var called = await (await staff.PostAsJsonAsync($"api/v1/queues/{queueId}/call-next", new { slot = 1 })).AssertOkAsync();
            Assert.Equal(ahead[0], called.GetProperty("ticketId").GetGuid());

            // Blazor finds its circuit gone, reaches the other node through the proxy, and the page starts afresh there.
            // Well inside the 30 s re-read: the page reloaded on the other node, which read the state then and was told since.
            await Assertions.Expect(page.GetByTestId("ticket-position")).ToContainTextAsync("Number 1 in line", new() { Timeout = 10_000 });
            Assert.Equal(NodesBehindProxy.Names[survivor], await NodesBehindProxy.NodeOfAsync(page));
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToBeEnabledAsync();

            // Through the proxy now, as every client of the site goes: the command works and the page is told.
            using var throughProxy = await StaffAsync(survivor, cluster.Proxy.BaseAddress);
            await (await throughProxy.PostAsync($"api/v1/tickets/{ahead[0]}/no-show", null)).AssertOkAsync();
            await (await throughProxy.PostAsJsonAsync($"api/v1/queues/{queueId}/call-next", new { slot = 1 })).AssertOkAsync();
            await Assertions.Expect(page.GetByTestId("called-banner")).ToContainTextAsync("Go to counter 1", WithinOneSecond);
        }
        finally
        {
            await cluster.StartAsync(dead);
        }
    }

    /// <summary>An open queue of the demo business that takes guests, one counter, of this test's own.</summary>
    private async Task<Guid> NewGuestQueueAsync()
    {
        using var owner = await StaffAsync(0);
        var business = await cluster.BusinessIdAsync(DemoSeeder.BusinessName);
        var created = await (await owner.PostAsJsonAsync("api/v1/queues", new
        {
            businessId = business, name = "Q" + Guid.NewGuid().ToString("N")[..8], ticketPrefix = "S-", maxSize = 50, serviceSlots = 1, allowGuests = true,
        })).AssertOkAsync(System.Net.HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await (await owner.PostAsync($"api/v1/queues/{id}/open", null)).AssertOkAsync();
        return id;
    }

    /// <summary>Guests in line ahead, joined through the proxy's API; their ticket ids in order.</summary>
    private async Task<List<Guid>> JoinGuestsAsync(Guid queueId, int count)
    {
        using var client = new HttpClient { BaseAddress = cluster.Proxy.BaseAddress };
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var joined = await (await client.PostAsJsonAsync($"api/v1/queues/{queueId}/guest-tickets", new { name = $"Ahead {i + 1}" }))
                .AssertOkAsync(System.Net.HttpStatusCode.Created);
            ids.Add(joined.GetProperty("ticketId").GetGuid());
        }
        return ids;
    }

    /// <summary>A guest who joins on the queue's page through the proxy, and the node their browser sticks to.</summary>
    private async Task<(IPage Page, string Node)> GuestPageAsync(Guid queueId)
    {
        var page = await cluster.NewPageAsync();
        await page.GotoAsync($"queues/{queueId}");
        await Infrastructure.Browser.InteractiveAsync(page);
        await page.GetByLabel("Your name or a nickname").FillAsync("Watcher");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join as a guest" }).ClickAsync();
        await Infrastructure.Browser.ArrivesAtAsync(page, GuestTicketUrl(), "guest-join");
        await Assertions.Expect(page.GetByTestId("ticket-code")).ToBeVisibleAsync();
        return (page, await NodesBehindProxy.NodeOfAsync(page));
    }

    /// <summary>The demo owner's API client on one node (directly, or through <paramref name="address"/>).</summary>
    private async Task<HttpClient> StaffAsync(int node, Uri? address = null)
    {
        var token = await cluster.TokenAsync(node, DemoSeeder.OwnerEmail);
        var client = address is null ? cluster.Direct(node) : new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
