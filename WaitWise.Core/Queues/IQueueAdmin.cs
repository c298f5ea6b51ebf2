using WaitWise.Core.Auth;
using WaitWise.Core.Common;

namespace WaitWise.Core.Queues;

/// <summary>
/// The owner's commands on queues: create, change, delete, and assign staff. Each is one transaction that
/// checks in the database that the actor owns the business. Changes that touch a queue lock its row, as the
/// ticket commands do, so a setting never changes under a join or a call.
/// </summary>
public interface IQueueAdmin
{
    /// <summary>
    /// A new queue, Closed until the owner opens it. Unset settings take <see cref="QueueSettings.Defaults"/>.
    /// A repeated <paramref name="requestId"/> from the same actor returns the first result and creates nothing.
    /// </summary>
    Task<Result<QueueDetails>> CreateAsync(Actor actor, Guid businessId, QueueChanges settings, string? requestId = null, CancellationToken ct = default);

    /// <summary>Refuses to drop counters that are busy or a capacity below the tickets already open.</summary>
    Task<Result<QueueDetails>> UpdateAsync(Actor actor, Guid queueId, QueueChanges changes, CancellationToken ct = default);

    /// <summary>Deletes the queue and its history; refused while any ticket is open.</summary>
    Task<Result<QueueDetails>> DeleteAsync(Actor actor, Guid queueId, CancellationToken ct = default);

    /// <summary>Lets the account with this email operate the queue, and gives it the Staff role. Assigning twice is no error.</summary>
    Task<Result<StaffMember>> AssignStaffAsync(Actor actor, Guid queueId, string email, CancellationToken ct = default);

    Task<Result<StaffMember>> RemoveStaffAsync(Actor actor, Guid queueId, string userId, CancellationToken ct = default);
}
