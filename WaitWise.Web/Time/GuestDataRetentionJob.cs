using Quartz;
using WaitWise.Data.Identity;

namespace WaitWise.Web.Time;

/// <summary>How long a guest's name, e-mail and phone are kept after their last ticket ended (<c>WaitWise:Retention:GuestDataDays</c>).</summary>
public sealed record GuestDataRetention(TimeSpan Period);

/// <summary>
/// Erases guests' personal data once their tickets ended longer ago than the retention period, in batches, hourly on
/// one node of the cluster; with it, the push subscriptions of every ticket that ended as long ago. Thin and idempotent: a skipped run leaves the work to the next.
/// </summary>
[DisallowConcurrentExecution]
public sealed class GuestDataRetentionJob(GuestData guests, GuestDataRetention retention, TimeProvider clock) : IJob
{
    public const int BatchSize = 500;

    public static readonly JobKey Key = new("guest-data-retention", "waitwise");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow() - retention.Period;
        while (await guests.EraseEndedBeforeAsync(before, BatchSize, cancellationToken) == BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
        await guests.ForgetPushSubscriptionsBeforeAsync(before, cancellationToken);
    }
}
