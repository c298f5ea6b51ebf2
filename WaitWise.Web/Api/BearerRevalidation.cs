using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WaitWise.Data;
using WaitWise.Data.Identity;

namespace WaitWise.Web.Api;

/// <summary>
/// A bearer token is data the app protected at sign-in; nothing in it changes when the account does. So each request
/// with one is checked against the account as it is now: the account still there and open, its security stamp the
/// token's (a password change or a closed account changes it), not locked out, and the token's API session (see
/// <see cref="ApiSessions"/>) not revoked by a logout or a reused refresh token. What the database says is kept for
/// <see cref="Freshness"/> per node, so a token stops working within that time everywhere, and at once on the node
/// that closed the account or signed the caller out (<see cref="Forget"/>, <see cref="ForgetSession"/>). A token that
/// fails is treated as no token: the caller is anonymous.
/// </summary>
internal sealed class BearerRevalidation(
    RequestDelegate next, IMemoryCache cache, IDbContextFactory<WaitWiseDbContext> factory, ApiSessions sessions,
    IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private sealed record Account(string? Stamp, DateTimeOffset? LockoutEnd);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true &&
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
            !await StillValidAsync(context.User, context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    }

    /// <summary>Drops what this node holds about the account, so its next request reads the database again.</summary>
    public static void Forget(IMemoryCache cache, string userId) => cache.Remove(Key(userId));

    /// <summary>Drops what this node holds about the API session, so its next request reads the database again.</summary>
    public static void ForgetSession(IMemoryCache cache, Guid sessionId) => cache.Remove(SessionKey(sessionId));

    private async Task<bool> StillValidAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (user.FindFirstValue(claims.UserIdClaimType) is not { } id)
        {
            return false;
        }
        var account = await cache.GetOrCreateAsync(Key(id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Freshness;
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.Users.Where(u => u.Id == id && u.ClosedAt == null)
                .Select(u => new Account(u.SecurityStamp, u.LockoutEnd)).SingleOrDefaultAsync(ct);
        });
        if (account is null || account.Stamp != user.FindFirstValue(claims.SecurityStampClaimType) || account.LockoutEnd > clock.GetUtcNow())
        {
            return false;
        }
        return ApiAuthentication.SessionOf(user) is not { } session ||
               await cache.GetOrCreateAsync(SessionKey(session.SessionId), entry =>
               {
                   entry.AbsoluteExpirationRelativeToNow = Freshness;
                   return sessions.IsLiveAsync(session.SessionId, ct);
               });
    }

    private static string Key(string userId) => "bearer-account:" + userId;

    private static string SessionKey(Guid sessionId) => "bearer-session:" + sessionId;
}
