using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Tests.Unit;

public sealed class CounterRules
{
    [Fact]
    public void FreeCountersAreTheOnesNotBusyLowestFirst() =>
        Assert.Equal([1, 3, 5], Counters.Free(5, [4, 2]));

    [Fact]
    public void WithoutARequestTheLowestFreeCounterIsPicked() =>
        Assert.Equal(2, Counters.Pick(3, [1, 3], requested: null).Value);

    [Fact]
    public void ARequestedFreeCounterIsPicked() =>
        Assert.Equal(3, Counters.Pick(3, [1], requested: 3).Value);

    [Fact]
    public void ARequestedBusyCounterIsRefused()
    {
        var picked = Counters.Pick(3, [2], requested: 2);

        Assert.Equal(ErrorKind.NoFreeSlot, picked.Error!.Kind);
        Assert.Equal("Counter 2 is busy.", picked.Error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void ACounterThatDoesNotExistIsInvalid(int requested)
    {
        var picked = Counters.Pick(3, [], requested);

        Assert.Equal(ErrorKind.Validation, picked.Error!.Kind);
        Assert.Equal($"Counter {requested} does not exist; this queue has counters 1 to 3.", picked.Error.Message);
    }

    [Fact]
    public void WhenEveryCounterIsBusyNoneIsPicked()
    {
        var picked = Counters.Pick(2, [1, 2], requested: null);

        Assert.Equal(ErrorKind.NoFreeSlot, picked.Error!.Kind);
        Assert.Equal("All 2 counters are busy.", picked.Error.Message);
    }

    [Theory]
    [InlineData(true, QueueStatus.Open, new[] { 2, 4 })]
    [InlineData(true, QueueStatus.Locked, new[] { 2, 4 })]
    [InlineData(true, QueueStatus.Paused, new int[0])]
    [InlineData(true, QueueStatus.Closed, new int[0])]
    [InlineData(false, QueueStatus.Open, new int[0])]
    public void AutoCallFillsEveryFreeCounterWhileCallingGoesOn(bool autoCall, QueueStatus status, int[] filled)
    {
        Assert.Equal(filled, Counters.ToFill(autoCall, status, 4, [1, 3]));
        Assert.Equal(filled.Length > 0, Counters.AutoCalls(autoCall, status));
    }
}
