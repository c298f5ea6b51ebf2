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
    public DateTimeOffset CreatedAt { get; set; }
    public List<Queue> Queues { get; set; } = [];
}
