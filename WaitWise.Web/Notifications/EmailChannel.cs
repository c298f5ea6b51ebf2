using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using WaitWise.Core.Notifications;

namespace WaitWise.Web.Notifications;

/// <summary>
/// E-mail over SMTP with MailKit, authenticated when a user name is set. Connections are kept open between messages
/// (a TLS handshake and a login per message would cost more than the message), each used by one send at a time and
/// closed after <see cref="IdleLimit"/> unused; one the server has closed meanwhile is replaced and the message sent on
/// a fresh one. Registered only when the settings have no problem, so the host and sender are there.
/// </summary>
public sealed class EmailChannel(EmailSettings settings, TimeProvider clock) : IMessageChannel, IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(SmtpClient Client, DateTimeOffset Since)> _idle = new();

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task SendAsync(string recipient, OutgoingMessage message, CancellationToken ct)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From!));
        mail.To.Add(MailboxAddress.Parse(recipient));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        if (Reusable() is { } kept)
        {
            try
            {
                await kept.SendAsync(mail, ct);
                _idle.Enqueue((kept, clock.GetUtcNow()));
                return;
            }
            catch (Exception e) when (e is ServiceNotConnectedException or IOException or SmtpProtocolException)
            {
                // The server closed the kept connection (an idle time-out of its own): a fresh one sends it.
                kept.Dispose();
            }
            catch
            {
                kept.Dispose();
                throw;
            }
        }
        var fresh = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await fresh.ConnectAsync(settings.Host!, settings.Port, settings.SocketOptions, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await fresh.AuthenticateAsync(settings.UserName, settings.Password!, ct);
            }
            await fresh.SendAsync(mail, ct);
        }
        catch
        {
            fresh.Dispose();
            throw;
        }
        _idle.Enqueue((fresh, clock.GetUtcNow()));
    }

    /// <summary>A kept connection that is still open and was used lately; the stale ones met on the way are closed.</summary>
    private SmtpClient? Reusable()
    {
        while (_idle.TryDequeue(out var kept))
        {
            if (kept.Client.IsConnected && clock.GetUtcNow() - kept.Since < IdleLimit)
            {
                return kept.Client;
            }
            kept.Client.Dispose();
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var kept))
        {
            try
            {
                await kept.Client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or ServiceNotConnectedException)
            {
                // Closing anyway.
            }
            kept.Client.Dispose();
        }
    }
}
