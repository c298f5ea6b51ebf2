using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;

namespace WaitWise.Core.Analytics;

/// <summary>
/// SPEC.md's metrics for one queue over a range of days in the business's time zone, computed by the database
/// (aggregates, not a load of every ticket). Only the owner of the queue's business may read them.
/// </summary>
public interface IQueueAnalytics
{
    Task<Result<QueueDashboard>> GetDashboardAsync(Actor actor, Guid queueId, DateRange days, CancellationToken ct = default);
}

/// <summary>Whole local days, both ends included.</summary>
public sealed record DateRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public IReadOnlyDictionary<string, string[]> Problems() =>
        To < From ? new Dictionary<string, string[]> { ["to"] = ["The last day must not be before the first."] }
        : Days > MaxDays ? new Dictionary<string, string[]> { ["to"] = [$"Pick at most {MaxDays} days."] }
        : new Dictionary<string, string[]>();
}

/// <summary>
/// The figures for a range of days. Served: tickets completed in the range. Average wait: JoinedAt → CalledAt of the
/// tickets called in the range. Average service: ServedAt → CompletedAt of the tickets completed in the range (a hold
/// wipes ServedAt, so breaks never count). No-show and cancel rates: of the tickets that joined in the range, the
/// share marked no-show at least once (by staff or the call timeout), and the share cancelled.
/// </summary>
public sealed record QueueDashboard(
    Guid QueueId,
    string QueueName,
    string TimeZoneId,
    DateRange Range,
    int Joined,
    int Served,
    int NoShows,
    int Cancelled,
    TimeSpan? AverageWait,
    TimeSpan? AverageService,
    IReadOnlyList<int> ServedByHour,
    IReadOnlyList<DayFigures> Days)
{
    /// <summary>Null while nobody joined: a rate of nothing is not zero.</summary>
    public double? NoShowRate => Joined == 0 ? null : (double)NoShows / Joined;

    public double? CancelRate => Joined == 0 ? null : (double)Cancelled / Joined;

    /// <summary>The messages made due in the range, on each channel that had any: sent, failed, still to send.</summary>
    public IReadOnlyList<ChannelFigures> Messages { get; init; } = [];

    /// <summary>How far the waits shown at joining were from the actual waits, over the whole range.</summary>
    public EstimateAccuracy Estimates { get; init; } = EstimateAccuracy.None;
}

/// <summary>
/// The estimates shown at joining set beside the actual waits (join → call), from the tickets themselves: those
/// called in the period whose join kept an estimate and whose wait was under an hour (the benchmark's measure).
/// </summary>
/// <param name="Compared">How many tickets were compared.</param>
/// <param name="AbsoluteErrorSeconds">The sum of |actual − estimate| over them, in seconds.</param>
/// <param name="Inside">How many waited a time inside the range they were shown.</param>
public sealed record EstimateAccuracy(int Compared, double AbsoluteErrorSeconds, int Inside)
{
    public static EstimateAccuracy None { get; } = new(0, 0, 0);

    /// <summary>Null while nothing was compared.</summary>
    public TimeSpan? MeanAbsoluteError => Compared == 0 ? null : TimeSpan.FromSeconds(AbsoluteErrorSeconds / Compared);

    public double? InsideShare => Compared == 0 ? null : (double)Inside / Compared;

    public static EstimateAccuracy operator +(EstimateAccuracy a, EstimateAccuracy b) =>
        new(a.Compared + b.Compared, a.AbsoluteErrorSeconds + b.AbsoluteErrorSeconds, a.Inside + b.Inside);
}

public sealed record ChannelFigures(NotificationChannel Channel, int Sent, int Failed, int Pending);

/// <summary>One local day's figures; every day of the range has one, quiet days with zeros.</summary>
public sealed record DayFigures(
    DateOnly Day,
    int Joined,
    int Served,
    int NoShows,
    int Cancelled,
    TimeSpan? AverageWait,
    TimeSpan? AverageService)
{
    /// <summary>How far the waits shown at joining were from the actual waits of the tickets called this day.</summary>
    public EstimateAccuracy Estimates { get; init; } = EstimateAccuracy.None;
}
