namespace WaitWise.Core.Queues;

/// <summary>
/// One weekly opening window in the business's time zone (SPLIT.md's semantics): a queue with no windows has no hours
/// restriction; with windows, a weekday without one is closed; Closes before Opens runs past midnight into the next day.
/// </summary>
public sealed record OpeningWindow(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>Enough for split shifts on every day; more is a mistake, not a timetable.</summary>
    public const int MaxPerQueue = 28;

    private const int MinutesPerDay = 24 * 60;
    private const int MinutesPerWeek = 7 * MinutesPerDay;

    public static OpeningWindow Of(OpeningHours hours) => new(hours.Day, hours.Opens, hours.Closes);

    /// <summary>Minutes since Sunday 00:00 at which the window starts, and its length in minutes.</summary>
    private (int Start, int Length) Span()
    {
        var opens = Opens.Hour * 60 + Opens.Minute;
        var closes = Closes.Hour * 60 + Closes.Minute;
        var length = closes > opens ? closes - opens : closes + MinutesPerDay - opens;
        return ((int)Day * MinutesPerDay + opens, length);
    }

    /// <summary>
    /// What is wrong with a whole week of windows, keyed "windows[i]" by the offending window's index (or "windows"
    /// for the list): unknown days, empty windows (Opens == Closes), seconds, and windows that overlap, also across
    /// midnight and from Saturday into Sunday. Empty when the week is valid.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Problems(IReadOnlyList<OpeningWindow> windows)
    {
        var problems = new Dictionary<string, string[]>();
        if (windows.Count > MaxPerQueue)
        {
            problems["windows"] = [$"A queue has at most {MaxPerQueue} opening windows a week."];
            return problems;
        }
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            if (!Enum.IsDefined(w.Day))
            {
                problems[Key(i)] = ["Pick a day of the week."];
            }
            else if (w.Opens == w.Closes)
            {
                problems[Key(i)] = ["A window must open and close at different times (closing earlier means past midnight)."];
            }
            else if (w.Opens.Second != 0 || w.Opens.Millisecond != 0 || w.Closes.Second != 0 || w.Closes.Millisecond != 0)
            {
                problems[Key(i)] = ["Opening hours are set to the minute."];
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var spans = windows.Select((w, i) => (Index: i, Span: w.Span())).OrderBy(x => x.Span.Start).ToList();
        for (var i = 0; i < spans.Count; i++)
        {
            var current = spans[i];
            // The next window in the week; the last one wraps round to the first, a week later.
            var next = spans[(i + 1) % spans.Count];
            var nextStart = next.Span.Start + (i + 1 == spans.Count ? MinutesPerWeek : 0);
            if (spans.Count > 1 && current.Span.Start + current.Span.Length > nextStart)
            {
                problems.TryAdd(Key(next.Index), [$"This window overlaps the one on {windows[current.Index].Day} from {windows[current.Index].Opens:HH:mm}."]);
            }
        }
        return problems;
    }

    private static string Key(int index) => $"windows[{index}]";
}
