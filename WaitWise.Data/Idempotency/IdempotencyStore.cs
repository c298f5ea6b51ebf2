using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WaitWise.Core.Common;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Idempotency;

/// <summary>What a request key is used for: a repeat must be the same command on the same target with the same request.</summary>
public sealed record KeyUse(string Scope, RequestKey Key, string Command, string Target, string Request)
{
    public bool Matches(IdempotencyKey row) => row.Command == Command && row.Target == Target && row.Request == Request;

    /// <summary>The row that keeps this use of the key and its answer.</summary>
    public IdempotencyKey Row(string outcome, DateTimeOffset now) => new()
    {
        Scope = Scope,
        Key = Key.Value,
        Command = Command,
        Target = Target,
        Request = Request,
        Outcome = outcome,
        CreatedAt = now,
    };

    /// <summary>A request's details as a short, fixed-length value to compare a repeat with.</summary>
    public static string Fingerprint<T>(T details) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(details)));
}

/// <summary>
/// The one store of request keys, for the command pipeline and the API alike. A command records its key in its own
/// transaction (<see cref="Record{T}"/>), so the key exists exactly when the command's effect does: a process that
/// dies mid-command leaves neither, and a retry runs it afresh. The API's requests that no command records (sign-up,
/// staff assignment) hold the key while they run and keep their HTTP answer when done (<see cref="HoldAsync"/>).
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock)
{
    public const string HttpCommand = "HTTP";

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
        if (!use.Matches(prior))
        {
            return Reused();
        }
        use.Key.Replayed = true;
        return JsonSerializer.Deserialize<StoredOutcome<T>>(prior.Outcome)!.ToResult();
    }

    /// <summary>Adds the key and the command's answer to the command's transaction.</summary>
    public static void Record<T>(WaitWiseDbContext db, KeyUse use, Result<T> outcome, DateTimeOffset now) =>
        db.IdempotencyKeys.Add(use.Row(JsonSerializer.Serialize(StoredOutcome<T>.Of(outcome)), now));

    /// <summary>
    /// Takes the key for an HTTP request kept whole. The hold is a transaction holding an advisory lock on the key:
    /// while the attempt lives, a twin is told it is in progress; when its process dies, PostgreSQL ends the
    /// transaction and a retry runs at once. The answer is written and the lock let go in one commit
    /// (<see cref="KeyHold.KeepAsync"/>).
    /// </summary>
    public async Task<KeyHold> HoldAsync(KeyUse use, CancellationToken ct)
    {
        var db = await HoldContextAsync(ct);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            var held = await db.Database.SqlQuery<bool>(
                $"SELECT pg_try_advisory_xact_lock(hashtextextended({use.Scope + "\n" + use.Key.Value}, 0)) AS \"Value\"").SingleAsync(ct);
            var prior = held
                ? await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Scope == use.Scope && k.Key == use.Key.Value, ct)
                : null;
            return new KeyHold(db, transaction, use, clock, held ? prior : null, inProgress: !held);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection pool of the holds' own: a hold keeps its connection while the request runs on another, so sharing
    /// one pool, enough held requests at once would leave their own work no connection to run on.
    /// </summary>
    private readonly SeparatePool _holds = new(factory, "WaitWise request-key holds");

    private Task<WaitWiseDbContext> HoldContextAsync(CancellationToken ct) => _holds.CreateAsync(ct);

    /// <summary>Deletes up to <paramref name="batch"/> keys created before <paramref name="before"/>, oldest first; how many went.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.IdempotencyKeys.Where(k => k.CreatedAt < before).OrderBy(k => k.CreatedAt).Take(batch).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// An HTTP request's hold on its key: the answer kept before (<see cref="Prior"/>), a live attempt elsewhere
/// (<see cref="InProgress"/>), or the key free for this attempt, which keeps its answer with <see cref="KeepAsync"/>.
/// Disposing it without keeping lets the key go.
/// </summary>
public sealed class KeyHold(
    WaitWiseDbContext db, IDbContextTransaction transaction, KeyUse use, TimeProvider clock, IdempotencyKey? prior, bool inProgress)
    : IAsyncDisposable
{
    public IdempotencyKey? Prior { get; } = prior;
    public bool InProgress { get; } = inProgress;

    public async Task KeepAsync(string outcome, CancellationToken ct)
    {
        db.IdempotencyKeys.Add(use.Row(outcome, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await db.DisposeAsync();
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
