using WaitWise.Core.Auth;
using WaitWise.Core.Common;

namespace WaitWise.Core.Businesses;

/// <summary>
/// The platform admin's review of businesses. Every method checks in the database (AspNetUserRoles) that the actor
/// holds the Admin role at the time of the call, not only that their sign-in cookie said so.
/// </summary>
public interface IPlatformAdmin
{
    /// <summary>Businesses of one status (all when null), newest first.</summary>
    Task<Result<IReadOnlyList<BusinessDetails>>> ListAsync(Actor actor, BusinessStatus? status, CancellationToken ct = default);

    /// <summary>Pending, rejected or suspended → Approved: its queues go public.</summary>
    Task<Result<BusinessDetails>> ApproveAsync(Actor actor, Guid businessId, CancellationToken ct = default);

    /// <summary>Pending → Rejected.</summary>
    Task<Result<BusinessDetails>> RejectAsync(Actor actor, Guid businessId, CancellationToken ct = default);

    /// <summary>Approved → Suspended: its queues leave the public listing and refuse joins.</summary>
    Task<Result<BusinessDetails>> SuspendAsync(Actor actor, Guid businessId, CancellationToken ct = default);
}

/// <summary>Which review moves a business may make; anything else is refused with a reason.</summary>
public static class BusinessReview
{
    public static IReadOnlyList<BusinessStatus> AllowedFrom(BusinessStatus to) => to switch
    {
        BusinessStatus.Approved => [BusinessStatus.Pending, BusinessStatus.Rejected, BusinessStatus.Suspended],
        BusinessStatus.Rejected => [BusinessStatus.Pending],
        BusinessStatus.Suspended => [BusinessStatus.Approved],
        _ => [],
    };

    public static bool CanMove(BusinessStatus from, BusinessStatus to) => AllowedFrom(to).Contains(from);
}
