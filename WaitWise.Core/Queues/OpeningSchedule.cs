using System.Globalization;

namespace WaitWise.Core.Queues;

/// <summary>
/// A queue's weekly opening hours read in its business's time zone. No rows: no restriction. With rows, a
/// weekday without a row is closed all day, a day may have several windows, and a window whose
/// <see cref="OpeningHours.Closes"/> is before its <see cref="OpeningHours.Opens"/> runs past midnight into
/// the next day. Local times are resolved leniently across daylight-saving changes: a time the clocks skip
/// (02:30 on a spring-forward night) moves forward by the gap, and a time that happens twice (an autumn
/// night) means its first occurrence.
/// </summary>
public sealed class OpeningSchedule
{
    private readonly IReadOnlyList<OpeningHours> _hours;

    public OpeningSchedule(IEnumerable<OpeningHours> hours, TimeZoneInfo zone)
    {
        _hours = hours.ToList();
        Zone = zone;
        if (_hours.FirstOrDefault(h => h.Opens == h.Closes) is { } empty)
        {
            throw new ArgumentException($"An opening window on {empty.Day} opens and closes at {empty.Opens}.", nameof(hours));
        }
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>False when the queue has no opening hours, so its status alone decides.</summary>
    public bool HasHours => _hours.Count > 0;

    /// <summary>The zone with this IANA id, or UTC when the id is unknown on this machine.</summary>
    public static TimeZoneInfo ZoneOrUtc(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public bool IsOpenAt(DateTimeOffset at) => !HasHours || WindowsAround(at, 1, 0).Any(w => w.Start <= at && at < w.End);

    /// <summary>
    /// Whether the hours let a join in at <paramref name="at"/>: inside a window, or while the owner's opening by hand
    /// (<see cref="Queue.OpenedByHandUntil"/>) lasts. The queue's status is checked apart from this.
    /// </summary>
    public bool TakesJoinsAt(DateTimeOffset at, DateTimeOffset? openedByHandUntil) => openedByHandUntil > at || IsOpenAt(at);

    /// <summary>The first moment after <paramref name="at"/> at which a window opens; null without hours.</summary>
    public DateTimeOffset? NextOpeningAfter(DateTimeOffset at) =>
        HasHours ? WindowsAround(at, 0, 8).Where(w => w.Start > at).Min(w => (DateTimeOffset?)w.Start) : null;

    /// <summary>How a moment reads for the business, e.g. "Tuesday 3 March at 09:00".</summary>
    public string Describe(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        return local.ToString("dddd d MMMM 'at' HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Windows starting on the local dates from <paramref name="daysBefore"/> before to <paramref name="daysAfter"/> after the date of <paramref name="at"/>.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WindowsAround(DateTimeOffset at, int daysBefore, int daysAfter)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
        for (var offset = -daysBefore; offset <= daysAfter; offset++)
        {
            var date = today.AddDays(offset);
            foreach (var window in _hours.Where(h => h.Day == date.DayOfWeek))
            {
                var closesOn = window.Closes > window.Opens ? date : date.AddDays(1);
                yield return (ToInstant(date, window.Opens), ToInstant(closesOn, window.Closes));
            }
        }
    }

    private DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // Skipped by the clocks: read it with the offset in force the day before, which lands the same
            // distance past the gap's end.
            return new DateTimeOffset(local, Zone.GetUtcOffset(local.AddDays(-1)));
        }
        if (Zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
