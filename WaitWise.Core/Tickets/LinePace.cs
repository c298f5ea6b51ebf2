namespace WaitWise.Core.Tickets;

/// <summary>
/// How a queue's line is moving, as its tickets and consoles tell it at one moment: what every wait estimate is
/// computed from (<see cref="WaitEstimate"/>).
/// </summary>
/// <param name="CountersServing">
/// Counters where staff are at work: a counter chosen in an open console, holding a ticket, or used within the last
/// minutes (never more than the queue's counters). Zero means nobody serves, and no estimate is honest.
/// </param>
/// <param name="AtCounters">Counters holding a called or served ticket now.</param>
/// <param name="ServiceSeconds">The average service time (start → complete) of the queue's last 20 completed tickets.</param>
/// <param name="CallSeconds">
/// The average time a counter gave each of its last 20 calls: call → complete for one served, call → no-show for one
/// who never came, so the walk to the counter and the calls that came to nothing count too.
/// </param>
public sealed record LinePace(int CountersServing, int AtCounters, double? ServiceSeconds, double? CallSeconds)
{
    /// <summary>How long the ticket called last had waited (join → call): the "last to enter service" predictor.</summary>
    public double? LastCalledWaitSeconds { get; init; }

    /// <summary>Counters at work that hold nobody: they call the next in line at once.</summary>
    public int FreeCounters => Math.Max(0, CountersServing - AtCounters);
}
