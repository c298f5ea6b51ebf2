using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Tests.Unit;

/// <summary>Each estimator on cases worked out by hand (seconds).</summary>
public sealed class WaitEstimates
{
    private const int Default = 300;

    private static TimeSpan? Estimate(int place, LinePace pace, Estimator estimator, QueueStatus status = QueueStatus.Open) =>
        WaitEstimate.For(status, Default, place, pace, estimator);

    [Theory]
    [InlineData(Estimator.QueueLength)]
    [InlineData(Estimator.LastToEnterService)]
    [InlineData(Estimator.CallPace)]
    public void NobodyServingMeansNoEstimate(Estimator estimator)
    {
        var pace = new LinePace(2, 1, 240, 300) { LastCalledWaitSeconds = 600 };
        Assert.Null(Estimate(3, pace, estimator, QueueStatus.Paused));
        Assert.Null(Estimate(3, pace, estimator, QueueStatus.Closed));
        Assert.Null(Estimate(3, pace with { CountersServing = 0, AtCounters = 0 }, estimator));
        Assert.NotNull(Estimate(3, pace, estimator, QueueStatus.Locked));
    }

    [Theory]
    [InlineData(Estimator.QueueLength)]
    [InlineData(Estimator.LastToEnterService)]
    [InlineData(Estimator.CallPace)]
    public void AFreeCounterAtWorkMeansNoWait(Estimator estimator)
    {
        // Three at work, one busy: the first two in line are called at once.
        var pace = new LinePace(3, 1, 240, 300) { LastCalledWaitSeconds = 600 };
        Assert.Equal(TimeSpan.Zero, Estimate(1, pace, estimator));
        Assert.Equal(TimeSpan.Zero, Estimate(2, pace, estimator));
        Assert.NotEqual(TimeSpan.Zero, Estimate(3, pace, estimator));
    }

    [Fact]
    public void QueueLengthIsTheCallsAheadTimesTheServiceTimeOverTheCountersServing()
    {
        // Place 5, one of three counters free: 4 calls ahead × 240 s ÷ 3 = 320 s.
        Assert.Equal(TimeSpan.FromSeconds(320), Estimate(5, new LinePace(3, 2, 240, 300), Estimator.QueueLength));
        // No history yet: the queue's default, 3 × 300 ÷ 2 = 450 s.
        Assert.Equal(TimeSpan.FromSeconds(450), Estimate(3, new LinePace(2, 2, null, null), Estimator.QueueLength));
    }

    [Fact]
    public void CallPaceCountsTheTimeACounterGivesEachCall()
    {
        // 3 calls ahead × 300 s a call ÷ 2 counters = 450 s (queue length would say 3 × 240 ÷ 2 = 360 s).
        Assert.Equal(TimeSpan.FromSeconds(450), Estimate(3, new LinePace(2, 2, 240, 300), Estimator.CallPace));
        // Before any call has ended: the service time, then the default.
        Assert.Equal(TimeSpan.FromSeconds(360), Estimate(3, new LinePace(2, 2, 240, null), Estimator.CallPace));
        Assert.Equal(TimeSpan.FromSeconds(450), Estimate(3, new LinePace(2, 2, null, null), Estimator.CallPace));
        // Rounded to the second: 1 × 100 ÷ 3 = 33.3 s.
        Assert.Equal(TimeSpan.FromSeconds(33), Estimate(1, new LinePace(3, 3, null, 100), Estimator.CallPace));
    }

    [Fact]
    public void LastToEnterServiceIsTheWaitOfTheTicketCalledLastWhateverThePlace()
    {
        var pace = new LinePace(2, 2, 240, 300) { LastCalledWaitSeconds = 610 };
        Assert.Equal(TimeSpan.FromSeconds(610), Estimate(1, pace, Estimator.LastToEnterService));
        Assert.Equal(TimeSpan.FromSeconds(610), Estimate(9, pace, Estimator.LastToEnterService));
        // Nobody called yet: queue length, 2 × 240 ÷ 2.
        Assert.Equal(TimeSpan.FromSeconds(240), Estimate(2, pace with { LastCalledWaitSeconds = null }, Estimator.LastToEnterService));
    }

    [Fact]
    public void TheAppShowsCallPace() => Assert.Equal(Estimator.CallPace, WaitEstimate.Shown);
}
