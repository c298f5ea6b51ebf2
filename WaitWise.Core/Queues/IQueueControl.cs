using WaitWise.Core.Auth;
using WaitWise.Core.Common;

namespace WaitWise.Core.Queues;

/// <summary>
/// The owner's commands on a queue's own state (<see cref="QueueTransitions"/>): open, pause, lock and close. Each is
/// one transaction on the locked queue row, recorded in the queue's status history; a pair not in the table is refused.
/// </summary>
public interface IQueueControl
{
    /// <summary>Opens the queue; outside its opening hours, opens it by hand until the next scheduled opening.</summary>
    Task<Result<QueueStatus>> OpenAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>Joins go on, calling stops.</summary>
    Task<Result<QueueStatus>> PauseAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>No new joins; serving goes on.</summary>
    Task<Result<QueueStatus>> LockAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);

    /// <summary>End of day: no joins, no calls.</summary>
    Task<Result<QueueStatus>> CloseAsync(Actor actor, Guid queueId, RequestKey? key = null, CancellationToken ct = default);
}
