using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Core.Businesses;

/// <summary>
/// An owner's commands on their businesses. Every method checks in the database that the actor owns the
/// business; an owner of one business learns nothing of another (it is "not found" or "forbidden", never data).
/// </summary>
public interface IBusinessAdmin
{
    /// <summary>
    /// A new business, Pending until a platform admin approves it. Any signed-in account may start one; the creator
    /// becomes its owner and gets the Owner role in the same transaction.
    /// </summary>
    Task<Result<BusinessDetails>> CreateAsync(Actor actor, BusinessSettings settings, CancellationToken ct = default);

    /// <summary>Renames or moves the business to another time zone. A rejected business goes back to Pending: the owner resubmits it.</summary>
    Task<Result<BusinessDetails>> UpdateAsync(Actor actor, Guid businessId, BusinessSettings settings, CancellationToken ct = default);

    /// <summary>The actor's own businesses, in any status.</summary>
    Task<IReadOnlyList<BusinessDetails>> ListMineAsync(Actor actor, CancellationToken ct = default);

    /// <summary>One of the actor's own businesses with its queues.</summary>
    Task<Result<OwnedBusiness>> GetAsync(Actor actor, Guid businessId, CancellationToken ct = default);
}

public sealed record OwnedBusiness(BusinessDetails Business, IReadOnlyList<QueueDetails> Queues);
