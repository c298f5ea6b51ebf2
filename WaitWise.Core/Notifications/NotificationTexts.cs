using System.Globalization;

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

/// <summary>
/// The words of every message, in one place, short enough for an SMS and each with the ticket's link; times in the
/// business's time zone. The one place a translation replaces.
/// </summary>
public static class NotificationTexts
{
    public static OutgoingMessage For(MessageFacts f)
    {
        var at = $"{f.QueueName} ({f.BusinessName})";
        return Words(f, at) with { Link = f.Link };
    }

    private static OutgoingMessage Words(MessageFacts f, string at)
    {
        return f.Kind switch
        {
            NotificationKind.Almost => new($"Almost your turn at {f.QueueName}",
                $"Ticket {f.Code}: you are nearly at the front of the line at {at}. Please make your way back. {f.Link}"),
            NotificationKind.Called => new($"Your turn: counter {f.Slot}",
                $"Ticket {f.Code} is called at {at}: please go to counter {f.Slot} now. {f.Link}"),
            NotificationKind.Recalled => new($"Reminder: counter {f.Slot} is waiting for you",
                $"Ticket {f.Code} is still called at {at}: please go to counter {f.Slot} now. {f.Link}"),
            NotificationKind.Late => new("You missed your call",
                $"Ticket {f.Code} was called at {at}. You can rejoin the line until {Local(f.Until, f.Zone)}. {f.Link}"),
            NotificationKind.Missed => new("Your ticket has ended",
                $"Ticket {f.Code} at {at}: the time to rejoin has passed. You can join the line again: {f.Link}"),
            NotificationKind.Broadcast => new($"A message from {f.BusinessName}",
                $"{f.Text} ({at}, ticket {f.Code}) {f.Link}"),
            _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "No text for this kind of message."),
        };
    }

    private static string Local(DateTimeOffset? at, TimeZoneInfo zone) => at is { } time
        ? TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id} time)"
        : "the end of the grace time";
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
