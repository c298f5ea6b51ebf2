using WaitWise.Core.Auth;

namespace WaitWise.Core.Queues;

/// <summary>The queues a person may run from the staff console.</summary>
public interface IOperatedQueues
{
    /// <summary>
    /// Queues the actor is assigned to in QueueStaff, and every queue of the businesses they own (SPEC.md
    /// "Authorisation"), by business and then queue name. Empty for everyone else, the system included.
    /// </summary>
    Task<IReadOnlyList<OperatedQueue>> ListAsync(Actor actor, CancellationToken ct = default);
}

/// <summary>A queue as the console picks it: enough to choose it and a counter in it.</summary>
public sealed record OperatedQueue(
    Guid Id,
    string Name,
    Guid BusinessId,
    string BusinessName,
    int ServiceSlots,
    bool AutoCall,
    QueueStatus Status,
    bool IsOwner);
