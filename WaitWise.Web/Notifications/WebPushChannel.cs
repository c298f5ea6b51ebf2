using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Notifications;
using WaitWise.Data;
using WaitWise.Data.Notifications;

namespace WaitWise.Web.Notifications;

/// <summary>
/// Web Push with Lib.Net.Http.WebPush: the message, encrypted to the browser's keys (aes128gcm) and signed with the
/// installation's VAPID key, goes to the push service the ticket's subscription names. The recipient is the ticket.
/// A subscription the push service no longer knows (404, 410) is forgotten and the message fails at once.
/// </summary>
public sealed class WebPushChannel(IDbContextFactory<WaitWiseDbContext> factory, VapidKeyStore keys, WebPushSettings settings, PushServiceHosts services)
    : IMessageChannel
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly PushServiceClient _client = new(Http) { AutoRetryAfter = false, DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid };

    public NotificationChannel Channel => NotificationChannel.Push;

    public async Task SendAsync(string recipient, OutgoingMessage message, CancellationToken ct)
    {
        var ticketId = Guid.Parse(recipient);
        await using var db = await factory.CreateDbContextAsync(ct);
        var kept = await db.WebPushSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.TicketId == ticketId, ct)
                   ?? throw new UndeliverableException("The browser's push subscription was forgotten.");
        if (!services.Allows(new Uri(kept.Endpoint)))
        {
            throw new UndeliverableException("The subscription names a push service this server no longer sends to.");
        }
        var subscription = new PushSubscription { Endpoint = kept.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, kept.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, kept.Auth);
        var pair = await keys.GetAsync(ct);
        using var vapid = new VapidAuthentication(pair.PublicKey, pair.PrivateKey) { Subject = settings.Subject };
        var payload = JsonSerializer.Serialize(new { title = message.Subject, body = message.Body, url = message.Link, tag = recipient });
        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(payload) { Urgency = PushMessageUrgency.High, TimeToLive = 3600 }, vapid, ct);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            await db.WebPushSubscriptions.Where(s => s.TicketId == ticketId).ExecuteDeleteAsync(CancellationToken.None);
            throw new UndeliverableException($"The browser's push subscription has ended ({(int)e.StatusCode}): it was forgotten.");
        }
    }
}
