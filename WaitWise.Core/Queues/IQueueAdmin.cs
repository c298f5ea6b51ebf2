using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Core.Queues;

/// <summary>
/// The owner's commands on queues: create, change, delete, and assign staff. Each is one transaction that
/// checks in the database that the actor owns the business. Changes that touch a queue lock its row, as the
/// ticket commands do, so a setting never changes under a join or a call.
/// </summary>
public interface IQueueAdmin
{
    /// <summary>
    /// A new queue, Closed until the owner opens it. Unset settings take <see cref="QueueSettings.Defaults"/>;
    /// an unset ticket prefix takes the business's next free letter (<see cref="TicketCode.NextFreePrefix"/>).
    /// A repeated <paramref name="key"/> from the same actor returns the first result and creates nothing.
    /// </summary>
    Task<Result<QueueDetails>> CreateAsync(Actor actor, Guid businessId, QueueChanges settings, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>Refuses to drop counters that are busy or a capacity below the tickets already open.</summary>
    Task<Result<QueueDetails>> UpdateAsync(Actor actor, Guid queueId, QueueChanges changes, CancellationToken ct = default);

    /// <summary>Deletes the queue and its history; refused while any ticket is open.</summary>
    Task<Result<QueueDetails>> DeleteAsync(Actor actor, Guid queueId, CancellationToken ct = default);

    /// <summary>Lets the account with this email operate the queue, and gives it the Staff role. Assigning twice is no error.</summary>
    Task<Result<StaffMember>> AssignStaffAsync(Actor actor, Guid queueId, string email, CancellationToken ct = default);

    Task<Result<StaffMember>> RemoveStaffAsync(Actor actor, Guid queueId, string userId, CancellationToken ct = default);

    /// <summary>What the owner's queue page shows: the settings, the business's time zone, the staff and the opening hours.</summary>
    Task<Result<QueueSetup>> GetSetupAsync(Actor actor, Guid queueId, CancellationToken ct = default);

    /// <summary>
    /// Replaces the queue's weekly opening windows with <paramref name="windows"/> (none: no hours restriction).
    /// Validated by <see cref="OpeningWindow.Problems"/>; a refusal keeps the old windows.
    /// </summary>
    Task<Result<IReadOnlyList<OpeningWindow>>> SetOpeningHoursAsync(Actor actor, Guid queueId, IReadOnlyList<OpeningWindow> windows, CancellationToken ct = default);

    /// <summary>A ticket's audit trail with the e-mail of each actor, for the owner of the ticket's queue only.</summary>
    Task<Result<TicketAudit>> GetAuditTrailAsync(Actor actor, Guid ticketId, CancellationToken ct = default);
}

public sealed record QueueSetup(
    QueueDetails Queue,
    string BusinessName,
    string TimeZoneId,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<OpeningWindow> OpeningHours);

/// <summary>One audit event; <paramref name="ActorEmail"/> is "system" for the background jobs and lazy reads.</summary>
public sealed record AuditEntry(
    long Id,
    TicketStatus? From,
    TicketStatus To,
    TicketCommand Command,
    string ActorEmail,
    DateTimeOffset At,
    int? Slot,
    string? Reason);

public sealed record TicketAudit(Guid TicketId, string Code, string Holder, IReadOnlyList<AuditEntry> Events);
