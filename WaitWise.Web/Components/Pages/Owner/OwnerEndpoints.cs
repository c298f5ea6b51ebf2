using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using WaitWise.Core.Analytics;
using WaitWise.Core.Auth;
using WaitWise.Data.Identity;
using WaitWise.Web.Api;

namespace WaitWise.Web.Components.Pages.Owner;

/// <summary>The two owner requests that need plain HTTP: the dashboard's CSV download, and renewing a new owner's sign-in.</summary>
public static class OwnerEndpoints
{
    public static void MapOwnerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The policy keeps strangers out early; the service still checks that this owner owns this queue.
        endpoints.MapGet("/owner/queues/{queueId:guid}/figures.csv", FiguresCsvAsync).RequireAuthorization(Policies.Owner);
        endpoints.MapGet("/owner/refresh-sign-in", RefreshSignInAsync).RequireAuthorization();
    }

    private static async Task<IResult> FiguresCsvAsync(Guid queueId, string? from, string? to, HttpContext http, IQueueAnalytics analytics)
    {
        if (!TryDay(from, out var first) || !TryDay(to, out var last))
        {
            return ApiProblems.From(Core.Common.Error.Invalid(new Dictionary<string, string[]>
            {
                [TryDay(from, out _) ? "to" : "from"] = ["Give the days as yyyy-MM-dd."],
            }));
        }
        if (CurrentActor.Of(http.User) is not { } actor)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ApiProblems.CodeFor(StatusCodes.Status401Unauthorized));
        }
        var dashboard = await analytics.GetDashboardAsync(actor, queueId, new DateRange(first, last), http.RequestAborted);
        if (dashboard.Error is { } error)
        {
            return ApiProblems.From(error);
        }
        return Results.File(Encoding.UTF8.GetBytes(DashboardCsv.Write(dashboard.Value!)), "text/csv; charset=utf-8", DashboardCsv.FileName(dashboard.Value!));
    }

    /// <summary>
    /// Re-issues the sign-in cookie with the roles the database holds now: starting a business gives the Owner role,
    /// which an interactive page cannot put into the cookie itself.
    /// </summary>
    private static async Task<IResult> RefreshSignInAsync(string? returnUrl, HttpContext http, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        if (await users.GetUserAsync(http.User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
        // Only a path on this site (no other host, no control characters that browsers drop): anything else goes to /owner.
        var local = returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not '/' and not '\\' && !url.Any(char.IsControl);
        return Results.LocalRedirect(local ? returnUrl! : "/owner");
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
