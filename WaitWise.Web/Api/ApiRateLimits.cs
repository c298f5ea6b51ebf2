using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;
using WaitWise.Web.Components;

namespace WaitWise.Web.Api;

/// <summary>One fixed window: at most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/> per partition.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }
}

/// <summary>The API's limits, from configuration section <c>WaitWise:RateLimits</c> (see the README).</summary>
public sealed class RateLimitSettings
{
    public const string Section = "WaitWise:RateLimits";

    /// <summary>Register, sign-in and refresh, per client IP address.</summary>
    public RateLimit Auth { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Joins, per signed-in user.</summary>
    public RateLimit Join { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>Joins without an account, per client IP address (a kiosk by the door is one address: allow a busy morning).</summary>
    public RateLimit GuestJoin { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };
}

/// <summary>ASP.NET Core's rate limiter on sign-in and join; a refusal is 429 problem details with Retry-After.</summary>
internal static class ApiRateLimits
{
    public const string AuthPolicy = "auth";
    public const string JoinPolicy = "join";
    public const string GuestJoinPolicy = "guest-join";

    public static void AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AuthPolicy, context => Window(
                "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), settings.Auth));
            options.AddPolicy(JoinPolicy, context => Window(
                "user:" + (CurrentActor.Of(context.User)?.Id ?? "anonymous"), settings.Join));
            options.AddPolicy(GuestJoinPolicy, context => Window(
                "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), settings.GuestJoin));
            options.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                var detail = "Too many requests; slow down.";
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                    response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
                    detail = string.Create(CultureInfo.InvariantCulture, $"Too many requests; try again in {seconds} seconds.");
                }
                await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "rate_limited", detail).ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> Window(string partition, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit),
            Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
            QueueLimit = 0,
        });
}
