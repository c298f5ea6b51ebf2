using WaitWise.Core.Queues;

namespace WaitWise.Tests.Unit;

/// <summary>The pure opening-hours evaluation (SPLIT.md's semantics), in UTC and in zones with daylight saving.</summary>
public sealed class OpeningHoursEvaluation
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static OpeningHours Window(DayOfWeek day, int opensHour, int closesHour, int opensMinute = 0, int closesMinute = 0) =>
        new() { Day = day, Opens = new TimeOnly(opensHour, opensMinute), Closes = new TimeOnly(closesHour, closesMinute) };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void AQueueWithoutHoursIsAlwaysOpenAndHasNoNextOpening()
    {
        var schedule = new OpeningSchedule([], TimeZoneInfo.Utc);

        Assert.False(schedule.HasHours);
        Assert.True(schedule.IsOpenAt(Utc(3, 1, 3)));
        Assert.Null(schedule.NextOpeningAfter(Utc(3, 1, 3)));
    }

    [Fact]
    public void IsOpenFromTheOpeningMinuteUntilJustBeforeTheClosingMinute()
    {
        var schedule = new OpeningSchedule([Window(DayOfWeek.Monday, 9, 17)], TimeZoneInfo.Utc);

        Assert.False(schedule.IsOpenAt(Utc(3, 2, 9).AddTicks(-1)));
        Assert.True(schedule.IsOpenAt(Utc(3, 2, 9)));
        Assert.True(schedule.IsOpenAt(Utc(3, 2, 17).AddTicks(-1)));
        Assert.False(schedule.IsOpenAt(Utc(3, 2, 17)));
    }

    [Fact]
    public void AWeekdayWithoutARowIsClosedAllDayAndTheNextOpeningSkipsIt()
    {
        var schedule = new OpeningSchedule([Window(DayOfWeek.Monday, 9, 17), Window(DayOfWeek.Friday, 9, 17)], TimeZoneInfo.Utc);

        Assert.False(schedule.IsOpenAt(Utc(3, 3, 12)));
        Assert.Equal(Utc(3, 6, 9), schedule.NextOpeningAfter(Utc(3, 3, 12)));
        Assert.Equal(Utc(3, 9, 9), schedule.NextOpeningAfter(Utc(3, 6, 17)));
    }

    [Fact]
    public void SeveralWindowsADayCloseForTheBreakBetweenThem()
    {
        var schedule = new OpeningSchedule([Window(DayOfWeek.Monday, 14, 18), Window(DayOfWeek.Monday, 8, 12)], TimeZoneInfo.Utc);

        Assert.True(schedule.IsOpenAt(Utc(3, 2, 11)));
        Assert.False(schedule.IsOpenAt(Utc(3, 2, 13)));
        Assert.Equal(Utc(3, 2, 14), schedule.NextOpeningAfter(Utc(3, 2, 13)));
        Assert.True(schedule.IsOpenAt(Utc(3, 2, 15)));
    }

    [Fact]
    public void AWindowThatClosesBeforeItOpensRunsPastMidnight()
    {
        var schedule = new OpeningSchedule([Window(DayOfWeek.Friday, 22, 2)], TimeZoneInfo.Utc);

        Assert.False(schedule.IsOpenAt(Utc(3, 6, 21)));
        Assert.True(schedule.IsOpenAt(Utc(3, 6, 23)));
        Assert.True(schedule.IsOpenAt(Utc(3, 7, 1, 59)));
        Assert.False(schedule.IsOpenAt(Utc(3, 7, 2)));
        // Saturday has no row of its own: the early hours belong to Friday's window.
        Assert.False(schedule.IsOpenAt(Utc(3, 7, 23)));
        Assert.Equal(Utc(3, 13, 22), schedule.NextOpeningAfter(Utc(3, 7, 2)));
    }

    [Fact]
    public void HoursAreReadInTheBusinessZoneAcrossTheSpringForwardNight()
    {
        // Berlin moves from +01:00 to +02:00 at 02:00 local on Sunday 29 March 2026.
        var schedule = new OpeningSchedule([Window(DayOfWeek.Saturday, 9, 17), Window(DayOfWeek.Sunday, 9, 17)], Berlin);

        Assert.True(schedule.IsOpenAt(Utc(3, 28, 8)));
        Assert.False(schedule.IsOpenAt(Utc(3, 28, 16)));
        Assert.Equal(Utc(3, 29, 7), schedule.NextOpeningAfter(Utc(3, 28, 16)));
        Assert.True(schedule.IsOpenAt(Utc(3, 29, 7)));
        Assert.False(schedule.IsOpenAt(Utc(3, 29, 15)));
    }

    [Fact]
    public void ATimeTheClocksSkipOpensAsLongAfterTheGapAsItWasInsideIt()
    {
        var schedule = new OpeningSchedule([Window(DayOfWeek.Sunday, 2, 6, opensMinute: 30)], Berlin);

        // 02:30 does not exist on 29 March in Berlin; the window opens at 03:30 CEST = 01:30 UTC.
        Assert.Equal(Utc(3, 29, 1, 30), schedule.NextOpeningAfter(Utc(3, 28, 12)));
        Assert.False(schedule.IsOpenAt(Utc(3, 29, 1, 29)));
        Assert.True(schedule.IsOpenAt(Utc(3, 29, 1, 30)));
    }

    [Fact]
    public void ATimeThatHappensTwiceMeansItsFirstOccurrence()
    {
        // 02:30 happens twice in Berlin on Sunday 25 October 2026: first at +02:00 (00:30 UTC), then at +01:00.
        var schedule = new OpeningSchedule([Window(DayOfWeek.Sunday, 2, 4, opensMinute: 30)], Berlin);

        Assert.Equal(Utc(10, 25, 0, 30), schedule.NextOpeningAfter(Utc(10, 24, 12)));
        Assert.True(schedule.IsOpenAt(Utc(10, 25, 2, 59)));
        Assert.False(schedule.IsOpenAt(Utc(10, 25, 3)));
    }

    [Fact]
    public void APastMidnightWindowKeepsItsLocalClosingTimeAcrossTheClockChange()
    {
        // Saturday 22:00 (+01:00) to Sunday 04:00 (+02:00): five hours of real time instead of six.
        var schedule = new OpeningSchedule([Window(DayOfWeek.Saturday, 22, 4)], Berlin);

        Assert.True(schedule.IsOpenAt(Utc(3, 28, 21)));
        Assert.True(schedule.IsOpenAt(Utc(3, 29, 1, 59)));
        Assert.False(schedule.IsOpenAt(Utc(3, 29, 2)));
    }

    [Fact]
    public void MovingTheBusinessToAnotherZoneMovesTheSameLocalHours()
    {
        var rows = new[] { Window(DayOfWeek.Monday, 9, 17) };
        var inBerlin = new OpeningSchedule(rows, Berlin);
        var inNewYork = new OpeningSchedule(rows, NewYork);

        // Monday 2 March 2026, 14:00 UTC: 15:00 in Berlin (open), 09:00 in New York (just opened).
        Assert.True(inBerlin.IsOpenAt(Utc(3, 2, 14)));
        Assert.True(inNewYork.IsOpenAt(Utc(3, 2, 14)));
        // 16:30 UTC: 17:30 in Berlin (closed), 11:30 in New York (open).
        Assert.False(inBerlin.IsOpenAt(Utc(3, 2, 16, 30)));
        Assert.True(inNewYork.IsOpenAt(Utc(3, 2, 16, 30)));
        Assert.Equal(Utc(3, 9, 8), inBerlin.NextOpeningAfter(Utc(3, 2, 16, 30)));
        // New York moved to summer time on 8 March: 09:00 is 13:00 UTC now.
        Assert.Equal(Utc(3, 9, 13), inNewYork.NextOpeningAfter(Utc(3, 2, 22)));
    }

    [Fact]
    public void DescribesAMomentInTheBusinessLocalTime()
    {
        var schedule = new OpeningSchedule([Window(DayOfWeek.Monday, 9, 17)], Berlin);

        Assert.Equal("Monday 9 March at 09:00", schedule.Describe(schedule.NextOpeningAfter(Utc(3, 2, 17))!.Value));
    }

    [Fact]
    public void AnOpeningByHandTakesJoinsOutsideTheHoursUntilItEnds()
    {
        var schedule = new OpeningSchedule([Window(DayOfWeek.Monday, 9, 17)], TimeZoneInfo.Utc);

        Assert.False(schedule.TakesJoinsAt(Utc(3, 2, 18), null));
        Assert.True(schedule.TakesJoinsAt(Utc(3, 2, 18), Utc(3, 9, 9)));
        Assert.False(schedule.TakesJoinsAt(Utc(3, 9, 9).AddTicks(-1), Utc(3, 2, 20)));
        Assert.True(schedule.TakesJoinsAt(Utc(3, 9, 10), null));
    }

    [Fact]
    public void AWindowThatOpensAndClosesAtTheSameTimeIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new OpeningSchedule([Window(DayOfWeek.Monday, 9, 9)], TimeZoneInfo.Utc));
    }

    [Fact]
    public void AnUnknownZoneReadsAsUtc()
    {
        Assert.Equal(TimeZoneInfo.Utc, OpeningSchedule.ZoneOrUtc("Mars/Olympus_Mons"));
        Assert.Equal(Berlin.Id, OpeningSchedule.ZoneOrUtc("Europe/Berlin").Id);
    }
}
