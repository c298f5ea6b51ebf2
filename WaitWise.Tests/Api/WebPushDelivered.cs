using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// Web Push against a local push service that checks each message's VAPID signature and decrypts it with the
/// browser's own keys: a ticket's messages reach the browser that asked, signed with the one key pair every node
/// shares; a browser the push service dropped is forgotten and the message fails at once.
/// </summary>
public sealed class WebPushDelivered : IAsyncLifetime
{
    private const string Subject = "mailto:ops@waitwise.test";

    private LocalPush _push = null!;
    private AppHost _app = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        _push = await LocalPush.StartAsync();
        _app = new AppHost { Settings = { ["WaitWise:WebPush:Subject"] = Subject, ["WaitWise:WebPush:PushServices"] = "fcm.googleapis.com,127.0.0.1" } };
        await _app.InitializeAsync();
        _owner = await _app.SignedInClientAsync(DemoSeeder.OwnerEmail);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _push.DisposeAsync();
    }

    private IPushSubscriptions Subscriptions => _app.Services.GetRequiredService<IPushSubscriptions>();

    private async Task<(Guid Queue, Guid Ticket, Actor Holder)> JoinedAsync()
    {
        var queue = await _app.NewOpenQueueAsync(_owner);
        var (customer, userId) = await _app.NewCustomerClientAsync();
        var joined = await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        return (queue, joined.GetProperty("ticketId").GetGuid(), new Actor(userId));
    }

    private async Task<Notification> PushRowAsync(Guid ticket, Func<Notification, bool> settled)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            await using (var db = await _app.DbAsync())
            {
                if (await db.Notifications.AsNoTracking().Where(n => n.TicketId == ticket && n.Channel == NotificationChannel.Push)
                        .OrderByDescending(n => n.Id).FirstOrDefaultAsync() is { } row && settled(row))
                {
                    return row;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "The push message did not settle.");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task TheBrowserThatAskedGetsTheCallEncryptedToItsKeysAndSignedWithTheSharedKey()
    {
        var (queue, ticket, holder) = await JoinedAsync();
        using var browser = _push.NewBrowser();
        Assert.True(Ok(await Subscriptions.SubscribeAsync(holder, ticket, browser.Subscription)));

        await (await _owner.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();

        var attempt = await PushRowAsync(ticket, n => n.Attempts > 0);
        Assert.True(attempt.Status == DeliveryStatus.Sent, $"{attempt.LastError}: {string.Join(" ", _push.Refusals)}");
        var pushed = (await _push.WaitForAsync(1)).Single();
        Assert.Equal(_push.IdOf(browser), pushed.BrowserId);
        Assert.Equal(await Subscriptions.PublicKeyAsync(), pushed.VapidKey);
        Assert.Equal(Subject, pushed.Claims.GetProperty("sub").GetString());
        Assert.Equal("Your turn: counter 1", pushed.Payload.GetProperty("title").GetString());
        Assert.Contains("please go to counter 1 now", pushed.Payload.GetProperty("body").GetString());
        Assert.EndsWith($"/queues/{queue}", pushed.Payload.GetProperty("url").GetString());
        var row = await PushRowAsync(ticket, n => n.Status != DeliveryStatus.Pending);
        Assert.Equal((NotificationKind.Called, DeliveryStatus.Sent, 1, ticket.ToString()), (row.Kind, row.Status, row.Attempts, row.Recipient));
    }

    [Fact]
    public async Task EveryNodeSignsWithTheOneKeyPairKeptInTheDatabase()
    {
        await using var second = new AppHost { SameDatabaseAs = _app };
        await second.InitializeAsync();

        var keys = await Task.WhenAll(
            Subscriptions.PublicKeyAsync(),
            second.Services.GetRequiredService<IPushSubscriptions>().PublicKeyAsync());

        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(65, Convert.FromBase64String(keys[0].Replace('-', '+').Replace('_', '/') + "=").Length);
        await using var db = await _app.DbAsync();
        Assert.Equal(keys[0], (await db.VapidKeyPairs.SingleAsync()).PublicKey);
    }

    [Fact]
    public async Task ABrowserThePushServiceDroppedIsForgottenAndItsMessageFailsAtOnce()
    {
        var (queue, ticket, holder) = await JoinedAsync();
        using var browser = _push.NewBrowser();
        Ok(await Subscriptions.SubscribeAsync(holder, ticket, browser.Subscription));
        _push.Gone.TryAdd(_push.IdOf(browser), 0);

        await (await _owner.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();

        var row = await PushRowAsync(ticket, n => n.Status != DeliveryStatus.Pending);
        Assert.Equal((DeliveryStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("push subscription has ended (410)", row.LastError);
        await using var db = await _app.DbAsync();
        Assert.False(await db.WebPushSubscriptions.AnyAsync(s => s.TicketId == ticket));
    }

    [Fact]
    public async Task OnlyTheHolderOfAnOpenTicketMaySubscribeAndOnlyWithAUsableSubscription()
    {
        var (_, ticket, holder) = await JoinedAsync();
        using var browser = _push.NewBrowser();
        var good = browser.Subscription;

        var bad = Refused(await Subscriptions.SubscribeAsync(holder, ticket, good with { Endpoint = "ftp://push.example/1", P256dh = "AAAA", Auth = "not base64!" }), ErrorKind.Validation);
        Assert.Equal(["auth", "endpoint", "p256dh"], bad.Fields!.Keys.Order());
        foreach (var elsewhere in new[] { "http://10.0.0.5/admin", "https://169.254.169.254/latest", "http://fcm.googleapis.com/send/1", "https://evilfcm.googleapis.com.example/x" })
        {
            var refused = Refused(await Subscriptions.SubscribeAsync(holder, ticket, good with { Endpoint = elsewhere }), ErrorKind.Validation);
            Assert.Equal("This server sends to the browsers' push services only.", refused.Fields!["endpoint"].Single());
        }
        Assert.True(Ok(await Subscriptions.SubscribeAsync(holder, ticket, good with { Endpoint = "https://fcm.googleapis.com/fcm/send/abc" })));
        Refused(await Subscriptions.SubscribeAsync(new Actor(Guid.NewGuid().ToString()), ticket, good), ErrorKind.NotFound);
        Refused(await Subscriptions.SubscribeAsync(await _app.ActorAsync(DemoSeeder.CustomerEmails[0]), ticket, good), ErrorKind.NotFound);
        await (await _owner.PostAsync($"/api/v1/tickets/{ticket}/cancel")).AssertOkAsync();
        Refused(await Subscriptions.SubscribeAsync(holder, ticket, good), ErrorKind.InvalidTransition);
        await using var db = await _app.DbAsync();
        Assert.Equal(["https://fcm.googleapis.com/fcm/send/abc"], await db.WebPushSubscriptions.Select(s => s.Endpoint).ToListAsync());
    }

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success but got {result}");
        return result.Value!;
    }

    private static Error Refused<T>(Result<T> result, ErrorKind kind)
    {
        Assert.Equal(kind, result.Error?.Kind);
        return result.Error!;
    }
}
