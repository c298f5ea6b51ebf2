using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Analytics;
using WaitWise.Core.Businesses;
using WaitWise.Data.Analytics;

namespace WaitWise.Data.Businesses;

public static class OwnerServices
{
    /// <summary>The owner's business commands, the platform admin's review and the queue analytics.</summary>
    public static IServiceCollection AddBusinessAdministration(this IServiceCollection services)
    {
        // Scoped, because they use Identity's lookup normalizer, which Identity registers per scope.
        services.AddScoped<IBusinessAdmin, BusinessAdmin>();
        services.AddScoped<IPlatformAdmin, PlatformAdmin>();
        services.AddSingleton<IQueueAnalytics, QueueAnalytics>();
        return services;
    }
}
