using WaitWise.Web.Languages;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
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
            .AddEndpointFilter(async (context, next) => context.Arguments.FirstOrDefault(
                    a => a is RegisterRequest or TwoFactorRequest or LoginRequest or RefreshRequest or ForgotPasswordRequest or ResendConfirmationEmailRequest) switch
            {
                // Identity answers these alike for any address (so as not to tell who has an account); one that is no
                // address at all is still a bad request.
                ForgotPasswordRequest { Email: var email } when !IsEmail(email) => InvalidEmail(email),
                ResendConfirmationEmailRequest { Email: var email } when !IsEmail(email) => InvalidEmail(email),
                RegisterRequest registration => await RegisterCustomerAsync(context.HttpContext, registration),
                LoginRequest login when !WantsCookies(context.HttpContext.Request) => await BearerLoginAsync(context.HttpContext, login),
                RefreshRequest refresh => await RefreshAsync(context.HttpContext, refresh),
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

    /// <summary>The claims that tie a bearer token to its API session and generation (<see cref="ApiSessions"/>).</summary>
    internal const string SessionClaim = "waitwise:session";
    internal const string GenerationClaim = "waitwise:generation";

    /// <summary>A bearer token's session, or null for a token without one (none is issued since sessions exist).</summary>
    internal static SessionGeneration? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionClaim), out var id) &&
        int.TryParse(principal.FindFirstValue(GenerationClaim), CultureInfo.InvariantCulture, out var generation)
            ? new SessionGeneration(id, generation)
            : null;

    private static bool WantsCookies(HttpRequest request) =>
        (bool.TryParse(request.Query["useCookies"], out var cookies) && cookies) ||
        (bool.TryParse(request.Query["useSessionCookies"], out var session) && session);

    /// <summary>
    /// Identity's bearer login (the password checked with lockout, as its endpoint does), the tokens it hands out tied to
    /// a new API session.
    /// </summary>
    private static async Task<IResult> BearerLoginAsync(HttpContext context, LoginRequest login)
    {
        var signIn = context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
        var user = await signIn.UserManager.FindByNameAsync(login.Email);
        var checkedPassword = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, login.Password, lockoutOnFailure: true);
        if (!checkedPassword.Succeeded)
        {
            return TypedResults.Problem(checkedPassword.ToString(), statusCode: StatusCodes.Status401Unauthorized);
        }
        var session = await context.RequestServices.GetRequiredService<ApiSessions>().StartAsync(user!.Id, context.RequestAborted);
        return await SignInAsync(signIn, user, session);
    }

    /// <summary>
    /// Identity's refresh (the token unprotected, unexpired, its security stamp still the account's), and rotation: the
    /// token's generation must be its session's current one, and spending it moves the session on. A spent token that
    /// comes back revokes its session, so whoever holds the newer tokens is signed out too.
    /// </summary>
    private static async Task<IResult> RefreshAsync(HttpContext context, RefreshRequest refresh)
    {
        var services = context.RequestServices;
        var signIn = services.GetRequiredService<SignInManager<ApplicationUser>>();
        var protector = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(refresh.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || services.GetRequiredService<TimeProvider>().GetUtcNow() >= expires ||
            SessionOf(ticket.Principal) is not { } spent ||
            await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user ||
            await services.GetRequiredService<ApiSessions>().RotateAsync(spent, user.Id, context.RequestAborted) is not { } next)
        {
            if (ticket is not null && SessionOf(ticket.Principal) is { } session)
            {
                BearerRevalidation.ForgetSession(services.GetRequiredService<IMemoryCache>(), session.SessionId);
            }
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "unauthorized",
                "This refresh token is not valid (expired, used before, or signed out): sign in again.");
        }
        return await SignInAsync(signIn, user, next);
    }

    private static async Task<IResult> SignInAsync(SignInManager<ApplicationUser> signIn, ApplicationUser user, SessionGeneration session)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(
        [
            new Claim(SessionClaim, session.SessionId.ToString()),
            new Claim(GenerationClaim, session.Generation.ToString(CultureInfo.InvariantCulture)),
        ]);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Signing out: every API session of the caller is revoked (their tokens stop working), and the site's cookie is cleared.</summary>
    internal static void MapLogoutEndpoint(this RouteGroupBuilder api) =>
        api.MapPost("/auth/logout", async (ClaimsPrincipal user, ApiSessions sessions, IMemoryCache cache, HttpContext context) =>
            {
                foreach (var session in await sessions.RevokeAllAsync(QueueEndpoints.Me(user).Id, context.RequestAborted))
                {
                    BearerRevalidation.ForgetSession(cache, session);
                }
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithTags("Auth")
            .WithSummary("Signs out: revokes all your API sessions (their access and refresh tokens) and clears the site's cookie")
            .Produces(StatusCodes.Status204NoContent);

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
            // The password is checked here too: as many tries as sign-in allows, no more.
            .RequireRateLimiting(ApiRateLimits.AuthPolicy)
            .WithTags("Auth")
            .WithSummary("Closes your account: your open tickets are cancelled, your personal data removed, your tokens stop working")
            .Produces(StatusCodes.Status204NoContent);

    private static async Task<IResult> RegisterCustomerAsync(HttpContext context, RegisterRequest registration)
    {
        var users = context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        var email = registration.Email;
        if (!IsEmail(email))
        {
            return InvalidEmail(email);
        }
        var db = context.RequestServices.GetRequiredService<WaitWiseDbContext>();
        var result = await users.RegisterCustomerAsync(db, new ApplicationUser { UserName = email, Email = email, Language = SiteLanguages.Asked(context) }, registration.Password);
        return result.Succeeded ? TypedResults.Ok() : Refused(result);
    }

    private static bool IsEmail(string? email) =>
        !string.IsNullOrEmpty(email) && email.Length <= ApplicationUser.EmailMaxLength && new EmailAddressAttribute().IsValid(email);

    private static IResult InvalidEmail(string? email) => Refused(IdentityResult.Failed(new IdentityErrorDescriber().InvalidEmail(email)));

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
