using System.Buffers.Text;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;

namespace WaitWise.Core.Notifications;

/// <summary>
/// A browser's push subscription as its PushManager gives it: the push service's address for this browser, and the
/// keys the message is encrypted to (RFC 8291): the browser's P-256 public key and its authentication secret.
/// </summary>
public sealed record PushSubscriptionKeys(string? Endpoint, string? P256dh, string? Auth)
{
    public const int EndpointMaxLength = 2000;

    /// <summary>What is wrong with it, by field; empty when it can be used.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (!(Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http") || Endpoint!.Length > EndpointMaxLength)
        {
            problems["endpoint"] = [$"The push service's address must be an http(s) address of at most {EndpointMaxLength} characters."];
        }
        if (DecodedLength(P256dh) != 65 || P256dh![0] != 'B')
        {
            problems["p256dh"] = ["The browser's key must be an uncompressed P-256 point (65 bytes, base64url)."];
        }
        if (DecodedLength(Auth) != 16)
        {
            problems["auth"] = ["The browser's authentication secret must be 16 bytes, base64url."];
        }
        return problems;
    }

    private static int DecodedLength(string? base64Url) =>
        base64Url is { Length: > 0 and <= 200 } && Base64Url.IsValid(base64Url, out var length) ? length : -1;
}

/// <summary>
/// Web Push for a ticket's holder: the application server's public key (VAPID) that a browser subscribes with, and
/// the subscription kept for the ticket, so its messages reach that browser with the page closed.
/// </summary>
public interface IPushSubscriptions
{
    /// <summary>The VAPID public key, base64url; the same on every node.</summary>
    Task<string> PublicKeyAsync(CancellationToken ct = default);

    /// <summary>Sends this ticket's messages to this browser from now on (one browser per ticket: the newest).</summary>
    Task<Result<bool>> SubscribeAsync(Actor holder, Guid ticketId, PushSubscriptionKeys keys, CancellationToken ct = default);
}
