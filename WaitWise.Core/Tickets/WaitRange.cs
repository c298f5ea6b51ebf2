using System.Globalization;

namespace WaitWise.Core.Tickets;

/// <summary>
/// An estimated wait as people read it: a range ("about 10–15 min"), since a single minute count promises a
/// precision the estimate does not have. The band widens with the wait.
/// </summary>
public static class WaitRange
{
    public const string Unknown = "unknown";

    public static string Describe(TimeSpan? estimate)
    {
        if (estimate is not { } wait)
        {
            return Unknown;
        }
        var minutes = (int)Math.Floor(wait.TotalMinutes);
        if (minutes < 5)
        {
            return "under 5 min";
        }
        var step = minutes switch
        {
            < 60 => 5,
            < 180 => 15,
            _ => 30,
        };
        var low = minutes / step * step;
        var high = low + step;
        return high <= 60
            ? string.Create(CultureInfo.InvariantCulture, $"about {low}–{high} min")
            : $"about {Format(low)} – {Format(high)}";
    }

    private static string Format(int minutes) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => string.Create(CultureInfo.InvariantCulture, $"{m} min"),
        (var h, 0) => string.Create(CultureInfo.InvariantCulture, $"{h} h"),
        (var h, var m) => string.Create(CultureInfo.InvariantCulture, $"{h} h {m} min"),
    };
}
