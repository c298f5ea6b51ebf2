using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Unit;

public sealed class WaitRanges
{
    [Theory]
    [InlineData(0, "under 5 min")]
    [InlineData(4.9, "under 5 min")]
    [InlineData(5, "about 5–10 min")]
    [InlineData(12.5, "about 10–15 min")]
    [InlineData(59, "about 55–60 min")]
    [InlineData(60, "about 1 h – 1 h 15 min")]
    [InlineData(100, "about 1 h 30 min – 1 h 45 min")]
    [InlineData(200, "about 3 h – 3 h 30 min")]
    public void DescribeAnEstimateAsABandThatWidensWithTheWait(double minutes, string expected) =>
        Assert.Equal(expected, WaitRange.Describe(TimeSpan.FromMinutes(minutes), Words.English));

    [Fact]
    public void CallsAMissingEstimateUnknown() => Assert.Equal("unknown", WaitRange.Describe(null, Words.English));
}
