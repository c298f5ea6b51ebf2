using WaitWise.Core.Queues;

namespace WaitWise.Core.Tickets;

/// <summary>How long a waiting ticket should wait: rounds of service ahead × the time one service takes.</summary>
public static class WaitEstimate
{
    /// <summary>
    /// Rounds of service ahead × the recent average service time (or the queue's default before there is
    /// history). Unknown while nobody serves: a paused or closed queue calls nobody.
    /// </summary>
    public static TimeSpan? For(QueueStatus status, int serviceSlots, int defaultServiceSeconds, int position, double? recentServiceSeconds)
    {
        if (status is QueueStatus.Paused or QueueStatus.Closed)
        {
            return null;
        }
        var perTicket = recentServiceSeconds is { } seconds
            ? TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : TimeSpan.FromSeconds(defaultServiceSeconds);
        var rounds = (position + serviceSlots - 1) / serviceSlots;
        return perTicket * rounds;
    }
}
