using WaitWise.Core.Queues;

namespace WaitWise.Core.Tickets;

/// <summary>The ways of estimating a wait that the benchmark compares (bench, scenario "estimates").</summary>
public enum Estimator
{
    /// <summary>Queue length: the calls ahead × the recent average service time ÷ the counters serving.</summary>
    QueueLength,

    /// <summary>Delay history: the wait of the ticket called last ("last to enter service", Ibrahim and Whitt).</summary>
    LastToEnterService,

    /// <summary>
    /// Call pace: the calls ahead × the time a counter recently gave each call (walk-up and no-shows included)
    /// ÷ the counters serving.
    /// </summary>
    CallPace,
}

/// <summary>How long a waiting ticket should wait, from where it stands and how its line moves.</summary>
public static class WaitEstimate
{
    /// <summary>The estimator the app shows: the one that came closest on the benchmark (README, Performance).</summary>
    public const Estimator Shown = Estimator.CallPace;

    /// <summary>
    /// The wait of the ticket at <paramref name="place"/> (1 = next). Unknown while nobody serves: a paused or closed
    /// queue calls nobody, and neither does a queue with no counter at work. No wait when a counter at work is free
    /// for it. Otherwise the calls that must end before this one (its place less the free counters) at the line's
    /// pace; the queue's default service time stands in before there is any history.
    /// </summary>
    public static TimeSpan? For(QueueStatus status, int defaultServiceSeconds, int place, LinePace pace, Estimator estimator = Shown)
    {
        if (status is QueueStatus.Paused or QueueStatus.Closed || pace.CountersServing <= 0)
        {
            return null;
        }
        var ahead = place - pace.FreeCounters;
        if (ahead <= 0)
        {
            return TimeSpan.Zero;
        }
        var service = pace.ServiceSeconds ?? defaultServiceSeconds;
        var seconds = estimator switch
        {
            Estimator.QueueLength => ahead * service / pace.CountersServing,
            Estimator.CallPace => ahead * (pace.CallSeconds ?? service) / pace.CountersServing,
            Estimator.LastToEnterService => pace.LastCalledWaitSeconds ?? ahead * service / pace.CountersServing,
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "No such estimator."),
        };
        return TimeSpan.FromSeconds(Math.Round(seconds));
    }
}
