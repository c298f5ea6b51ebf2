using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.Net.Http.Headers;
using WaitWise.Core.Common;
using WaitWise.Data.Idempotency;
using WaitWise.Web.Components;

namespace WaitWise.Web.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header on any API POST: a retry with the same key gets the first answer without acting
/// again. Endpoints whose command takes the key (<see cref="CommandKey"/>) hand it down, and the command keeps its
/// answer in its own transaction; the answers of the other POSTs (sign-up, staff assignment) are kept whole here.
/// Both live in the one store, <see cref="IdempotencyStore"/>, one row per key.
/// </summary>
internal static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 64;

    /// <summary>Endpoints whose answers are not kept (they change nothing, and their answers are secrets).</summary>
    public static object NotStoredMetadata { get; } = new NotStored();

    /// <summary>Endpoints whose command keeps its own answer for the key.</summary>
    public static object KeptByCommandMetadata { get; } = new KeptByCommand();

    /// <summary>
    /// Endpoints whose answer holds a secret (a guest ticket's key, kept nowhere else but as a hash): it is kept whole
    /// like the others, but encrypted with the app's Data Protection keys, which every node shares.
    /// </summary>
    public static object KeptSealedMetadata { get; } = new KeptSealed();

    /// <summary>The key of this request, if it sent one the endpoint honours.</summary>
    public static string? KeyOf(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.TryGetValue(Header, out var values)
            ? values.ToString()
            : null;

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    /// <summary>
    /// Names the header in the OpenAPI document for the commands that take it: their key is bound by
    /// <see cref="CommandKey"/>, which the document's generator does not describe by itself.
    /// </summary>
    public static Task DescribeHeaderAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.Contains(KeptByCommandMetadata) || metadata.Contains(KeptSealedMetadata))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retry safe: the same key gets the first answer again, without acting again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxKeyLength },
            });
        }
        return Task.CompletedTask;
    }

    private sealed class NotStored;

    private sealed class KeptByCommand;

    private sealed class KeptSealed;

    /// <summary>Checks the key, then replays the answer kept before, or runs the request and keeps its answer.</summary>
    internal sealed class Middleware(RequestDelegate next, IdempotencyStore store, IDataProtectionProvider protection)
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
            if (endpoint.Metadata.Contains(KeptByCommandMetadata))
            {
                await next(context);
                return;
            }
            await KeepWholeAsync(context, key, endpoint.Metadata.Contains(KeptSealedMetadata) ? protection.CreateProtector(SealPurpose) : null);
        }

        private const string SealPurpose = "WaitWise.Idempotency.SealedAnswers.v1";

        /// <param name="seal">Encrypts the kept answer (and decrypts it for the replay), for the answers that hold a secret.</param>
        private async Task KeepWholeAsync(HttpContext context, string key, IDataProtector? seal)
        {
            context.Request.EnableBuffering();
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            var fingerprint = Fingerprint(context.Request, body.ToArray());
            // Anonymous callers (sign-up) share no identity: only the very same request may replay an answer.
            var scope = CurrentActor.Of(context.User)?.Id ?? "anonymous:" + fingerprint[..32];
            var use = new KeyUse(scope, new RequestKey(key), IdempotencyStore.HttpCommand, "", fingerprint);

            await using var hold = await store.HoldAsync(use, context.RequestAborted);
            if (hold.InProgress)
            {
                await ApiProblems.Problem(StatusCodes.Status409Conflict, "request_in_progress",
                    "A request with this Idempotency-Key is still being handled; retry it in a moment.").ExecuteAsync(context);
                return;
            }
            if (hold.Prior is { } prior)
            {
                await AnswerPriorAsync(context, use, prior, seal);
                return;
            }
            var original = context.Response.Body;
            using var captured = new MemoryStream();
            context.Response.Body = captured;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            var response = new StoredResponse(
                context.Response.StatusCode,
                context.Response.ContentType,
                context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                Encoding.UTF8.GetString(captured.ToArray()));
            // A server error is no answer to keep: the retry runs again.
            if (response.Status < StatusCodes.Status500InternalServerError)
            {
                var kept = JsonSerializer.Serialize(response);
                // The store keeps JSON: a sealed answer is kept as a JSON string.
                await hold.KeepAsync(seal is null ? kept : JsonSerializer.Serialize(seal.Protect(kept)), CancellationToken.None);
            }
            captured.Position = 0;
            await captured.CopyToAsync(original, context.RequestAborted);
        }

        private static async Task AnswerPriorAsync(HttpContext context, KeyUse use, IdempotencyKey prior, IDataProtector? seal)
        {
            if (!use.Matches(prior))
            {
                await ApiProblems.From(IdempotencyStore.Reused()).ExecuteAsync(context);
                return;
            }
            var response = JsonSerializer.Deserialize<StoredResponse>(seal is null ? prior.Outcome : seal.Unprotect(JsonSerializer.Deserialize<string>(prior.Outcome)!))!;
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
/// The request key an endpoint hands to its command: bound from the <c>Idempotency-Key</c> header (checked by the
/// middleware), and marking its endpoint as one whose command keeps the answer. A replayed answer says so in the
/// <c>Idempotent-Replayed</c> header.
/// </summary>
internal sealed class CommandKey : IEndpointParameterMetadataProvider
{
    private CommandKey(RequestKey? key) => Key = key;

    public RequestKey? Key { get; }

    public static ValueTask<CommandKey> BindAsync(HttpContext context)
    {
        var key = Idempotency.KeyOf(context) is { } value ? new RequestKey(value) : null;
        if (key is not null)
        {
            context.Response.OnStarting(() =>
            {
                if (key.Replayed)
                {
                    context.Response.Headers[Idempotency.ReplayedHeader] = "true";
                }
                return Task.CompletedTask;
            });
        }
        return ValueTask.FromResult(new CommandKey(key));
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(Idempotency.KeptByCommandMetadata);
}
