using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WaitWise.Data;

namespace WaitWise.Web.Api;

/// <summary>
/// Ready only when the schema is the one this build knows: every migration it ships is applied. A database that has
/// migrations this build does not know (a newer node migrated it) still serves, but is reported as degraded.
/// </summary>
internal sealed class MigrationsHealthCheck(IDbContextFactory<WaitWiseDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var known = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = known.Except(applied).ToList();
        if (pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
        }
        var unknown = applied.Except(known).ToList();
        return unknown.Count > 0
            ? HealthCheckResult.Degraded($"The database has migration(s) this build does not know: {string.Join(", ", unknown)}.")
            : HealthCheckResult.Healthy($"All {known.Count} migration(s) applied.");
    }
}

/// <summary>Degraded while the node is not listening for the other nodes' hints: their changes then reach its pages only by re-reads.</summary>
internal sealed class LiveUpdatesHealthCheck(Data.Queues.PostgresQueueNotifier notifier) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(notifier.Listening
            ? HealthCheckResult.Healthy("Listening for the other nodes' queue hints (LISTEN/NOTIFY).")
            : HealthCheckResult.Degraded($"Not listening for the other nodes' queue hints: their changes reach this node's pages by the re-read every {notifier.ReReadEvery.TotalSeconds:0} s."));
}

internal static class ReadinessHealth
{
    public const string Path = "/health";

    public static void AddReadinessChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddDbContextCheck<WaitWiseDbContext>("database")
            .AddCheck<MigrationsHealthCheck>("migrations");

    /// <summary>200 when healthy (or degraded), 503 otherwise, with each check's status as JSON.</summary>
    public static void MapReadiness(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    // Which node answered: behind a proxy, the one this browser's requests stick to.
                    node = context.RequestServices.GetRequiredService<IConfiguration>()[Hosting.WaitWiseSettings.NodeName] is { Length: > 0 } name
                        ? name
                        : $"{Environment.MachineName}:{Environment.ProcessId}",
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                }, JsonSerializerOptions.Web));
            },
        });
}
