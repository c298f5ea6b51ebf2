using WaitWise.Core.Businesses;

namespace WaitWise.Core.Queues;

public enum QueueStatus
{
    /// <summary>Joins and calls go on.</summary>
    Open,
    /// <summary>Joins go on, calling stops; the paused time is recorded.</summary>
    Paused,
    /// <summary>No new joins; serving goes on.</summary>
    Locked,
    /// <summary>End of day: no joins, no calls.</summary>
    Closed,
}

/// <summary>A service line of a business. Limits live in <see cref="QueueLimits"/>.</summary>
public sealed class Queue
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Business? Business { get; set; }
    public required string Name { get; set; }
    public string TicketPrefix { get; set; } = "";
    public int MaxSize { get; set; } = QueueLimits.DefaultMaxSize;
    public int ServiceSlots { get; set; } = 1;
    public int GraceTimeSeconds { get; set; } = QueueLimits.DefaultGraceTimeSeconds;
    public int CallTimeoutSeconds { get; set; } = QueueLimits.DefaultCallTimeoutSeconds;
    public int DefaultServiceSeconds { get; set; } = QueueLimits.DefaultServiceSeconds;
    public bool AutoCall { get; set; }
    /// <summary>Whether anyone who gives a name may join (a guest), or only signed-in customers.</summary>
    public bool AllowGuests { get; set; }
    /// <summary>Tell a ticket "almost your turn" when its place reaches this (0: never).</summary>
    public int NotifyAtPosition { get; set; } = QueueLimits.DefaultNotifyAtPosition;
    public QueueStatus Status { get; set; } = QueueStatus.Closed;
    /// <summary>The last ticket number handed out; the next join takes this + 1 under the queue's row lock.</summary>
    public int LastTicketNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// The owner opened the queue by hand outside its opening hours: joins are taken until this moment (the next
    /// scheduled opening, from which the hours take over again), unless the owner locks or closes it first.
    /// </summary>
    public DateTimeOffset? OpenedByHandUntil { get; set; }
    public List<OpeningHours> OpeningHours { get; set; } = [];
    public List<QueueStaff> Staff { get; set; } = [];

    public TimeSpan GraceTime => TimeSpan.FromSeconds(GraceTimeSeconds);
    public TimeSpan CallTimeout => TimeSpan.FromSeconds(CallTimeoutSeconds);

    /// <summary>Ticket codes are the prefix and the zero-padded number, e.g. "A-007".</summary>
    public string CodeFor(int ticketNumber) => TicketCode.Format(TicketPrefix, ticketNumber);
}

public static class TicketCode
{
    public static string Format(string prefix, int number) => $"{prefix}{number:000}";

    /// <summary>
    /// The prefix a new queue gets when its creator leaves it out: the first letter of A to Z that no queue of the
    /// business already starts its prefix with, and a dash ("A-", then "B-"…); "A-" again once all 26 are taken.
    /// </summary>
    public static string NextFreePrefix(IEnumerable<string> takenPrefixes)
    {
        var taken = takenPrefixes.Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0])).ToHashSet();
        for (var letter = 'A'; letter <= 'Z'; letter++)
        {
            if (!taken.Contains(letter))
            {
                return $"{letter}-";
            }
        }
        return "A-";
    }
}

/// <summary>Bounds of queue settings; the database check constraints reuse them.</summary>
public static class QueueLimits
{
    public const int NameMaxLength = 100;
    public const int TicketPrefixMaxLength = 8;
    public const int MaxMaxSize = 100_000;
    public const int MaxServiceSlots = 100;
    public const int MaxSeconds = 7 * 24 * 3600;
    public const int DefaultMaxSize = 100;
    public const int DefaultGraceTimeSeconds = 600;
    public const int DefaultCallTimeoutSeconds = 180;
    public const int DefaultServiceSeconds = 300;
    public const int DefaultNotifyAtPosition = 3;
    public const int MaxNotifyAtPosition = 50;
}

/// <summary>A staff member allowed to operate a queue.</summary>
public sealed class QueueStaff
{
    public Guid QueueId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>One weekday's opening window in the business's time zone. Closes before Opens means past midnight.</summary>
public sealed class OpeningHours
{
    public long Id { get; set; }
    public Guid QueueId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>Audit of a queue's own state changes (open, pause, lock, close); paused time is read from it.</summary>
public sealed class QueueStatusChange
{
    public long Id { get; set; }
    public Guid QueueId { get; set; }
    public QueueStatus From { get; set; }
    public QueueStatus To { get; set; }
    public required string ActorId { get; set; }
    public DateTimeOffset At { get; set; }
}
