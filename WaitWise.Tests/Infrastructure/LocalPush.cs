using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using WaitWise.Core.Notifications;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// A local push service and the browsers subscribed to it, since no real push service can be reached from here. A
/// <see cref="Browser"/> holds what a browser's PushManager makes (a P-256 key pair and an authentication secret);
/// the service checks each message's VAPID signature (RFC 8292) against the key it names, decrypts the aes128gcm body
/// with the browser's keys (RFC 8291, RFC 8188) and keeps the plain payload. A browser in <see cref="Gone"/> is one
/// the service has dropped: it answers 410.
/// </summary>
public sealed class LocalPush : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, Browser> _browsers = new();

    public Uri BaseAddress { get; private set; } = null!;
    public ConcurrentQueue<Pushed> Received { get; } = new();
    public ConcurrentDictionary<string, byte> Gone { get; } = new();

    /// <summary>Why each message refused as unauthorized was refused.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>One decrypted message: to which browser, the VAPID claims and key it came with, and its payload.</summary>
    public sealed record Pushed(string BrowserId, string VapidKey, JsonElement Claims, JsonElement Payload);

    public sealed class Browser : IDisposable
    {
        public string Id { get; } = Guid.NewGuid().ToString("N");
        public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);
        public required Uri Endpoint { get; init; }

        public byte[] PublicKey
        {
            get
            {
                var q = Key.ExportParameters(false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        public PushSubscriptionKeys Subscription => new(Endpoint.AbsoluteUri, Base64Url.EncodeToString(PublicKey), Base64Url.EncodeToString(AuthSecret));

        public void Dispose() => Key.Dispose();
    }

    public static async Task<LocalPush> StartAsync()
    {
        var push = new LocalPush();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        push._app = builder.Build();
        push._app.MapPost("/push/{id}", async (string id, HttpContext http) =>
        {
            if (!push._browsers.TryGetValue(id, out var browser) || push.Gone.ContainsKey(id))
            {
                return Results.StatusCode(StatusCodes.Status410Gone);
            }
            if (http.Request.Headers.ContentEncoding != "aes128gcm" || !int.TryParse(http.Request.Headers["TTL"], out _))
            {
                return Results.BadRequest("A push message is aes128gcm-encoded and has a TTL.");
            }
            if (Verify(http.Request.Headers.Authorization.ToString(), push.BaseAddress, out var refusal) is not var (key, claims))
            {
                push.Refusals.Enqueue(refusal);
                return Results.Unauthorized();
            }
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var payload = JsonDocument.Parse(Decrypt(browser, body.ToArray())).RootElement.Clone();
            push.Received.Enqueue(new Pushed(id, key, claims, payload));
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        await push._app.StartAsync();
        push.BaseAddress = new Uri(push._app.Urls.First());
        return push;
    }

    public Browser NewBrowser()
    {
        var browser = new Browser { Endpoint = new Uri(BaseAddress, $"push/{Guid.NewGuid():N}") };
        _browsers[browser.Endpoint.Segments[^1]] = browser;
        return browser;
    }

    public string IdOf(Browser browser) => browser.Endpoint.Segments[^1];

    /// <summary>"vapid t=JWT, k=KEY": the ES256 signature checks with the key, for this service's origin, not expired.</summary>
    private static (string Key, JsonElement Claims)? Verify(string authorization, Uri origin, out string refusal)
    {
        refusal = $"Not a vapid authorization: {authorization}";
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var token = parts["t"].Split('.');
        var key = Base64Url.DecodeFromChars(parts["k"]);
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = key[1..33], Y = key[33..65] } });
        if (!verifier.VerifyData(Encoding.ASCII.GetBytes(token[0] + "." + token[1]), Base64Url.DecodeFromChars(token[2]), HashAlgorithmName.SHA256))
        {
            refusal = "The signature does not check with the key.";
            return null;
        }
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token[1])).RootElement.Clone();
        // Lib.Net.Http.WebPush names the origin without its port (real push services listen on 443, the default).
        var audience = $"{origin.Scheme}://{origin.Host}";
        refusal = $"Claims {claims} are not for {audience} or expired.";
        return claims.GetProperty("aud").GetString() is { } aud && (aud == audience || aud == origin.GetLeftPart(UriPartial.Authority)) &&
               claims.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds()
            ? (parts["k"], claims)
            : null;
    }

    /// <summary>RFC 8291 over RFC 8188: one record, the sender's public key as its key id.</summary>
    private static byte[] Decrypt(Browser browser, byte[] body)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var cipher = body[(21 + idLength)..];
        Assert.True(cipher.Length <= recordSize, "One record is expected.");
        using var sender = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] } });
        var shared = browser.Key.DeriveRawSecretAgreement(sender.PublicKey);
        var keyInfo = Encoding.ASCII.GetBytes("WebPush: info\0").Concat(browser.PublicKey).Concat(senderKey).ToArray();
        var ikm = HKDF.Expand(HashAlgorithmName.SHA256, HKDF.Extract(HashAlgorithmName.SHA256, shared, browser.AuthSecret), 32, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));
        var plain = new byte[cipher.Length - 16];
        using (var aes = new AesGcm(contentKey, 16))
        {
            aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
        }
        var end = Array.FindLastIndex(plain, b => b != 0);
        Assert.Equal(2, plain[end]);
        return plain[..end];
    }

    public async Task<IReadOnlyList<Pushed>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} pushed messages, got {Received.Count}. Refused: {string.Join(" ", Refusals)}");
            await Task.Delay(25);
        }
        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var browser in _browsers.Values)
        {
            browser.Dispose();
        }
    }
}
