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

    private static readonly TicketStatus[] Read =
        [TicketStatus.Waiting, TicketStatus.Called, TicketStatus.Serving, TicketStatus.Held, TicketStatus.Late];

    /// <summary>Reads every list through the queries, with their rights check; the first refusal wins.</summary>
    public static async Task<Result<ConsoleSnapshot>> ReadAsync(ITicketQueries queries, Actor actor, OperatedQueue queue, CancellationToken ct = default)
    {
        var pages = await Task.WhenAll(Read.Select(status => queries.GetTicketsAsync(actor, queue.Id, status, 1, Shown, ct)));
        if (pages.FirstOrDefault(p => !p.IsSuccess) is { Error: { } refused })
        {
            return refused;
        }
        var (waiting, called, serving, held, late) = (pages[0].Value!, pages[1].Value!, pages[2].Value!, pages[3].Value!, pages[4].Value!);
        return new ConsoleSnapshot(
            queue,
            waiting.Items,
            waiting.Total,
            [.. called.Items.Concat(serving.Items).OrderBy(t => t.Slot)],
            held.Items,
            [.. late.Items.OrderBy(t => t.ExpiresAt)]);
    }

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
