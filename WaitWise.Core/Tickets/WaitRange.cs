using Microsoft.Extensions.Localization;

namespace WaitWise.Core.Tickets;

/// <summary>
/// An estimated wait as people read it: a range ("about 12–19 min"), since a single minute count promises a
/// precision the estimate does not have. The range is the one the benchmark calibrated (bench, scenario "estimates"):
/// it holds about 80 % of actual waits. Its width grows with the square root of the estimate, as the spread of a sum
/// of service times does. In the reader's language (<paramref name="l"/> of <see cref="Describe"/>).
/// </summary>
public static class WaitRange
{
    /// <summary>Minutes below the estimate, per square root of its minutes (from the benchmark's 10th percentile).</summary>
    public const double Below = 1.0;

    /// <summary>Minutes above the estimate, per square root of its minutes (from the benchmark's 90th percentile).</summary>
    public const double Above = 1.2;

    /// <summary>
    /// The shown range of an estimate, in whole minutes: rounded outwards, to the minute under an hour and to five
    /// minutes beyond.
    /// </summary>
    public static (int Low, int High) Bounds(TimeSpan estimate)
    {
        var minutes = Math.Max(0, estimate.TotalMinutes);
        // At least a minute's root, so a wait of seconds still gets a range of a minute or two.
        var root = Math.Sqrt(Math.Max(1, minutes));
        var low = Math.Max(0, minutes - Below * root);
        var high = minutes + Above * root;
        return high <= 60
            ? ((int)Math.Floor(low), (int)Math.Ceiling(high))
            : ((int)Math.Floor(low / 5) * 5, (int)Math.Ceiling(high / 5) * 5);
    }

    /// <summary>Whether an actual wait falls inside the range shown for <paramref name="estimate"/>.</summary>
    public static bool Holds(TimeSpan estimate, TimeSpan actual)
    {
        var (low, high) = Bounds(estimate);
        return actual.TotalMinutes >= low && actual.TotalMinutes <= high;
    }

    public static string Describe(TimeSpan? estimate, IStringLocalizer l)
    {
        if (estimate is not { } wait)
        {
            return l["unknown"];
        }
        var (low, high) = Bounds(wait);
        if (high <= 5)
        {
            return l["under {0} min", 5];
        }
        return high <= 60
            ? l["about {0}–{1} min", low, high]
            : l["about {0} – {1}", Format(low, l), Format(high, l)];
    }

    private static string Format(int minutes, IStringLocalizer l) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => l["{0} min", m],
        (var h, 0) => l["{0} h", h],
        (var h, var m) => l["{0} h {1} min", h, m],
    };
}
