using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using WaitWise.Data;
using WaitWise.Web.Components;

namespace WaitWise.Web.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header on any API POST: the first response (status, body, Location) is kept and every
/// retry with the same key gets it back without running the endpoint again. The commands the Core services run also
/// receive the key as their request id, so their effect happens once even if this layer's record were lost.
/// </summary>
internal static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 64;

    /// <summary>Endpoints whose answers are not kept (they change nothing, and their answers are secrets).</summary>
    public static object NotStoredMetadata { get; } = new NotStored();

    /// <summary>The key of this request, if it sent one the endpoint honours.</summary>
    public static string? KeyOf(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.TryGetValue(Header, out var values)
            ? values.ToString()
            : null;

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    private sealed class NotStored;

    /// <summary>Reserves the key, runs the request and keeps its answer, or replays the answer kept before.</summary>
    internal sealed class Middleware(RequestDelegate next, IdempotencyStore store)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (KeyOf(context) is not { } key || context.GetEndpoint() is not { } endpoint ||
                endpoint.Metadata.Contains(NotStoredMetadata))
            {
                await next(context);
                return;
            }
            if (!IsValidKey(key))
            {
                await TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [Header] = [$"An idempotency key has 1 to {MaxKeyLength} visible ASCII characters."] },
                    extensions: new Dictionary<string, object?> { [ApiProblems.CodeKey] = "validation" }).ExecuteAsync(context);
                return;
            }
            context.Request.EnableBuffering();
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            var fingerprint = Fingerprint(context.Request, body.ToArray());
            // Anonymous callers (sign-up) share no identity: only the very same request may replay an answer.
            var scope = CurrentActor.Of(context.User)?.Id ?? "anonymous:" + fingerprint[..32];

            var begun = await store.BeginAsync(scope, key, fingerprint, context.RequestAborted);
            switch (begun)
            {
                case IdempotencyStore.Begin.Replay replay:
                    await WriteAsync(context, replay.Response);
                    return;
                case IdempotencyStore.Begin.InProgress:
                    await ApiProblems.Problem(StatusCodes.Status409Conflict, "request_in_progress",
                        "A request with this Idempotency-Key is still being handled; retry it in a moment.").ExecuteAsync(context);
                    return;
                case IdempotencyStore.Begin.Mismatch:
                    await ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                        "This Idempotency-Key was already used for a different request.").ExecuteAsync(context);
                    return;
            }

            var original = context.Response.Body;
            using var captured = new MemoryStream();
            context.Response.Body = captured;
            try
            {
                await next(context);
            }
            catch
            {
                context.Response.Body = original;
                await store.AbandonAsync(scope, key, CancellationToken.None);
                throw;
            }
            context.Response.Body = original;
            var response = new StoredResponse(
                context.Response.StatusCode,
                context.Response.ContentType,
                context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                Encoding.UTF8.GetString(captured.ToArray()));
            if (response.Status >= StatusCodes.Status500InternalServerError)
            {
                await store.AbandonAsync(scope, key, CancellationToken.None);
            }
            else
            {
                await store.CompleteAsync(scope, key, fingerprint, response, CancellationToken.None);
            }
            captured.Position = 0;
            await captured.CopyToAsync(original, context.RequestAborted);
        }

        private static async Task WriteAsync(HttpContext context, StoredResponse response)
        {
            context.Response.StatusCode = response.Status;
            context.Response.Headers[ReplayedHeader] = "true";
            if (response.ContentType is not null)
            {
                context.Response.ContentType = response.ContentType;
            }
            if (response.Location is not null)
            {
                context.Response.Headers[HeaderNames.Location] = response.Location;
            }
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }

        private static string Fingerprint(HttpRequest request, byte[] body)
        {
            var head = Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n");
            return Convert.ToHexStringLower(SHA256.HashData([.. head, .. body]));
        }
    }
}

internal sealed record StoredResponse(int Status, string? ContentType, string? Location, string Body);

/// <summary>
/// Kept answers in the CommandRequests table (no table of its own): actor, "http:" + key, and the answer as JSON.
/// The row is inserted as a reservation before the request runs, so of two simultaneous twins only one runs.
/// </summary>
internal sealed class IdempotencyStore(IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock)
{
    private const string Command = "HttpResponse";
    private const string KeyPrefix = "http:";

    /// <summary>A reservation older than this belongs to a request that died with its server; a retry takes it over.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    internal abstract record Begin
    {
        public sealed record Started : Begin;
        public sealed record Replay(StoredResponse Response) : Begin;
        public sealed record InProgress : Begin;
        public sealed record Mismatch : Begin;
    }

    private sealed record Record(string Fingerprint, StoredResponse? Response);

    public async Task<Begin> BeginAsync(string actorId, string key, string fingerprint, CancellationToken ct)
    {
        var requestId = KeyPrefix + key;
        var now = clock.GetUtcNow();
        var pending = JsonSerializer.Serialize(new Record(fingerprint, null));
        await using var db = await factory.CreateDbContextAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "CommandRequests" ("ActorId", "RequestId", "Command", "ResultJson", "CreatedAt")
            VALUES ({actorId}, {requestId}, {Command}, {pending}::jsonb, {now}) ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 1)
        {
            return new Begin.Started();
        }
        var prior = await db.CommandRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ActorId == actorId && r.RequestId == requestId, ct);
        if (prior is null)
        {
            // Abandoned between our insert and our read: the key is free again.
            return await BeginAsync(actorId, key, fingerprint, ct);
        }
        var record = prior.Command == Command ? JsonSerializer.Deserialize<Record>(prior.ResultJson) : null;
        if (record is null || record.Fingerprint != fingerprint)
        {
            return new Begin.Mismatch();
        }
        if (record.Response is { } response)
        {
            return new Begin.Replay(response);
        }
        if (now - prior.CreatedAt < Lease)
        {
            return new Begin.InProgress();
        }
        var takenOver = await db.CommandRequests
            .Where(r => r.ActorId == actorId && r.RequestId == requestId && r.CreatedAt == prior.CreatedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), ct);
        return takenOver == 1 ? new Begin.Started() : new Begin.InProgress();
    }

    public async Task CompleteAsync(string actorId, string key, string fingerprint, StoredResponse response, CancellationToken ct)
    {
        var requestId = KeyPrefix + key;
        var json = JsonSerializer.Serialize(new Record(fingerprint, response));
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "CommandRequests" SET "ResultJson" = {json}::jsonb WHERE "ActorId" = {actorId} AND "RequestId" = {requestId}
            """, ct);
    }

    public async Task AbandonAsync(string actorId, string key, CancellationToken ct)
    {
        var requestId = KeyPrefix + key;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.CommandRequests.Where(r => r.ActorId == actorId && r.RequestId == requestId).ExecuteDeleteAsync(ct);
    }
}
