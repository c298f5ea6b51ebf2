using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Unit;

public sealed class WaitRanges
{
    /// <summary>Hand-computed: low = e − 1.0·√e, high = e + 1.2·√e (√ of at least 1), outwards to the minute, or to 5 beyond an hour.</summary>
    [Theory]
    [InlineData(0, "under 5 min")]
    [InlineData(2, "under 5 min")]
    [InlineData(3, "about 1–6 min")]
    [InlineData(10, "about 6–14 min")]
    [InlineData(25, "about 20–31 min")]
    [InlineData(50, "about 42–59 min")]
    [InlineData(60, "about 50 min – 1 h 10 min")]
    [InlineData(100, "about 1 h 30 min – 1 h 55 min")]
    [InlineData(200, "about 3 h 5 min – 3 h 40 min")]
    public void DescribeAnEstimateAsTheRangeThatHoldsMostWaits(double minutes, string expected) =>
        Assert.Equal(expected, WaitRange.Describe(TimeSpan.FromMinutes(minutes), Words.English));

    [Theory]
    [InlineData(10, 6, true)]
    [InlineData(10, 14, true)]
    [InlineData(10, 5.9, false)]
    [InlineData(10, 14.5, false)]
    [InlineData(0, 0, true)]
    [InlineData(0, 2.5, false)]
    public void AnActualWaitIsInsideTheRangeShownForItsEstimateOrNot(double estimate, double actual, bool inside) =>
        Assert.Equal(inside, WaitRange.Holds(TimeSpan.FromMinutes(estimate), TimeSpan.FromMinutes(actual)));

    [Fact]
    public void CallsAMissingEstimateUnknown() => Assert.Equal("unknown", WaitRange.Describe(null, Words.English));
}
