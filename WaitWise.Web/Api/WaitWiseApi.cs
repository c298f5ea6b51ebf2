using System.Text.Json;
using System.Text.Json.Serialization;

namespace WaitWise.Web.Api;

/// <summary>The versioned JSON HTTP API under /api/v1, its OpenAPI document, and the /health readiness probe.</summary>
public static class WaitWiseApi
{
    public static void AddWaitWiseApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddApiAuthentication();
        services.AddApiRateLimits(builder.Configuration);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            // States read as SPEC.md writes them ("WAITING", "OPEN"), and only by name.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
            // A field the route does not know is a mistake (a misspelt "maxSize" would otherwise change nothing and answer 200).
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddOperationTransformer(Idempotency.DescribeHeaderAsync);
        });
        services.AddReadinessChecks();
    }

    /// <summary>
    /// The API's safety net, before authentication: a bearer token's check reads the database too, and a database that
    /// is away must be a 503 there as everywhere else in the API.
    /// </summary>
    public static void UseApiErrors(this WebApplication app)
    {
        app.UseWhen(ApiPaths.IsApi, api => api.UseMiddleware<ApiErrorsMiddleware>());
        // The guest-ticket memory's addresses take JSON too: what binding refuses there is a problem, not a page.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Components.Pages.Customer.GuestTicketMemory.Address),
            memory => memory.UseMiddleware<ApiErrorsMiddleware>());
    }

    public static void MapWaitWiseApi(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseWhen(ApiPaths.IsApi, api => api.UseMiddleware<CrossOriginGuard>()
            .UseMiddleware<Idempotency.Middleware>());

        var v1 = app.MapGroup(ApiPaths.Prefix + "/v1")
            .AddEndpointFilter(ProblemCodeFilter.EnsureCodeAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapAuthEndpoints();
        v1.MapLogoutEndpoint();
        v1.MapAccountEndpoints();
        v1.MapBusinessEndpoints();
        v1.MapQueueEndpoints();
        v1.MapTicketEndpoints();
        v1.MapGuestTicketEndpoints();

        app.MapOpenApi();
        app.MapReadiness();
    }
}
