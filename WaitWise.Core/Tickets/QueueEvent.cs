namespace WaitWise.Core.Tickets;

/// <summary>Append-only audit: one row per ticket transition, written in the transition's transaction.</summary>
public sealed class QueueEvent
{
    public long Id { get; set; }
    public Guid EntryId { get; set; }
    public Guid QueueId { get; set; }
    public TicketStatus? FromStatus { get; set; }
    public TicketStatus ToStatus { get; set; }
    public TicketCommand Command { get; set; }
    public required string ActorId { get; set; }
    public DateTimeOffset At { get; set; }
    public int? Slot { get; set; }
    public string? Reason { get; set; }
}
