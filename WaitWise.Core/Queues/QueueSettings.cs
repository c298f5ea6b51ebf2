using System.Globalization;

namespace WaitWise.Core.Queues;

/// <summary>A queue's settings as an owner sets them, checked field by field against <see cref="QueueLimits"/>.</summary>
public sealed record QueueSettings(
    string Name,
    string TicketPrefix,
    int MaxSize,
    int ServiceSlots,
    int GraceTimeSeconds,
    int CallTimeoutSeconds,
    int DefaultServiceSeconds,
    bool AutoCall,
    bool AllowGuests = false,
    int NotifyAtPosition = QueueLimits.DefaultNotifyAtPosition)
{
    /// <summary>What a new queue gets for every setting its creator leaves out. The name has no default.</summary>
    public static QueueSettings Defaults { get; } = new(
        "", "", QueueLimits.DefaultMaxSize, 1, QueueLimits.DefaultGraceTimeSeconds,
        QueueLimits.DefaultCallTimeoutSeconds, QueueLimits.DefaultServiceSeconds, AutoCall: false);

    /// <summary>Prefix characters beyond letters and digits: enough for "A-" or "RX/", nothing a board would mangle.</summary>
    private const string PrefixPunctuation = "-_./#";

    public static QueueSettings Of(Queue queue) => new(
        queue.Name, queue.TicketPrefix, queue.MaxSize, queue.ServiceSlots, queue.GraceTimeSeconds,
        queue.CallTimeoutSeconds, queue.DefaultServiceSeconds, queue.AutoCall, queue.AllowGuests, queue.NotifyAtPosition);

    public void CopyTo(Queue queue)
    {
        queue.Name = Name;
        queue.TicketPrefix = TicketPrefix;
        queue.MaxSize = MaxSize;
        queue.ServiceSlots = ServiceSlots;
        queue.GraceTimeSeconds = GraceTimeSeconds;
        queue.CallTimeoutSeconds = CallTimeoutSeconds;
        queue.DefaultServiceSeconds = DefaultServiceSeconds;
        queue.AutoCall = AutoCall;
        queue.AllowGuests = AllowGuests;
        queue.NotifyAtPosition = NotifyAtPosition;
    }

    /// <summary>Every field outside its bounds, keyed by the field's camelCase name; empty when all are valid.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems[field] = [message];
            }
        }

        Check(Name.Length is > 0 and <= QueueLimits.NameMaxLength && !Name.Any(char.IsControl), "name",
            $"A queue needs a name of 1 to {QueueLimits.NameMaxLength} characters, without control characters.");
        Check(TicketPrefix.Length <= QueueLimits.TicketPrefixMaxLength &&
              TicketPrefix.All(c => char.IsLetterOrDigit(c) || PrefixPunctuation.Contains(c)), "ticketPrefix",
            $"The ticket prefix has at most {QueueLimits.TicketPrefixMaxLength} letters, digits or '{PrefixPunctuation}'.");
        Check(MaxSize is >= 1 and <= QueueLimits.MaxMaxSize, "maxSize", Between("The capacity", 1, QueueLimits.MaxMaxSize));
        Check(ServiceSlots is >= 1 and <= QueueLimits.MaxServiceSlots, "serviceSlots",
            Between("The number of counters", 1, QueueLimits.MaxServiceSlots));
        Check(GraceTimeSeconds is >= 1 and <= QueueLimits.MaxSeconds, "graceTimeSeconds", Between("The grace time in seconds", 1, QueueLimits.MaxSeconds));
        Check(CallTimeoutSeconds is >= 1 and <= QueueLimits.MaxSeconds, "callTimeoutSeconds", Between("The call timeout in seconds", 1, QueueLimits.MaxSeconds));
        Check(DefaultServiceSeconds is >= 1 and <= QueueLimits.MaxSeconds, "defaultServiceSeconds",
            Between("The default service time in seconds", 1, QueueLimits.MaxSeconds));
        Check(NotifyAtPosition is >= 0 and <= QueueLimits.MaxNotifyAtPosition, "notifyAtPosition",
            Between("The place in line for \"almost your turn\" (0 for never)", 0, QueueLimits.MaxNotifyAtPosition));
        return problems;
    }

    private static string Between(string what, int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} must be between {min} and {max}.");
}

/// <summary>A change to some of a queue's settings; a null field keeps its current value. Text is trimmed.</summary>
public sealed record QueueChanges(
    string? Name = null,
    string? TicketPrefix = null,
    int? MaxSize = null,
    int? ServiceSlots = null,
    int? GraceTimeSeconds = null,
    int? CallTimeoutSeconds = null,
    int? DefaultServiceSeconds = null,
    bool? AutoCall = null,
    bool? AllowGuests = null,
    int? NotifyAtPosition = null)
{
    public QueueSettings ApplyTo(QueueSettings current) => new(
        Name?.Trim() ?? current.Name,
        TicketPrefix?.Trim() ?? current.TicketPrefix,
        MaxSize ?? current.MaxSize,
        ServiceSlots ?? current.ServiceSlots,
        GraceTimeSeconds ?? current.GraceTimeSeconds,
        CallTimeoutSeconds ?? current.CallTimeoutSeconds,
        DefaultServiceSeconds ?? current.DefaultServiceSeconds,
        AutoCall ?? current.AutoCall,
        AllowGuests ?? current.AllowGuests,
        NotifyAtPosition ?? current.NotifyAtPosition);
}

/// <summary>A queue and its settings, as the owner's and the API's listings show it.</summary>
public sealed record QueueDetails(
    Guid Id,
    Guid BusinessId,
    string Name,
    string TicketPrefix,
    int MaxSize,
    int ServiceSlots,
    int GraceTimeSeconds,
    int CallTimeoutSeconds,
    int DefaultServiceSeconds,
    bool AutoCall,
    QueueStatus Status,
    DateTimeOffset CreatedAt,
    bool AllowGuests,
    int NotifyAtPosition)
{
    public static QueueDetails From(Queue q) => new(
        q.Id, q.BusinessId, q.Name, q.TicketPrefix, q.MaxSize, q.ServiceSlots, q.GraceTimeSeconds,
        q.CallTimeoutSeconds, q.DefaultServiceSeconds, q.AutoCall, q.Status, q.CreatedAt, q.AllowGuests, q.NotifyAtPosition);
}

/// <summary>A user assigned to operate a queue.</summary>
public sealed record StaffMember(string UserId, string Email)
{
    /// <summary>In the answer to an assignment: whether they were assigned before it (assigning twice is no error).</summary>
    public bool AlreadyAssigned { get; init; }
}
