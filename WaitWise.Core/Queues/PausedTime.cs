namespace WaitWise.Core.Queues;

/// <summary>
/// How long a queue was paused within a period, from its status changes in order (SPEC.md: paused time is recorded).
/// A pause still running at the end of the period counts up to that end.
/// </summary>
public static class PausedTime
{
    public static TimeSpan Within(IEnumerable<(DateTimeOffset At, QueueStatus From, QueueStatus To)> changes, DateTimeOffset from, DateTimeOffset to)
    {
        var paused = TimeSpan.Zero;
        DateTimeOffset? pausedSince = null;
        foreach (var change in changes)
        {
            if (change.To == QueueStatus.Paused)
            {
                pausedSince = change.At;
            }
            else if (change.From == QueueStatus.Paused && pausedSince is { } start)
            {
                paused += Overlap(start, change.At, from, to);
                pausedSince = null;
            }
        }
        return pausedSince is { } open ? paused + Overlap(open, to, from, to) : paused;
    }

    private static TimeSpan Overlap(DateTimeOffset start, DateTimeOffset stop, DateTimeOffset from, DateTimeOffset to)
    {
        var s = start > from ? start : from;
        var e = stop < to ? stop : to;
        return e > s ? e - s : TimeSpan.Zero;
    }
}
