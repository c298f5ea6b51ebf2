using System.Text.Json.Serialization;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;

namespace WaitWise.Core.Tickets;

/// <summary>A ticket as commands and queries return it.</summary>
public sealed record TicketView(
    Guid Id,
    Guid QueueId,
    string UserId,
    int Number,
    string Code,
    TicketStatus Status,
    int PriorityBoost,
    int? Slot,
    DateTimeOffset JoinedAt,
    DateTimeOffset? CalledAt,
    DateTimeOffset? ServedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? LateAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? CancelledAt,
    string? CancelledBy,
    bool Notify = true)
{
    public static TicketView From(QueueEntry e, string prefix) => new(
        e.Id, e.QueueId, e.UserId, e.TicketNumber, TicketCode.Format(prefix, e.TicketNumber), e.Status, e.PriorityBoost,
        e.Slot, e.JoinedAt, e.CalledAt, e.ServedAt, e.CompletedAt, e.LateAt, e.ExpiresAt, e.CancelledAt, e.CancelledBy, e.Notify);
}

/// <summary>A ticket with its place among the WAITING tickets; both null when it is not waiting.</summary>
public sealed record TicketPosition(TicketView Ticket, int? Position, TimeSpan? EstimatedWait);

/// <summary>
/// A ticket of the signed-in person with the names a list across queues needs, and the time zone of the business,
/// whose clock its times are told by (by its id, so a page can hand the ticket from its prerender to its circuit).
/// </summary>
public sealed record MyTicket(TicketPosition Ticket, Guid BusinessId, string BusinessName, string QueueName, string TimeZoneId)
{
    [JsonIgnore]
    public TimeZoneInfo Zone => OpeningSchedule.ZoneOrUtc(TimeZoneId);

    /// <summary>The ticket in the queue <paramref name="listing"/> describes.</summary>
    public static MyTicket In(QueueListing listing, TicketPosition ticket) =>
        new(ticket, listing.Queue.BusinessId, listing.BusinessName, listing.Queue.Name, listing.TimeZoneId);
}

/// <summary>The signed-in person's tickets: open ones to follow, finished ones as history.</summary>
public sealed record MyTickets(IReadOnlyList<MyTicket> Open, IReadOnlyList<MyTicket> Past)
{
    public const int MaxPastCount = 100;
}

/// <summary>
/// A page of tickets: WAITING ones in serving order, any other selection by ticket number.
/// <paramref name="Total"/> counts every ticket of the selection.
/// </summary>
public sealed record TicketPage(IReadOnlyList<TicketView> Items, int Page, int PageSize, int Total)
{
    /// <summary>Who holds each ticket, by user id, as staff see them: a guest's name, an account's e-mail.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The guests among the holders, by user id, with the ways they left to reach them.</summary>
    public IReadOnlyDictionary<string, GuestContact> Guests { get; init; } = new Dictionary<string, GuestContact>();

    /// <summary>The newest message on each channel, by ticket id, for the tickets that have any.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<TicketDelivery>> Deliveries { get; init; } = new Dictionary<Guid, IReadOnlyList<TicketDelivery>>();

    public const int MaxPageSize = 200;
    public const int MaxPage = 100_000;
}

/// <summary>The newest message to a ticket on one channel, and how its delivery went: what staff see beside the ticket.</summary>
public sealed record TicketDelivery(NotificationChannel Channel, NotificationKind Kind, DeliveryStatus Status, int Attempts, string? LastError)
{
    public string Label
    {
        get
        {
            var channel = NotificationChannels.Name(Channel);
            var status = Status switch
            {
                DeliveryStatus.Sent => "sent",
                DeliveryStatus.Failed => "failed",
                _ when Attempts > 0 => "retrying",
                _ => "sending",
            };
            return $"{channel} ({Kind.ToString().ToLowerInvariant()}) {status}";
        }
    }
}

public sealed record BoardSlot(int Slot, string Code, TicketStatus Status, DateTimeOffset CalledAt);

/// <summary>
/// What the public board and queue page show: no personal data, ticket codes only; and staff's message to everyone, while
/// shown. <paramref name="Full"/>: the open tickets have reached the queue's capacity, so a join would be refused.
/// </summary>
public sealed record QueueBoard(
    Guid QueueId,
    string Name,
    QueueStatus Status,
    int ServiceSlots,
    int WaitingCount,
    bool Full,
    TimeSpan? EstimatedWait,
    IReadOnlyList<BoardSlot> AtCounters,
    IReadOnlyList<string> NextCodes,
    DateTimeOffset? LastAnnouncementAt,
    QueueNotice? Notice = null,
    string Language = SpokenLanguages.Default);

public sealed record TicketHistoryItem(
    long Id,
    TicketStatus? From,
    TicketStatus To,
    TicketCommand Command,
    string ActorId,
    DateTimeOffset At,
    int? Slot,
    string? Reason);

/// <summary>
/// One reading of a queue for the staff console: the line in serving order (its first tickets, and how many wait), who
/// is at which counter (by counter), who is held (by number) and who is late (soonest to expire first).
/// </summary>
public sealed record QueueConsole(
    OperatedQueue Queue,
    IReadOnlyList<TicketView> Line,
    int Waiting,
    IReadOnlyList<TicketView> AtCounters,
    IReadOnlyList<TicketView> Held,
    IReadOnlyList<TicketView> Late)
{
    /// <summary>The guests holding the tickets listed, by ticket id (staff see them; nobody else does).</summary>
    public IReadOnlyDictionary<Guid, GuestContact> Guests { get; init; } = new Dictionary<Guid, GuestContact>();

    /// <summary>The newest message on each channel, by ticket id, for the listed tickets that have any.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<TicketDelivery>> Deliveries { get; init; } = new Dictionary<Guid, IReadOnlyList<TicketDelivery>>();
}
