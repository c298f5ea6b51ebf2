namespace WaitWise.Data.Tickets;

/// <summary>
/// The database functions of Migrations/Sql (JoinFunction.sql, StandingFunctions.sql) that LINQ queries call beside the
/// rows they read, so a ticket and where it stands come back in one round trip. They run only inside a query.
/// </summary>
public static class StandingFunctions
{
    /// <summary>waitwise_is_due: whether a time-based transition is due in the queue at <paramref name="now"/>.</summary>
    public static bool IsDue(Guid queueId, DateTimeOffset now) => throw InQueryOnly();

    /// <summary>waitwise_position: 1 + the WAITING tickets ahead of the ticket in serving order; null when it is not waiting.</summary>
    public static int? Position(Guid ticketId) => throw InQueryOnly();

    /// <summary>waitwise_recent_service_seconds: the average service time of the queue's last 20 completed tickets.</summary>
    public static double? RecentServiceSeconds(Guid queueId) => throw InQueryOnly();

    /// <summary>waitwise_call_seconds: the average time a counter gave each of the queue's last 20 calls, call to leaving the counter.</summary>
    public static double? CallSeconds(Guid queueId) => throw InQueryOnly();

    /// <summary>waitwise_counters_serving: the counters where staff are at work at <paramref name="now"/>.</summary>
    public static int CountersServing(Guid queueId, DateTimeOffset now) => throw InQueryOnly();

    /// <summary>waitwise_at_counters: the queue's tickets called or being served.</summary>
    public static int AtCounters(Guid queueId) => throw InQueryOnly();

    private static NotSupportedException InQueryOnly() => new("This database function runs only inside a LINQ query.");
}
