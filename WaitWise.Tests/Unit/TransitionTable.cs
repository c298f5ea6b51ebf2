using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Tests.Unit;

public sealed class TransitionTable
{
    /// <summary>SPEC.md's table, written out again by hand so a change to the code's table shows up here.</summary>
    private static readonly Dictionary<(TicketStatus?, TicketCommand), TicketStatus> Spec = new()
    {
        [(null, TicketCommand.Join)] = TicketStatus.Waiting,
        [(TicketStatus.Waiting, TicketCommand.CallNext)] = TicketStatus.Called,
        [(TicketStatus.Waiting, TicketCommand.CallSpecific)] = TicketStatus.Called,
        [(TicketStatus.Called, TicketCommand.StartService)] = TicketStatus.Serving,
        [(TicketStatus.Serving, TicketCommand.Complete)] = TicketStatus.Completed,
        [(TicketStatus.Called, TicketCommand.Hold)] = TicketStatus.Held,
        [(TicketStatus.Serving, TicketCommand.Hold)] = TicketStatus.Held,
        [(TicketStatus.Held, TicketCommand.Resume)] = TicketStatus.Serving,
        [(TicketStatus.Called, TicketCommand.NoShow)] = TicketStatus.Late,
        [(TicketStatus.Called, TicketCommand.CallTimeout)] = TicketStatus.Late,
        [(TicketStatus.Late, TicketCommand.Rejoin)] = TicketStatus.Waiting,
        [(TicketStatus.Late, TicketCommand.Expire)] = TicketStatus.Missed,
        [(TicketStatus.Waiting, TicketCommand.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Called, TicketCommand.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Serving, TicketCommand.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Held, TicketCommand.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Late, TicketCommand.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Called, TicketCommand.Recall)] = TicketStatus.Called,
    };

    public static TheoryData<TicketStatus?, TicketCommand> AllPairs()
    {
        var data = new TheoryData<TicketStatus?, TicketCommand>();
        foreach (var from in Enum.GetValues<TicketStatus>().Cast<TicketStatus?>().Prepend(null))
        {
            foreach (var command in Enum.GetValues<TicketCommand>())
            {
                data.Add(from, command);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void DecidesEveryPairAsTheSpecSays(TicketStatus? from, TicketCommand command)
    {
        var decision = TicketTransitions.Decide(from, command);
        if (Spec.TryGetValue((from, command), out var to))
        {
            Assert.True(decision.IsSuccess, decision.ToString());
            Assert.Equal(to, decision.Value);
        }
        else
        {
            Assert.False(decision.IsSuccess);
            Assert.Equal(ErrorKind.InvalidTransition, decision.Error!.Kind);
            Assert.False(string.IsNullOrWhiteSpace(decision.Error.Message));
        }
    }

    [Fact]
    public void HasNoTransitionOutOfATerminalState()
    {
        Assert.DoesNotContain(TicketTransitions.All.Keys, k => k.From is { } s && s.IsTerminal());
    }

    [Fact]
    public void HoldingWipesServedAtSoTheBreakIsNotServiceTime()
    {
        var now = DateTimeOffset.UnixEpoch;
        var ticket = QueueEntry.Join(Guid.NewGuid(), "u", 1, now);
        Assert.True(ticket.Call(TicketCommand.CallNext, 1, now.AddMinutes(1)).IsSuccess);
        Assert.True(ticket.StartService(now.AddMinutes(2)).IsSuccess);
        Assert.True(ticket.Hold().IsSuccess);
        Assert.Null(ticket.ServedAt);
        Assert.Null(ticket.Slot);
        Assert.True(ticket.Resume(2, now.AddMinutes(30)).IsSuccess);
        Assert.True(ticket.Complete(now.AddMinutes(35)).IsSuccess);
        Assert.Equal(TimeSpan.FromMinutes(5), ticket.CompletedAt - ticket.ServedAt);
    }

    [Fact]
    public void AClockThatMovesBackwardsNeverMakesATimestampPrecedeTheOneBefore()
    {
        var now = DateTimeOffset.UnixEpoch.AddHours(1);
        var ticket = QueueEntry.Join(Guid.NewGuid(), "u", 1, now);
        Assert.True(ticket.Call(TicketCommand.CallNext, 1, now.AddMinutes(-5)).IsSuccess);
        Assert.True(ticket.StartService(now.AddMinutes(-10)).IsSuccess);
        Assert.True(ticket.Complete(now.AddMinutes(-20)).IsSuccess);
        Assert.True(ticket.CalledAt >= ticket.JoinedAt);
        Assert.True(ticket.ServedAt >= ticket.CalledAt);
        Assert.True(ticket.CompletedAt >= ticket.ServedAt);
    }

    [Fact]
    public void RejoinIsAllowedOneTickBeforeExpiryAndRefusedAtIt()
    {
        var now = DateTimeOffset.UnixEpoch;
        QueueEntry Late()
        {
            var t = QueueEntry.Join(Guid.NewGuid(), "u", 1, now);
            t.Call(TicketCommand.CallNext, 1, now);
            t.MarkLate(TicketCommand.NoShow, TimeSpan.FromMinutes(10), now);
            return t;
        }
        var inTime = Late();
        Assert.True(inTime.Rejoin(now.AddMinutes(10).AddTicks(-1)).IsSuccess);
        Assert.Equal(1, inTime.PriorityBoost);
        Assert.Null(inTime.ExpiresAt);

        var tooLate = Late();
        Assert.Equal(ErrorKind.GraceExpired, tooLate.Rejoin(now.AddMinutes(10)).Error!.Kind);
        Assert.Equal(TicketStatus.Late, tooLate.Status);
    }
}
