using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Web.Components.Pages.Staff;

/// <summary>
/// One reading of a queue for the console: the line in serving order, who is at which counter, who is held or
/// late. It answers "would this button be refused?" from the transition table and the counters' state, so the
/// console never keeps rules of its own; the service still decides.
/// </summary>
public sealed record ConsoleSnapshot(
    OperatedQueue Queue,
    IReadOnlyList<TicketView> Line,
    int Waiting,
    IReadOnlyList<TicketView> AtCounters,
    IReadOnlyList<TicketView> Held,
    IReadOnlyList<TicketView> Late)
{
    /// <summary>The console lists at most one page of each kind of ticket.</summary>
    public const int Shown = TicketPage.MaxPageSize;

    /// <summary>The names guests gave, by ticket id.</summary>
    public IReadOnlyDictionary<Guid, GuestContact> Guests { get; init; } = new Dictionary<Guid, GuestContact>();

    /// <summary>How the newest message on each channel went, by ticket id.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<TicketDelivery>> Deliveries { get; init; } = new Dictionary<Guid, IReadOnlyList<TicketDelivery>>();

    /// <summary>The queue as the console shows it, read in one round trip; a refusal (not my queue any more) as the service worded it.</summary>
    public static async Task<Result<ConsoleSnapshot>> ReadAsync(ITicketQueries queries, Actor actor, Guid queueId, CancellationToken ct = default) =>
        (await queries.GetConsoleAsync(actor, queueId, Shown, ct)).Map(c => new ConsoleSnapshot(c.Queue, c.Line, c.Waiting, c.AtCounters, c.Held, c.Late) { Guests = c.Guests, Deliveries = c.Deliveries });

    public TicketView? AtCounter(int counter) => AtCounters.FirstOrDefault(t => t.Slot == counter);

    /// <summary>
    /// Whether <paramref name="command"/> on <paramref name="ticket"/> (for call next: the head of the line),
    /// at or into <paramref name="counter"/>, passes the transition table, the counter's state and the queue's.
    /// </summary>
    public bool Allows(TicketCommand command, TicketView? ticket, int counter)
    {
        var from = command == TicketCommand.CallNext ? Line.FirstOrDefault()?.Status : ticket?.Status;
        if (from is null || !TicketTransitions.Decide(from, command).IsSuccess)
        {
            return false;
        }
        return command switch
        {
            TicketCommand.CallNext or TicketCommand.CallSpecific => AtCounter(counter) is null && QueueCalling.Stopped(Queue.Status) is null,
            TicketCommand.Resume => AtCounter(counter) is null,
            _ => true,
        };
    }
}
