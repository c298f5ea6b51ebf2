using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>With AutoCall on, every freed slot is filled from the head of the line in the same transaction.</summary>
public sealed class AutoCall(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task AJoinIntoAFreeSlotIsCalledAtOnceBySystem()
    {
        var s = await SceneAsync(slots: 1, autoCall: true);
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Assert.Equal(TicketStatus.Called, (await TicketAsync(ticket.Id)).Status);
        var events = await EventsAsync(ticket.Id);
        Assert.Equal([TicketCommand.Join, TicketCommand.CallNext], events.Select(e => e.Command));
        Assert.Equal(Actor.SystemId, events[1].ActorId);
    }

    /// <summary>
    /// Every command applies what is due first, the owner's included; a call timeout that frees the counter then lets
    /// AutoCall call the next ticket there and then, not whenever something else happens.
    /// </summary>
    [Fact]
    public async Task AnOwnersSettingThatAppliesACallTimeoutCallsTheNextTicket()
    {
        var s = await SceneAsync(slots: 1, autoCall: true, callTimeoutSeconds: 60);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(61));

        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            Ok(await scope.ServiceProvider.GetRequiredService<IQueueAdmin>().SetOpeningHoursAsync(s.Owner, s.QueueId, []));
        }

        Assert.Equal(TicketStatus.Late, (await TicketAsync(first.Id)).Status);
        Assert.Equal((TicketStatus.Called, (int?)1), ((await TicketAsync(second.Id)).Status, (await TicketAsync(second.Id)).Slot));
        await AssertInvariantsHoldAsync();
    }

    [Theory]
    [InlineData(TicketCommand.Complete)]
    [InlineData(TicketCommand.Hold)]
    [InlineData(TicketCommand.NoShow)]
    [InlineData(TicketCommand.Cancel)]
    public async Task FreeingTheSlotCallsTheNextTicket(TicketCommand freeing)
    {
        var s = await SceneAsync(slots: 1, autoCall: true);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(second.Id)).Status);
        if (freeing is TicketCommand.Complete or TicketCommand.Hold)
        {
            Ok(await Tickets.StartServiceAsync(s.StaffA, first.Id));
        }
        Ok(freeing switch
        {
            TicketCommand.Complete => await Tickets.CompleteAsync(s.StaffA, first.Id),
            TicketCommand.Hold => await Tickets.HoldAsync(s.StaffA, first.Id),
            TicketCommand.NoShow => await Tickets.NoShowAsync(s.StaffA, first.Id),
            _ => await Tickets.CancelAsync(s.Customer, first.Id),
        });
        var next = await TicketAsync(second.Id);
        Assert.Equal(TicketStatus.Called, next.Status);
        Assert.Equal(1, next.Slot);
    }

    [Fact]
    public async Task APausedQueueCallsNobodyUntilItOpens()
    {
        var s = await SceneAsync(slots: 1, autoCall: true);
        Ok(await Control.PauseAsync(s.Owner, s.QueueId));
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(ticket.Id)).Status);
        Ok(await Control.OpenAsync(s.Owner, s.QueueId));
        Assert.Equal(TicketStatus.Called, (await TicketAsync(ticket.Id)).Status);
    }

    [Fact]
    public async Task ACallTimeoutFreesTheSlotForTheNextTicketOnTheNextCommand()
    {
        var s = await SceneAsync(slots: 1, autoCall: true, callTimeoutSeconds: 60, graceSeconds: 120);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(60));
        var third = Ok(await Tickets.JoinAsync(await UserAsync(), s.QueueId));
        var late = await TicketAsync(first.Id);
        Assert.Equal(TicketStatus.Late, late.Status);
        Assert.Equal(first.CalledAt!.Value.AddSeconds(60), late.LateAt);
        Assert.Equal(late.LateAt!.Value.AddSeconds(120), late.ExpiresAt);
        Assert.Equal(TicketStatus.Called, (await TicketAsync(second.Id)).Status);
        Assert.Equal(TicketStatus.Waiting, third.Status);
    }
}
