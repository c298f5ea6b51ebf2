using Microsoft.EntityFrameworkCore;

namespace WaitWise.Data.Identity;

/// <summary>A session's place in its family: which session, and the generation a token of it was issued for.</summary>
public sealed record SessionGeneration(Guid SessionId, int Generation);

/// <summary>The store of API sign-ins (<see cref="ApiSession"/>): started at login, rotated at refresh, revoked at logout.</summary>
public sealed class ApiSessions(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock)
{
    public async Task<SessionGeneration> StartAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = new ApiSession { Id = Guid.CreateVersion7(now), UserId = userId, Generation = 1, CreatedAt = now, RefreshedAt = now };
        db.ApiSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return new SessionGeneration(session.Id, session.Generation);
    }

    /// <summary>
    /// Spends the refresh token of <paramref name="spent"/>: the next generation when it was the current one; null when
    /// the session is revoked or the token was spent before, in which case the whole session is revoked now.
    /// </summary>
    public async Task<SessionGeneration?> RotateAsync(SessionGeneration spent, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var next = await db.Database.SqlQuery<int>($"""
            UPDATE "ApiSessions" SET "Generation" = "Generation" + 1, "RefreshedAt" = {now}
            WHERE "Id" = {spent.SessionId} AND "UserId" = {userId} AND "Generation" = {spent.Generation} AND "RevokedAt" IS NULL
            RETURNING "Generation" AS "Value"
            """).ToListAsync(ct);
        if (next.Count == 1)
        {
            return spent with { Generation = next[0] };
        }
        await db.ApiSessions.Where(s => s.Id == spent.SessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
        return null;
    }

    /// <summary>Revokes every open session of the account; the ids revoked.</summary>
    public async Task<IReadOnlyList<Guid>> RevokeAllAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE "ApiSessions" SET "RevokedAt" = {now} WHERE "UserId" = {userId} AND "RevokedAt" IS NULL RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
    }

    public async Task<bool> IsLiveAsync(Guid sessionId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ApiSessions.AnyAsync(s => s.Id == sessionId && s.RevokedAt == null, ct);
    }
}
