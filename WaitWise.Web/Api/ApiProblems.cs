using Microsoft.AspNetCore.Http.HttpResults;
using WaitWise.Core.Common;

namespace WaitWise.Web.Api;

/// <summary>
/// RFC 7807 problem details for every API refusal, each with a stable <c>code</c> extension that clients switch on:
/// the Core error's code for a refused command, a code named after the status for what the framework refuses.
/// </summary>
internal static class ApiProblems
{
    public const string CodeKey = "code";

    /// <summary>
    /// 400 for bad input (with the field errors), 403, 404, 422 for a reused request key, 429 for too soon again, 503 when
    /// the database could not be reached, and 409 for every conflict with the current state.
    /// </summary>
    public static IResult From(Error error) => error.Kind switch
    {
        ErrorKind.Validation => TypedResults.ValidationProblem(
            error.Fields ?? new Dictionary<string, string[]>(), error.Message, extensions: Code(error.Code)),
        ErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, error.Code, error.Message),
        ErrorKind.Forbidden or ErrorKind.GuestsNotAllowed => Problem(StatusCodes.Status403Forbidden, error.Code, error.Message),
        ErrorKind.KeyReused => Problem(StatusCodes.Status422UnprocessableEntity, error.Code, error.Message),
        ErrorKind.TooSoon => Problem(StatusCodes.Status429TooManyRequests, error.Code, error.Message),
        ErrorKind.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, error.Code, error.Message),
        // Every other refusal (full, already in the queue, no free counter, wrong state, closed, outside hours,
        // grace over, conflict) is a conflict with the queue's current state.
        _ => Problem(StatusCodes.Status409Conflict, error.Code, error.Message),
    };

    public static ProblemHttpResult Problem(int status, string code, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, extensions: Code(code));

    /// <summary>The code for a status the framework (routing, binding, authorization, rate limiting) answers with.</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "validation",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => status >= 500 ? "server_error" : "bad_request",
    };

    /// <summary>
    /// Adds the code to a problem another component built (Identity's endpoints, the framework) when it has none.
    /// </summary>
    public static void EnsureCode(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        problem.Extensions.TryAdd(CodeKey, CodeFor(problem.Status ?? StatusCodes.Status500InternalServerError));
    }

    private static Dictionary<string, object?> Code(string code) => new() { [CodeKey] = code };
}

/// <summary>Turns a Core result into the HTTP answer: the mapped value on success, problem details otherwise.</summary>
internal static class ResultHttpExtensions
{
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value!) : ApiProblems.From(result.Error!);

    public static async Task<IResult> ToHttpAsync<T>(this Task<Result<T>> result, Func<T, IResult> onSuccess) =>
        (await result).ToHttp(onSuccess);
}
