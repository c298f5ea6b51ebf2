using WaitWise.Core.Queues;

namespace WaitWise.Tests.Unit;

public sealed class TicketPrefixes
{
    [Theory]
    [InlineData("", "A-")]
    [InlineData("A-", "B-")]
    [InlineData("a1,B/,,C-", "D-")]
    [InlineData("Q-,RX/", "A-")]
    [InlineData("A-,B-,D-", "C-")]
    public void ANewQueueTakesTheFirstLetterNoQueueOfTheBusinessStartsWith(string taken, string expected) =>
        Assert.Equal(expected, TicketCode.NextFreePrefix(taken.Split(',')));

    [Fact]
    public void OnceEveryLetterIsTakenItStartsAgainAtA() =>
        Assert.Equal("A-", TicketCode.NextFreePrefix(Enumerable.Range('A', 26).Select(c => $"{(char)c}-")));
}
