using Quartz;
using WaitWise.Data.Idempotency;

namespace WaitWise.Web.Time;

/// <summary>How long request keys are kept (<c>WaitWise:Idempotency:RetentionHours</c>).</summary>
public sealed record KeyRetention(TimeSpan Period);

/// <summary>
/// Deletes request keys (and the answers kept with them) once they are older than the retention period, in batches,
/// so no single statement holds many rows' locks. Thin and idempotent: a skipped run leaves the work to the next.
/// </summary>
[DisallowConcurrentExecution]
public sealed class IdempotencyRetentionJob(IdempotencyStore store, KeyRetention retention, TimeProvider clock) : IJob
{
    public const int BatchSize = 1000;

    public static readonly JobKey Key = new("idempotency-key-retention", "waitwise");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow() - retention.Period;
        while (await store.DeleteOlderThanAsync(before, BatchSize, cancellationToken) == BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
