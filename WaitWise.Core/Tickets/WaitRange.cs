using Microsoft.Extensions.Localization;

namespace WaitWise.Core.Tickets;

/// <summary>
/// An estimated wait as people read it: a range ("about 10–15 min"), since a single minute count promises a
/// precision the estimate does not have. The band widens with the wait. In the reader's language (<paramref name="l"/>
/// of <see cref="Describe"/>: the web app's resources).
/// </summary>
public static class WaitRange
{
    public static string Describe(TimeSpan? estimate, IStringLocalizer l)
    {
        if (estimate is not { } wait)
        {
            return l["unknown"];
        }
        var minutes = (int)Math.Floor(wait.TotalMinutes);
        if (minutes < 5)
        {
            return l["under {0} min", 5];
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
