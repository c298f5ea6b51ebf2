using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Common;

namespace WaitWise.Data.Idempotency;

/// <summary>What a request key is used for: a repeat must be the same command on the same target with the same request.</summary>
public sealed record KeyUse(string Scope, RequestKey Key, string Command, string Target, string Request)
{
    public bool Matches(IdempotencyKey row) => row.Command == Command && row.Target == Target && row.Request == Request;

    /// <summary>A request's details as a short, fixed-length value to compare a repeat with.</summary>
    public static string Fingerprint<T>(T details) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(details)));
}

/// <summary>
/// The one store of request keys, for the command pipeline and the API alike. A command records its key in its own
/// transaction (<see cref="Record{T}"/>), so the key exists exactly when the command's effect does: a process that
/// dies mid-command leaves neither, and a retry runs it afresh. The API's requests that no command records (sign-up,
/// staff assignment) reserve the key first and complete it with the HTTP answer (<see cref="ReserveAsync"/>).
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock)
{
    public const string HttpCommand = "HTTP";

    /// <summary>A reservation older than this belongs to a request that died with its server; a retry takes it over.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Why a key cannot be used, or null when it can.</summary>
    public static Error? Invalid(RequestKey key) =>
        key.Value.Length is 0 or > RequestKey.MaxLength
            ? Error.Invalid($"A request key must have 1 to {RequestKey.MaxLength} characters.")
            : null;

    public static Error Reused() =>
        new(ErrorKind.KeyReused, "This request key was already used for a different request.");

    /// <summary>The answer kept for this key (marking it replayed), a refusal if the key was used otherwise, or null when it is new.</summary>
    public static async Task<Result<T>?> ReplayAsync<T>(WaitWiseDbContext db, KeyUse use, CancellationToken ct)
    {
        var prior = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Scope == use.Scope && k.Key == use.Key.Value, ct);
        if (prior is null)
        {
            return null;
        }
        if (!use.Matches(prior) || prior.Outcome is null)
        {
            return Reused();
        }
        use.Key.Replayed = true;
        return JsonSerializer.Deserialize<StoredOutcome<T>>(prior.Outcome)!.ToResult();
    }

    /// <summary>Adds the key and the command's answer to the command's transaction.</summary>
    public static void Record<T>(WaitWiseDbContext db, KeyUse use, Result<T> outcome, DateTimeOffset now) =>
        db.IdempotencyKeys.Add(new IdempotencyKey
        {
            Scope = use.Scope,
            Key = use.Key.Value,
            Command = use.Command,
            Target = use.Target,
            Request = use.Request,
            Outcome = JsonSerializer.Serialize(StoredOutcome<T>.Of(outcome)),
            CreatedAt = now,
        });

    /// <summary>Reserves the key for an HTTP request kept whole; the kept row when it was there already.</summary>
    public async Task<IdempotencyKey?> ReserveAsync(KeyUse use, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IdempotencyKeys" ("Scope", "Key", "Command", "Target", "Request", "CreatedAt")
            VALUES ({use.Scope}, {use.Key.Value}, {use.Command}, {use.Target}, {use.Request}, {now}) ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 1)
        {
            return null;
        }
        var prior = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Scope == use.Scope && k.Key == use.Key.Value, ct);
        if (prior is null)
        {
            // Abandoned between our insert and our read: the key is free again.
            return await ReserveAsync(use, ct);
        }
        if (prior.Outcome is not null || !use.Matches(prior) || now - prior.CreatedAt < Lease)
        {
            return prior;
        }
        var takenOver = await db.IdempotencyKeys
            .Where(k => k.Scope == use.Scope && k.Key == use.Key.Value && k.CreatedAt == prior.CreatedAt && k.Outcome == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.CreatedAt, now), ct);
        return takenOver == 1 ? null : prior;
    }

    public async Task CompleteAsync(KeyUse use, string outcome, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.IdempotencyKeys.Where(k => k.Scope == use.Scope && k.Key == use.Key.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.Outcome, outcome), ct);
    }

    public async Task AbandonAsync(KeyUse use, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.IdempotencyKeys.Where(k => k.Scope == use.Scope && k.Key == use.Key.Value && k.Outcome == null).ExecuteDeleteAsync(ct);
    }

    /// <summary>Deletes up to <paramref name="batch"/> keys created before <paramref name="before"/>, oldest first; how many went.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.IdempotencyKeys.Where(k => k.CreatedAt < before).OrderBy(k => k.CreatedAt).Take(batch).ExecuteDeleteAsync(ct);
    }
}

/// <summary>A command's answer as kept: its value, or the refusal.</summary>
internal sealed record StoredOutcome<T>(T? Value, ErrorKind? Refused, string? Message, IReadOnlyDictionary<string, string[]>? Fields)
{
    public static StoredOutcome<T> Of(Result<T> result) => result.IsSuccess
        ? new StoredOutcome<T>(result.Value, null, null, null)
        : new StoredOutcome<T>(default, result.Error!.Kind, result.Error.Message, result.Error.Fields);

    public Result<T> ToResult() => Refused is { } kind ? new Error(kind, Message!) { Fields = Fields } : Value!;
}
