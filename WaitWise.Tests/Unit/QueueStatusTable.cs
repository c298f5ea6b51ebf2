using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Tests.Unit;

public sealed class QueueStatusTable
{
    /// <summary>The queue's table written out again by hand, so a change to the code's table shows up here.</summary>
    private static readonly Dictionary<(QueueStatus, QueueCommand), QueueStatus> Expected = new()
    {
        [(QueueStatus.Paused, QueueCommand.Open)] = QueueStatus.Open,
        [(QueueStatus.Locked, QueueCommand.Open)] = QueueStatus.Open,
        [(QueueStatus.Closed, QueueCommand.Open)] = QueueStatus.Open,
        [(QueueStatus.Open, QueueCommand.Pause)] = QueueStatus.Paused,
        [(QueueStatus.Closed, QueueCommand.Pause)] = QueueStatus.Paused,
        [(QueueStatus.Open, QueueCommand.Lock)] = QueueStatus.Locked,
        [(QueueStatus.Paused, QueueCommand.Lock)] = QueueStatus.Locked,
        [(QueueStatus.Open, QueueCommand.Close)] = QueueStatus.Closed,
        [(QueueStatus.Paused, QueueCommand.Close)] = QueueStatus.Closed,
        [(QueueStatus.Locked, QueueCommand.Close)] = QueueStatus.Closed,
    };

    public static TheoryData<QueueStatus, QueueCommand> AllPairs()
    {
        var data = new TheoryData<QueueStatus, QueueCommand>();
        foreach (var from in Enum.GetValues<QueueStatus>())
        {
            foreach (var command in Enum.GetValues<QueueCommand>())
            {
                data.Add(from, command);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void DecidesEveryPairAsTheTableSays(QueueStatus from, QueueCommand command)
    {
        var decision = QueueTransitions.Decide(from, command);
        Assert.Equal(Expected.ContainsKey((from, command)), QueueTransitions.Offers(from, command));
        if (Expected.TryGetValue((from, command), out var to))
        {
            Assert.True(decision.IsSuccess, decision.ToString());
            Assert.Equal(to, decision.Value);
        }
        else
        {
            Assert.False(decision.IsSuccess);
            Assert.Equal(from == To(command) ? ErrorKind.Conflict : ErrorKind.InvalidTransition, decision.Error!.Kind);
            Assert.False(string.IsNullOrWhiteSpace(decision.Error.Message));
        }
    }

    private static QueueStatus To(QueueCommand command) => command switch
    {
        QueueCommand.Open => QueueStatus.Open,
        QueueCommand.Pause => QueueStatus.Paused,
        QueueCommand.Lock => QueueStatus.Locked,
        _ => QueueStatus.Closed,
    };

    [Fact]
    public void TheCodeTableHasNoRowTheExpectedOneLacks() =>
        Assert.Equal(Expected.OrderBy(p => p.Key).ToList(), QueueTransitions.All.OrderBy(p => p.Key).ToList());

    [Fact]
    public void OpeningAnOpenQueueIsRefusedUnlessItOpensOutsideItsHours()
    {
        var refused = QueueTransitions.Decide(QueueStatus.Open, QueueCommand.Open);
        var byHand = QueueTransitions.Decide(QueueStatus.Open, QueueCommand.Open, opensOutsideHours: true);

        Assert.Equal("The queue is already open.", refused.Error!.Message);
        Assert.Equal(QueueStatus.Open, byHand.Value);
    }

    [Theory]
    [InlineData(QueueStatus.Paused, QueueCommand.Pause, "The queue is already paused.")]
    [InlineData(QueueStatus.Locked, QueueCommand.Pause, "A locked queue cannot be paused.")]
    [InlineData(QueueStatus.Closed, QueueCommand.Lock, "A closed queue cannot be locked.")]
    public void ARefusalSaysWhy(QueueStatus from, QueueCommand command, string message) =>
        Assert.Equal(message, QueueTransitions.Decide(from, command).Error!.Message);
}
