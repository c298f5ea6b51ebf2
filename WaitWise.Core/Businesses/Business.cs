using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Core.Businesses;

public enum BusinessStatus
{
    Pending,
    Approved,
    Rejected,
    Suspended,
}

/// <summary>A tenant. Its queues are public only while a platform admin has it approved.</summary>
public sealed class Business
{
    public const int NameMaxLength = 100;
    public const string DefaultTimeZone = "UTC";

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string OwnerId { get; set; }
    public BusinessStatus Status { get; set; }
    /// <summary>IANA zone in which the queues' opening hours are read.</summary>
    public string TimeZoneId { get; set; } = DefaultTimeZone;
    /// <summary>The language of its board and kiosk, and of messages to customers who gave none (<see cref="SpokenLanguages"/>).</summary>
    public string Language { get; set; } = SpokenLanguages.Default;
    public DateTimeOffset CreatedAt { get; set; }
    public List<Queue> Queues { get; set; } = [];
}
