using Quartz;
using WaitWise.Data.Tickets;

namespace WaitWise.Web.Time;

/// <summary>
/// The safety-net sweep: applies every due CALLED → LATE and LATE → MISSED in all queues. Thin and idempotent: what
/// is due is read from the tickets' timestamps each run, so a failed or skipped run loses nothing, and the
/// retry (5 s, 10 s, 20 s …) or the next run finds the same work.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(5, "00:00:05", 2.0)]
public sealed class DueTransitionsJob(DueTransitionService due) : IJob
{
    public static readonly JobKey Key = new("due-transitions", "waitwise");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await due.SweepAsync(cancellationToken);
}
