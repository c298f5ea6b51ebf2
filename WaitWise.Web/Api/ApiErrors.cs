using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WaitWise.Web.Api;

internal static class ApiPaths
{
    public const string Prefix = "/api";

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);
}

/// <summary>
/// The API's safety net: every refusal reaches the client as problem details, never as the site's HTML pages
/// (not found, status code pages) or a 500. Request bodies are capped, and what the framework refuses while
/// reading a request (malformed JSON, wrong types, a route value that is no id, a body too large) is a 4xx.
/// </summary>
internal sealed class ApiErrorsMiddleware(RequestDelegate next)
{
    /// <summary>Far above any real request of this API; a larger body is refused with 413 before it is read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>When a client told the database is away should ask again: about what a standby takes to be promoted.</summary>
    private const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxRequestBodyBytes;
        }
        // A body said to be too large is refused before anything runs, whether or not the route would read it (a
        // client that sent "Expect: 100-continue" then never sends it).
        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            await ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, ApiProblems.CodeFor(StatusCodes.Status413PayloadTooLarge),
                $"A request body may have at most {MaxRequestBodyBytes / 1024} KiB.").ExecuteAsync(context);
            return;
        }
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && !context.Response.Headers.ContainsKey("Retry-After"))
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds;
            }
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Development throws what binding refuses (RouteHandlerOptions.ThrowOnBadRequest); production answers 400
            // without a body, which the check below fills in.
            context.Response.Clear();
            await ApiProblems.Problem(ex.StatusCode, ApiProblems.CodeFor(ex.StatusCode), ex.Message).ExecuteAsync(context);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && Data.Commands.DatabaseAway.Is(ex))
        {
            // A read (or a command outside the pipeline) that found no database: the client should come back shortly.
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", Data.Commands.DatabaseAway.Message).ExecuteAsync(context);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && IsNulInText(ex))
        {
            // PostgreSQL stores no NUL character in text; wherever a string carrying one reaches it (a sign-in's e-mail,
            // a name), the statement fails before anything is written, and the request was bad.
            context.Response.Clear();
            await TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["Text may not contain the NUL character (\\u0000)."] },
                extensions: new Dictionary<string, object?> { [ApiProblems.CodeKey] = "validation" }).ExecuteAsync(context);
            return;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= StatusCodes.Status400BadRequest &&
            context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            var status = context.Response.StatusCode;
            await ApiProblems.Problem(status, ApiProblems.CodeFor(status), DetailFor(status)).ExecuteAsync(context);
        }
    }

    private static bool IsNulInText(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire })
            {
                return true;
            }
        }
        return false;
    }

    private static string? DetailFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: check its JSON body, its parameters and their types.",
        StatusCodes.Status404NotFound => "There is no such API route.",
        StatusCodes.Status405MethodNotAllowed => "This route does not take that HTTP method.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
        _ => null,
    };
}

/// <summary>Adds the stable code to problem details that Identity's endpoints return without one.</summary>
internal static class ProblemCodeFilter
{
    public static async ValueTask<object?> EnsureCodeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }
        if (inner is ProblemHttpResult problem)
        {
            ApiProblems.EnsureCode(problem.ProblemDetails);
        }
        else if (inner is ValidationProblem validation)
        {
            ApiProblems.EnsureCode(validation.ProblemDetails);
        }
        return result;
    }
}
