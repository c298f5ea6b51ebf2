using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Core.Tickets;

/// <summary>
/// One method per command of SPEC.md's state machine. Each is one transaction that locks the queue row,
/// checks the guard and the actor's right in the database, writes the ticket and exactly one audit event,
/// commits and then notifies. A refusal changes nothing. A repeated request key from the same actor
/// returns the first answer (refusal included) and does nothing more.
/// </summary>
public interface ITicketService
{
    Task<Result<TicketView>> JoinAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>As <see cref="JoinAsync"/>, and where the new ticket stands, as the join saw it.</summary>
    Task<Result<TicketPosition>> JoinAndPlaceAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> CallNextAsync(Actor actor, Guid queueId, int? slot = null, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> CallSpecificAsync(Actor actor, Guid ticketId, int? slot = null, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> StartServiceAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> CompleteAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> HoldAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> ResumeAsync(Actor actor, Guid ticketId, int? slot = null, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> NoShowAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> RejoinAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> ExpireAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> CancelAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);
    Task<Result<TicketView>> RecallAsync(Actor actor, Guid ticketId, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>Takes a ticket for someone without an account, on a queue that takes guests; the answer carries the ticket's key.</summary>
    Task<Result<GuestTicket>> JoinAsGuestAsync(Guid queueId, GuestDetails guest, CancellationToken ct = default);

    /// <summary>A ticket staff issue at the counter for someone who walked in (name optional); the answer carries the ticket's key.</summary>
    Task<Result<GuestTicket>> IssueWalkInAsync(Actor staff, Guid queueId, string? name, CancellationToken ct = default);

    /// <summary>The guest holding the ticket with this key, and its queue; not found for a wrong key as for no ticket.</summary>
    Task<Result<(Actor Holder, Guid QueueId)>> GuestHolderAsync(Guid ticketId, string? key, CancellationToken ct = default);

    /// <summary>Gives the guest ticket this key holds to the signed-in <paramref name="account"/>; the key opens it no more.</summary>
    Task<Result<TicketView>> AttachGuestTicketAsync(Actor account, Guid ticketId, string? key, CancellationToken ct = default);

    /// <summary>Turns the messages about the caller's own ticket on or off.</summary>
    Task<Result<bool>> SetNotifyAsync(Actor holder, Guid ticketId, bool notify, CancellationToken ct = default);

    /// <summary>Cancels the caller's newest ticket in the queue; answered with where it stands after.</summary>
    Task<Result<TicketPosition>> LeaveAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>Rejoins with the caller's newest ticket in the queue (it must be LATE, within the grace time); answered with its place.</summary>
    Task<Result<TicketPosition>> RejoinMineAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);
}

/// <summary>Reads. Each applies due time-based transitions first, so a late job changes nothing a reader sees.</summary>
public interface ITicketQueries
{
    /// <summary>The WAITING tickets in serving order (staff and owners of the queue).</summary>
    Task<Result<IReadOnlyList<TicketView>>> GetLineAsync(Actor actor, Guid queueId, int limit = 100, CancellationToken ct = default);

    /// <summary>A ticket, with its position and estimated wait while WAITING (its holder, staff and owners).</summary>
    Task<Result<TicketPosition>> GetTicketAsync(Actor actor, Guid ticketId, CancellationToken ct = default);

    /// <summary>
    /// The actor's newest ticket in the queue, with its position while WAITING: the open one when there is one
    /// (a user has at most one, and it is always their newest), else the last finished one. Not found if none.
    /// </summary>
    Task<Result<TicketPosition>> GetMyTicketAsync(Actor actor, Guid queueId, CancellationToken ct = default);

    /// <summary>
    /// The actor's tickets across every queue: all open ones (newest first) with their positions, and the
    /// <paramref name="pastCount"/> newest finished ones. Only ever the actor's own.
    /// </summary>
    Task<Result<MyTickets>> GetMyTicketsAsync(Actor actor, int pastCount = 10, CancellationToken ct = default);

    /// <summary>One page of a queue's tickets, optionally of one status (staff and owners of the queue).</summary>
    Task<Result<TicketPage>> GetTicketsAsync(Actor actor, Guid queueId, TicketStatus? status, int page, int pageSize, CancellationToken ct = default);

    /// <summary>
    /// Everything the staff console shows of one queue, read in one round trip (the owner and assigned staff): the
    /// queue, the first <paramref name="shown"/> of the line and its length, who is at which counter, held and late.
    /// </summary>
    Task<Result<QueueConsole>> GetConsoleAsync(Actor actor, Guid queueId, int shown, CancellationToken ct = default);

    /// <summary>The public board: who is at which counter, who is next. No sign-in needed.</summary>
    Task<Result<QueueBoard>> GetBoardAsync(Guid queueId, int nextCount = 5, CancellationToken ct = default);

    Task<Result<IReadOnlyList<TicketHistoryItem>>> GetHistoryAsync(Actor actor, Guid ticketId, CancellationToken ct = default);

    Task<Result<TimeSpan>> GetPausedTimeAsync(Actor actor, Guid queueId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}
