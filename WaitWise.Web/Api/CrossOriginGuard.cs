using Microsoft.Net.Http.Headers;

namespace WaitWise.Web.Api;

/// <summary>
/// Refuses an API request that changes something (any method but GET, HEAD, OPTIONS) when a browser sent it from another
/// site and it does not carry a bearer token: such a request rides the site's sign-in cookie, which SameSite=Lax lets
/// through from a sibling subdomain. The browser says where a request comes from in <c>Sec-Fetch-Site</c>, or else
/// <c>Origin</c>; a client that sends neither is no browser and carries no cookie it did not set itself.
/// </summary>
internal sealed class CrossOriginGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) ||
            request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ||
            FromThisSite(request))
        {
            await next(context);
            return;
        }
        await ApiProblems.Problem(StatusCodes.Status403Forbidden, "cross_origin",
            "A request from another site may not act with this site's sign-in; API clients send \"Authorization: Bearer <accessToken>\".")
            .ExecuteAsync(context);
    }

    public static bool FromThisSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }
        var origin = request.Headers[HeaderNames.Origin].ToString();
        return origin.Length == 0 || (Uri.TryCreate(origin, UriKind.Absolute, out var from) &&
            string.Equals(from.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) &&
            (request.Host.Port ?? (from.IsDefaultPort ? from.Port : -1)) == from.Port);
    }
}
