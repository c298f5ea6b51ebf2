using System.Globalization;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;

namespace WaitWise.Core.Notifications;

/// <summary>What a message tells its ticket's holder.</summary>
public enum NotificationKind
{
    /// <summary>The ticket's place reached the queue's <c>NotifyAtPosition</c> after it joined further back.</summary>
    Almost,
    /// <summary>Called to a counter.</summary>
    Called,
    /// <summary>Called again: a reminder.</summary>
    Recalled,
    /// <summary>Did not come in time: may rejoin until a time.</summary>
    Late,
    /// <summary>The time to rejoin passed.</summary>
    Missed,
    /// <summary>Staff's message to everyone waiting.</summary>
    Broadcast,
}

public enum NotificationChannel
{
    Email,
    Sms,
    /// <summary>Web Push to the browser that asked for it, for one ticket.</summary>
    Push,
}

public static class NotificationChannels
{
    /// <summary>The channel as people call it.</summary>
    public static string Name(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "E-mail",
        NotificationChannel.Sms => "SMS",
        NotificationChannel.Push => "Web Push",
        _ => channel.ToString(),
    };
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// One message to one recipient on one channel: a row of the outbox, written in the transaction of the command that
/// made it due, so it exists exactly when the change does. (Ticket, kind, occurrence, channel) is unique: the
/// occurrence is the audit event that made it due (a call, a recall), the message's own number for a message to
/// everyone, and 0 for what comes once per ticket.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public Guid TicketId { get; set; }
    public Guid QueueId { get; set; }
    public NotificationKind Kind { get; set; }
    public long Occurrence { get; set; }
    public NotificationChannel Channel { get; set; }
    public required string Recipient { get; set; }
    /// <summary>The counter of a call.</summary>
    public int? Slot { get; set; }
    /// <summary>Until when a late ticket may rejoin.</summary>
    public DateTimeOffset? Until { get; set; }
    /// <summary>The words of a message to everyone waiting.</summary>
    public string? Text { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the next attempt is due (later after each failure).</summary>
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Why the last attempt failed, as the provider said it.</summary>
    public string? LastError { get; set; }
}

/// <summary>A message staff sent to everyone waiting in a queue: shown on its pages, sent to every waiting ticket.</summary>
public sealed class QueueMessage
{
    public long Id { get; set; }
    public Guid QueueId { get; set; }
    public required string Text { get; set; }
    public required string ActorId { get; set; }
    public DateTimeOffset At { get; set; }

    public const int MaxLength = 500;

    /// <summary>How long a page keeps showing the message.</summary>
    public static readonly TimeSpan Shown = TimeSpan.FromHours(2);

    /// <summary>One message per queue in this time at most.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    /// <summary>The words as sent: trimmed, 1 to <see cref="MaxLength"/> characters, one line of plain text.</summary>
    public static Result<string> Check(string? text)
    {
        var words = text?.Trim() ?? "";
        if (words.Length == 0)
        {
            return Error.Invalid(Field("Write the message to send."));
        }
        if (words.Length > MaxLength)
        {
            return Error.Invalid(Field($"A message to everyone waiting has at most {MaxLength} characters; this one has {words.Length}."));
        }
        if (words.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return Error.Invalid(Field("A message is one line of plain text: no line breaks, tabs or control characters."));
        }
        return words;
    }

    private static Dictionary<string, string[]> Field(string message) => new() { ["text"] = [message] };
}

/// <summary>A message to everyone waiting as pages show it.</summary>
public sealed record QueueNotice(long Id, string Text, DateTimeOffset At);

/// <summary>A message to everyone waiting as its queue's staff read it back: who sent it, and how many it reached.</summary>
public sealed record SentQueueMessage(long Id, string Text, DateTimeOffset At, string SentBy, int Messages);

/// <summary>A queue's last messages to everyone, and its business's time zone, in which their times read.</summary>
public sealed record QueueMessageLog(string TimeZoneId, IReadOnlyList<SentQueueMessage> Messages);

/// <summary>
/// A message to everyone waiting in a queue: the owner or its staff write it, every open page of the queue shows it
/// for <see cref="QueueMessage.Shown"/>, and each waiting ticket with a channel is sent it through the outbox.
/// One per queue per <see cref="QueueMessage.MinimumInterval"/>; each is kept with who sent it.
/// </summary>
public interface IQueueMessages
{
    Task<Result<QueueNotice>> SendAsync(Actor actor, Guid queueId, string? text, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>The newest message still shown, if any.</summary>
    Task<QueueNotice?> CurrentAsync(Guid queueId, CancellationToken ct = default);

    /// <summary>The queue's newest messages, for its owner and staff.</summary>
    Task<Result<QueueMessageLog>> RecentAsync(Actor actor, Guid queueId, int count = 5, CancellationToken ct = default);
}
