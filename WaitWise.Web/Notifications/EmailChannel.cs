using MailKit.Net.Smtp;
using MimeKit;
using WaitWise.Core.Notifications;

namespace WaitWise.Web.Notifications;

/// <summary>
/// E-mail over SMTP with MailKit: one connection per message, authenticated when a user name is set. Registered only
/// when the settings have no problem, so the host and sender are there.
/// </summary>
public sealed class EmailChannel(EmailSettings settings) : IMessageChannel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task SendAsync(string recipient, OutgoingMessage message, CancellationToken ct)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From!));
        mail.To.Add(MailboxAddress.Parse(recipient));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var smtp = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await smtp.ConnectAsync(settings.Host!, settings.Port, settings.SocketOptions, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await smtp.AuthenticateAsync(settings.UserName, settings.Password!, ct);
        }
        await smtp.SendAsync(mail, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}
