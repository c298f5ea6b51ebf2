using System.Globalization;
using Microsoft.Extensions.Localization;

namespace WaitWise.Web.Languages;

/// <summary>
/// Moments as a page's language writes them (its month and day names, its order, its clock), always in the
/// business's time zone, which is where the customer stands.
/// </summary>
public static class Moments
{
    /// <summary>"Tuesday, March 3, 9:00 AM (Europe/Paris time)", or "mardi 3 mars, 09:00 (heure Europe/Paris)".</summary>
    public static string When(IStringLocalizer l, DateTimeOffset at, TimeZoneInfo zone)
    {
        var culture = CultureOf(l);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = local.ToString("dddd ", culture) + local.ToString(culture.DateTimeFormat.MonthDayPattern, culture);
        return l["{0}, {1} ({2} time)", day, local.ToString("t", culture), zone.Id];
    }

    /// <summary>The date and the time, short ("3/3/2026 9:00 AM", "03/03/2026 09:00").</summary>
    public static string DateAndTime(IStringLocalizer l, DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("g", CultureOf(l));

    /// <summary>The date and the time to the second, for an audit ("3/3/2026 9:00:04 AM", "03/03/2026 09:00:04").</summary>
    public static string DateAndTimeToTheSecond(IStringLocalizer l, DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("G", CultureOf(l));

    /// <summary>The time of day ("9:00 AM", "09:00").</summary>
    public static string Time(IStringLocalizer l, DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("t", CultureOf(l));

    /// <summary>The culture a localizer writes in: a board's or kiosk's business language, else the page's.</summary>
    private static CultureInfo CultureOf(IStringLocalizer l) => l is LanguageText given ? given.Language.Culture : CultureInfo.CurrentCulture;
}
