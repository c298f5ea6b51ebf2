using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using WaitWise.Data;
using WaitWise.Data.Identity;
using WaitWise.Web.Components.Account;

namespace WaitWise.Web.Api;

/// <summary>
/// Sign-in for API clients: Identity's bearer tokens beside the site's cookie. The default scheme is a policy
/// scheme that reads the Authorization header, so every endpoint, page or API, knows the caller either way.
/// </summary>
public static class ApiAuthentication
{
    public const string CookieOrBearer = "CookieOrBearer";

    internal static void AddApiAuthentication(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), services).AddApiEndpoints();
        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddPolicyScheme(CookieOrBearer, "Identity cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
    }

    /// <summary>
    /// Identity's register, login and refresh under /api/v1/auth. Registration goes through
    /// <see cref="CustomerRegistration"/>, as on the Register page, so an API sign-up is a Customer too.
    /// </summary>
    internal static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").RequireRateLimiting(ApiRateLimits.AuthPolicy);
        auth.MapIdentityApi<ApplicationUser>()
            .AddEndpointFilter(async (context, next) => context.Arguments.FirstOrDefault(a => a is RegisterRequest or TwoFactorRequest) switch
            {
                RegisterRequest registration => await RegisterCustomerAsync(context.HttpContext, registration),
                // The site's sign-in asks for no second factor, so switching one on here would lock the account out of it.
                TwoFactorRequest => ApiProblems.Problem(StatusCodes.Status404NotFound, "not_found", "Two-factor sign-in is not offered."),
                _ => await next(context),
            })
            .Add(endpoint =>
            {
                // Each login or refresh hands out fresh tokens and changes nothing else; keeping the first answer
                // for replay would store live tokens in the database.
                if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } &&
                    (route.EndsWith("/login", StringComparison.Ordinal) || route.EndsWith("/refresh", StringComparison.Ordinal)))
                {
                    endpoint.Metadata.Add(Idempotency.NotStoredMetadata);
                }
            });
    }

    /// <summary>The caller's own account: closing it (see <see cref="AccountClosure"/>).</summary>
    internal static void MapAccountEndpoints(this RouteGroupBuilder api) =>
        api.MapDelete("/account", async ([FromBody] CloseAccountRequest? body, ClaimsPrincipal user, AccountClosure closure, IMemoryCache cache, CancellationToken ct) =>
            {
                var me = QueueEndpoints.Me(user).Id;
                var closed = await closure.CloseAsync(me, body?.Password, ct);
                BearerRevalidation.Forget(cache, me);
                return closed.ToHttp(_ => TypedResults.NoContent());
            })
            .RequireAuthorization()
            .WithTags("Auth")
            .WithSummary("Closes your account: your open tickets are cancelled, your personal data removed, your tokens stop working")
            .Produces(StatusCodes.Status204NoContent);

    private static async Task<IResult> RegisterCustomerAsync(HttpContext context, RegisterRequest registration)
    {
        var users = context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        var email = registration.Email;
        if (string.IsNullOrEmpty(email) || email.Length > ApplicationUser.EmailMaxLength || !new EmailAddressAttribute().IsValid(email))
        {
            return Refused(IdentityResult.Failed(users.ErrorDescriber.InvalidEmail(email)));
        }
        var db = context.RequestServices.GetRequiredService<WaitWiseDbContext>();
        var result = await users.RegisterCustomerAsync(db, new ApplicationUser { UserName = email, Email = email }, registration.Password);
        return result.Succeeded ? TypedResults.Ok() : Refused(result);
    }

    /// <summary>Identity's own answer to a refused sign-up: its errors keyed by their code.</summary>
    private static IResult Refused(IdentityResult result) =>
        TypedResults.ValidationProblem(
            result.Errors.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()),
            extensions: new Dictionary<string, object?> { [ApiProblems.CodeKey] = "validation" });
}

/// <summary>The password that confirms closing the account (none for an account without one).</summary>
public sealed record CloseAccountRequest(string? Password);

/// <summary>
/// API callers get 401 and 403 as problem details; the site's pages keep the cookie's redirects to sign-in.
/// </summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _pages = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!ApiPaths.IsApi(context) || authorizeResult.Succeeded)
        {
            await _pages.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            await ApiProblems.Problem(StatusCodes.Status401Unauthorized, "unauthorized",
                "Sign in first: send \"Authorization: Bearer <accessToken>\" from POST /api/v1/auth/login.").ExecuteAsync(context);
            return;
        }
        await ApiProblems.Problem(StatusCodes.Status403Forbidden, "forbidden", "Your account may not do this.").ExecuteAsync(context);
    }
}
