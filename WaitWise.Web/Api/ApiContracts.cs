using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Web.Api;

/// <summary>A new queue: the business and its settings; a setting left out takes its default.</summary>
public sealed record CreateQueueRequest(
    Guid? BusinessId,
    string? Name,
    string? TicketPrefix,
    int? MaxSize,
    int? ServiceSlots,
    int? GraceTimeSeconds,
    int? CallTimeoutSeconds,
    int? DefaultServiceSeconds,
    bool? AutoCall,
    bool? AllowGuests,
    int? NotifyAtPosition)
{
    public QueueChanges Settings => new(
        Name, TicketPrefix, MaxSize, ServiceSlots, GraceTimeSeconds, CallTimeoutSeconds, DefaultServiceSeconds, AutoCall, AllowGuests, NotifyAtPosition);
}

public sealed record AssignStaffRequest(string? Email);

/// <summary>The counter to call to or resume at; left out, the lowest free one.</summary>
public sealed record SlotRequest(int? Slot);

/// <summary>The words of a message to everyone waiting.</summary>
public sealed record QueueMessageRequest(string? Text);

public sealed record QueueStatusResponse(Guid QueueId, QueueStatus Status);

public sealed record BoardSlotResponse(int Slot, string Code, TicketStatus Status, DateTimeOffset CalledAt);

/// <summary>
/// The range the app shows for an estimated wait, in whole minutes: it holds about 80 % of actual waits (the
/// benchmark's calibration). The app words a range whose high end is 5 minutes or less as "under 5 min".
/// </summary>
public sealed record WaitRangeResponse(int LowMinutes, int HighMinutes)
{
    public static WaitRangeResponse? Of(TimeSpan? estimate) =>
        estimate is { } wait && WaitRange.Bounds(wait) is var (low, high) ? new WaitRangeResponse(low, high) : null;
}

/// <summary>A queue's public state: no personal data, ticket codes only.</summary>
public sealed record QueueStateResponse(
    Guid QueueId,
    string Name,
    QueueStatus Status,
    int ServiceSlots,
    int WaitingCount,
    bool Full,
    int? EstimatedWaitSeconds,
    WaitRangeResponse? EstimatedWaitRange,
    IReadOnlyList<BoardSlotResponse> AtCounters,
    IReadOnlyList<string> NextCodes,
    DateTimeOffset? LastAnnouncementAt,
    QueueNotice? Message)
{
    public static QueueStateResponse From(QueueBoard b) => new(
        b.QueueId, b.Name, b.Status, b.ServiceSlots, b.WaitingCount, b.Full, Seconds(b.EstimatedWait), WaitRangeResponse.Of(b.EstimatedWait),
        b.AtCounters.Select(s => new BoardSlotResponse(s.Slot, s.Code, s.Status, s.CalledAt)).ToList(),
        b.NextCodes, b.LastAnnouncementAt, b.Notice);

    internal static int? Seconds(TimeSpan? span) => span is { } s ? (int)Math.Ceiling(s.TotalSeconds) : null;
}

/// <summary>A customer's own ticket: where it stands, and where to go once called.</summary>
public sealed record MyTicketResponse(
    Guid TicketId,
    int TicketNumber,
    string Code,
    TicketStatus Status,
    int? Position,
    int? EstimatedWaitSeconds,
    WaitRangeResponse? EstimatedWaitRange,
    int? Slot,
    DateTimeOffset? ExpiresAt)
{
    public static MyTicketResponse From(TicketPosition p) => new(
        p.Ticket.Id, p.Ticket.Number, p.Ticket.Code, p.Ticket.Status, p.Position,
        QueueStateResponse.Seconds(p.EstimatedWait), WaitRangeResponse.Of(p.EstimatedWait), p.Ticket.Slot, p.Ticket.ExpiresAt);
}

/// <summary>A ticket as staff and owners see it.</summary>
public sealed record TicketResponse(
    Guid TicketId,
    Guid QueueId,
    string UserId,
    int TicketNumber,
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
    string? DisplayName = null,
    GuestContactResponse? Guest = null,
    IReadOnlyList<TicketDelivery>? Deliveries = null)
{
    public static TicketResponse From(TicketView t) => From(t, null, null);

    /// <param name="displayName">Who holds it, as staff see them (a guest's name, an account's e-mail); left out where not read.</param>
    /// <param name="guest">For a guest's ticket in a staff list: whether they left a phone number or an e-mail.</param>
    public static TicketResponse From(TicketView t, string? displayName, GuestContact? guest) => new(
        t.Id, t.QueueId, t.UserId, t.Number, t.Code, t.Status, t.PriorityBoost, t.Slot, t.JoinedAt,
        t.CalledAt, t.ServedAt, t.CompletedAt, t.LateAt, t.ExpiresAt, t.CancelledAt, t.CancelledBy, displayName,
        guest is null ? null : new GuestContactResponse(guest.HasPhone, guest.HasEmail));

    /// <summary>For a staff list: also how the newest message on each channel went (an empty list: none was sent).</summary>
    public static TicketResponse From(TicketView t, string? displayName, GuestContact? guest, IReadOnlyList<TicketDelivery> deliveries) =>
        From(t, displayName, guest) with { Deliveries = deliveries };
}

/// <summary>How a guest may be reached, as staff are told it: whether a phone number and an e-mail were given.</summary>
public sealed record GuestContactResponse(bool HasPhone, bool HasEmail);

public sealed record TicketPageResponse(IReadOnlyList<TicketResponse> Items, int Page, int PageSize, int Total)
{
    public static TicketPageResponse From(TicketPage p) => new(
        p.Items.Select(t => TicketResponse.From(t, p.DisplayNames.GetValueOrDefault(t.UserId), p.Guests.GetValueOrDefault(t.UserId),
            p.Deliveries.GetValueOrDefault(t.Id) ?? [])).ToList(),
        p.Page, p.PageSize, p.Total);
}
