namespace WaitWise.Data.Tickets;

/// <summary>
/// A ticket number whose ticket row is gone (deleted by hand: no command deletes a ticket, and a closed account keeps
/// its tickets). Written by a trigger on every direct delete of a ticket, so a position, which counts numbers from
/// the head of the line, never relies on the numbers being contiguous: it takes these away as it takes away the
/// tickets that left the line. Few, and read by primary key range.
/// </summary>
public sealed class TicketNumberGap
{
    public Guid QueueId { get; set; }
    public int TicketNumber { get; set; }
}
