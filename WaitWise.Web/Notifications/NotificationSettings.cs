using System.Buffers.Text;
using WaitWise.Data.Notifications;
using MailKit.Security;

namespace WaitWise.Web.Notifications;

/// <summary>
/// <c>WaitWise:Email</c>: the SMTP server messages go through. No host, no e-mail. <see cref="Problem"/> names a
/// setting that cannot work, which makes /health Degraded instead of failing a send.
/// </summary>
public sealed class EmailSettings
{
    public const string Section = "WaitWise:Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? From { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SocketOptions => Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }
        if (Port is < 1 or > 65535)
        {
            return $"{Section}:Port must be between 1 and 65535.";
        }
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
        {
            return $"{Section}:From must be the e-mail address messages are sent from.";
        }
        if (Security.ToLowerInvariant() is not ("none" or "starttls" or "sslonconnect" or "auto"))
        {
            return $"{Section}:Security must be None, StartTls, SslOnConnect or Auto.";
        }
        return string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password)
            ? $"{Section}:UserName and Password go together."
            : null;
    }
}

/// <summary><c>WaitWise:Sms</c>: the SMS provider (Twilio). No provider, no SMS.</summary>
public sealed class SmsSettings
{
    public const string Section = "WaitWise:Sms";
    public const string Twilio = "Twilio";

    public string? Provider { get; set; }
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    /// <summary>The number (E.164) or sender the messages come from.</summary>
    public string? From { get; set; }
    /// <summary>The provider's API address; Twilio's own unless set (tests point it at a local server).</summary>
    public string? BaseAddress { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Provider);

    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }
        if (!string.Equals(Provider, Twilio, StringComparison.OrdinalIgnoreCase))
        {
            return $"{Section}:Provider must be {Twilio} (the one provider WaitWise speaks).";
        }
        if (string.IsNullOrWhiteSpace(AccountSid) || string.IsNullOrWhiteSpace(AuthToken) || string.IsNullOrWhiteSpace(From))
        {
            return $"{Section}: AccountSid, AuthToken and From are all needed.";
        }
        return BaseAddress is { Length: > 0 } address && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? $"{Section}:BaseAddress must be an http(s) address."
            : null;
    }
}

/// <summary>
/// <c>WaitWise:WebPush</c>: pushes to the browsers that ask for them, on unless <see cref="Enabled"/> is false. The
/// VAPID key pair is configured (<see cref="PublicKey"/> and <see cref="PrivateKey"/>, base64url) or generated once and
/// kept in the database; <see cref="Subject"/> tells push services whom to contact (mailto: or https:).
/// </summary>
public sealed class WebPushSettings
{
    public const string Section = "WaitWise:WebPush";

    public bool Enabled { get; set; } = true;
    public string Subject { get; set; } = "mailto:admin@waitwise.test";
    public string? PublicKey { get; set; }
    public string? PrivateKey { get; set; }

    /// <summary>The push services subscriptions may name, comma-separated (each host and those under it).</summary>
    public string PushServices { get; set; } = PushServiceHosts.Default;

    public VapidKeys? Configured => PublicKey is { Length: > 0 } && PrivateKey is { Length: > 0 } ? new VapidKeys(PublicKey, PrivateKey) : null;

    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }
        if (!(Subject.StartsWith("mailto:", StringComparison.Ordinal) || Uri.TryCreate(Subject, UriKind.Absolute, out var uri) && uri.Scheme == "https"))
        {
            return $"{Section}:Subject must be a mailto: or https: address.";
        }
        if (string.IsNullOrEmpty(PublicKey) != string.IsNullOrEmpty(PrivateKey))
        {
            return $"{Section}:PublicKey and PrivateKey go together (or leave both out to use the pair kept in the database).";
        }
        return Configured is { } keys && !(Base64Url.IsValid(keys.PublicKey, out var publicLength) && publicLength == 65 &&
                                           Base64Url.IsValid(keys.PrivateKey, out var privateLength) && privateLength == 32)
            ? $"{Section}:PublicKey must be a P-256 public key (65 bytes) and PrivateKey its private key (32 bytes), both base64url."
            : null;
    }
}
