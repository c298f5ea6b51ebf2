using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Data.Businesses;

namespace WaitWise.Data.Health;

/// <summary>
/// The invariant check for the admin health page: the Admin role is asked of the database on every check, as the
/// business review does, so a sign-in whose role was taken away sees nothing.
/// </summary>
public sealed class HealthReview(InvariantChecker checker, IDbContextFactory<WaitWiseDbContext> factory, ILookupNormalizer normalizer)
{
    public async Task<Result<IReadOnlyList<InvariantViolation>>> CheckAsync(Actor actor, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (actor.IsSystem || !await BusinessRows.HasRoleAsync(db, actor, normalizer.NormalizeName(Roles.Admin), ct))
            {
                return Error.Forbidden("Only a platform admin can check the queues' health.");
            }
        }
        return Result<IReadOnlyList<InvariantViolation>>.Ok(await checker.CheckAsync(ct));
    }
}
