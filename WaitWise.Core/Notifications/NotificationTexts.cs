using Microsoft.Extensions.Localization;

namespace WaitWise.Core.Notifications;

/// <summary>
/// A message as a channel sends it: an e-mail's subject and text, an SMS's text (the body alone), a push
/// notification's title and text with the page it opens (<paramref name="Link"/>, also in the body).
/// </summary>
public sealed record OutgoingMessage(string Subject, string Body, string? Link = null);

/// <summary>Everything a message says, as the delivery reads it when it sends.</summary>
public sealed record MessageFacts(
    NotificationKind Kind, string Code, string QueueName, string BusinessName, TimeZoneInfo Zone, string Link,
    int? Slot = null, DateTimeOffset? Until = null, string? Text = null);

/// <summary>The words of messages in each language: the web app's resources, each read in the language asked for.</summary>
public interface IMessageLanguages
{
    /// <summary>The words in <paramref name="language"/> (a <see cref="Common.SpokenLanguages"/> name), English for any other.</summary>
    IStringLocalizer In(string language);
}

/// <summary>
/// The words of every message, in one place, short enough for an SMS and each with the ticket's link; times in the
/// business's time zone, written as the customer's language writes them. The English sentences are the keys of the
/// translations (the web app's resources).
/// </summary>
public static class NotificationTexts
{
    public static OutgoingMessage For(MessageFacts f, IStringLocalizer l)
    {
        var at = l["{0} ({1})", f.QueueName, f.BusinessName].Value;
        return Words(f, at, l) with { Link = f.Link };
    }

    private static OutgoingMessage Words(MessageFacts f, string at, IStringLocalizer l)
    {
        return f.Kind switch
        {
            NotificationKind.Almost => new(l["Almost your turn at {0}", f.QueueName],
                l["Ticket {0}: you are nearly at the front of the line at {1}. Please make your way back. {2}", f.Code, at, f.Link]),
            NotificationKind.Called => new(l["Your turn: counter {0}", f.Slot ?? 0],
                l["Ticket {0} is called at {1}: please go to counter {2} now. {3}", f.Code, at, f.Slot ?? 0, f.Link]),
            NotificationKind.Recalled => new(l["Reminder: counter {0} is waiting for you", f.Slot ?? 0],
                l["Ticket {0} is still called at {1}: please go to counter {2} now. {3}", f.Code, at, f.Slot ?? 0, f.Link]),
            NotificationKind.Late => new(l["You missed your call"],
                f.Until is { } until
                    ? l["Ticket {0} was called at {1}. You can rejoin the line until {2:t} ({3} time). {4}",
                        f.Code, at, TimeZoneInfo.ConvertTime(until, f.Zone).DateTime, f.Zone.Id, f.Link]
                    : l["Ticket {0} was called at {1}. You can rejoin the line until the end of the grace time. {2}", f.Code, at, f.Link]),
            NotificationKind.Missed => new(l["Your ticket has ended"],
                l["Ticket {0} at {1}: the time to rejoin has passed. You can join the line again: {2}", f.Code, at, f.Link]),
            NotificationKind.Broadcast => new(l["A message from {0}", f.BusinessName],
                l["{0} ({1}, ticket {2}) {3}", f.Text ?? "", at, f.Code, f.Link]),
            _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "No text for this kind of message."),
        };
    }
}

/// <summary>
/// The recipient can never be reached this way again (a push subscription the browser dropped): the message fails at
/// once, without the retries a provider's passing refusal gets.
/// </summary>
public sealed class UndeliverableException(string message) : Exception(message);

/// <summary>One way of reaching people (e-mail, SMS, Web Push): sends one message, or throws with the provider's reason.</summary>
public interface IMessageChannel
{
    NotificationChannel Channel { get; }

    Task SendAsync(string recipient, OutgoingMessage message, CancellationToken ct);
}
