using WaitWise.Core.Queues;

namespace WaitWise.Tests.Unit;

public sealed class PausedTimeWithinAPeriod
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static (DateTimeOffset, QueueStatus, QueueStatus) Change(int minutes, QueueStatus from, QueueStatus to) => (Nine.AddMinutes(minutes), from, to);

    [Fact]
    public void AddsUpEveryPauseInsideThePeriod()
    {
        var changes = new[]
        {
            Change(0, QueueStatus.Closed, QueueStatus.Open),
            Change(10, QueueStatus.Open, QueueStatus.Paused),
            Change(25, QueueStatus.Paused, QueueStatus.Open),
            Change(40, QueueStatus.Open, QueueStatus.Paused),
            Change(45, QueueStatus.Paused, QueueStatus.Locked),
        };

        Assert.Equal(TimeSpan.FromMinutes(20), PausedTime.Within(changes, Nine, Nine.AddHours(1)));
    }

    [Fact]
    public void CountsOnlyThePartOfAPauseWithinThePeriod()
    {
        var changes = new[] { Change(10, QueueStatus.Open, QueueStatus.Paused), Change(50, QueueStatus.Paused, QueueStatus.Open) };

        Assert.Equal(TimeSpan.FromMinutes(10), PausedTime.Within(changes, Nine.AddMinutes(40), Nine.AddHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(5), PausedTime.Within(changes, Nine, Nine.AddMinutes(15)));
    }

    [Fact]
    public void APauseStillRunningCountsUpToTheEnd()
    {
        var changes = new[] { Change(30, QueueStatus.Open, QueueStatus.Paused) };

        Assert.Equal(TimeSpan.FromMinutes(30), PausedTime.Within(changes, Nine, Nine.AddHours(1)));
        Assert.Equal(TimeSpan.Zero, PausedTime.Within([], Nine, Nine.AddHours(1)));
    }
}
