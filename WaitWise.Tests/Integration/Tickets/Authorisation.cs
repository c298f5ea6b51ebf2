using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>Who may do what, checked by the service against the database (SPEC.md "Authorisation").</summary>
public sealed class Authorisation(DatabaseFixture fixture) : TicketTest(fixture)
{
    public enum Who { Holder, OtherCustomer, Owner, AssignedStaff, StaffOfOtherQueue, OtherBusinessOwner }

    /// <summary>The state a ticket must be in for the command to be allowed, so only the right is tested.</summary>
    private static readonly Dictionary<TicketCommand, TicketStatus> ReadyFor = new()
    {
        [TicketCommand.CallSpecific] = TicketStatus.Waiting,
        [TicketCommand.StartService] = TicketStatus.Called,
        [TicketCommand.Complete] = TicketStatus.Serving,
        [TicketCommand.Hold] = TicketStatus.Serving,
        [TicketCommand.Resume] = TicketStatus.Held,
        [TicketCommand.NoShow] = TicketStatus.Called,
        [TicketCommand.Recall] = TicketStatus.Called,
        [TicketCommand.Rejoin] = TicketStatus.Late,
        [TicketCommand.Cancel] = TicketStatus.Waiting,
        [TicketCommand.Expire] = TicketStatus.Late,
    };

    private static bool Allowed(Who who, TicketCommand command) => command switch
    {
        TicketCommand.Rejoin => who == Who.Holder,
        TicketCommand.Cancel => who is Who.Holder or Who.Owner or Who.AssignedStaff,
        _ => who is Who.Owner or Who.AssignedStaff,
    };

    public static TheoryData<Who, TicketCommand> Matrix()
    {
        var data = new TheoryData<Who, TicketCommand>();
        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var command in ReadyFor.Keys)
            {
                data.Add(who, command);
            }
        }
        return data;
    }

    private static Actor ActorFor(Scene s, Who who) => who switch
    {
        Who.Holder => s.Customer,
        Who.OtherCustomer => s.OtherCustomer,
        Who.Owner => s.Owner,
        Who.AssignedStaff => s.StaffA,
        Who.StaffOfOtherQueue => s.StaffB,
        Who.OtherBusinessOwner => s.OtherOwner,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task TicketCommandsBelongToTheRightPeople(Who who, TicketCommand command)
    {
        var s = await SceneAsync();
        var ticket = await TicketInStateAsync(s, ReadyFor[command]);
        if (command == TicketCommand.Expire)
        {
            Clock.Now = ticket.ExpiresAt!.Value.AddTicks(-1);
        }
        var actor = ActorFor(s, who);
        var before = await TicketAsync(ticket.Id);
        var events = (await EventsAsync(ticket.Id)).Count;

        var result = command switch
        {
            TicketCommand.CallSpecific => await Tickets.CallSpecificAsync(actor, ticket.Id),
            TicketCommand.StartService => await Tickets.StartServiceAsync(actor, ticket.Id),
            TicketCommand.Complete => await Tickets.CompleteAsync(actor, ticket.Id),
            TicketCommand.Hold => await Tickets.HoldAsync(actor, ticket.Id),
            TicketCommand.Resume => await Tickets.ResumeAsync(actor, ticket.Id),
            TicketCommand.NoShow => await Tickets.NoShowAsync(actor, ticket.Id),
            TicketCommand.Recall => await Tickets.RecallAsync(actor, ticket.Id),
            TicketCommand.Rejoin => await Tickets.RejoinAsync(actor, ticket.Id),
            TicketCommand.Cancel => await Tickets.CancelAsync(actor, ticket.Id),
            _ => await Tickets.ExpireAsync(actor, ticket.Id),
        };

        if (command == TicketCommand.Expire)
        {
            // Inside the grace time nobody may expire it; the right is checked first.
            Refused(result, Allowed(who, command) ? ErrorKind.Conflict : ErrorKind.Forbidden);
        }
        else if (Allowed(who, command))
        {
            Ok(result);
            return;
        }
        else
        {
            Refused(result, ErrorKind.Forbidden);
        }
        Assert.Equivalent(before, await TicketAsync(ticket.Id));
        Assert.Equal(events, (await EventsAsync(ticket.Id)).Count);
    }

    [Theory]
    [InlineData(Who.Owner, true)]
    [InlineData(Who.AssignedStaff, true)]
    [InlineData(Who.StaffOfOtherQueue, false)]
    [InlineData(Who.OtherBusinessOwner, false)]
    [InlineData(Who.Holder, false)]
    public async Task CallNextBelongsToTheOwnerAndAssignedStaff(Who who, bool allowed)
    {
        var s = await SceneAsync();
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var result = await Tickets.CallNextAsync(ActorFor(s, who), s.QueueId);
        if (allowed)
        {
            Ok(result);
        }
        else
        {
            Refused(result, ErrorKind.Forbidden);
        }
    }

    [Theory]
    [InlineData(Who.Owner, true)]
    [InlineData(Who.AssignedStaff, false)]
    [InlineData(Who.StaffOfOtherQueue, false)]
    [InlineData(Who.OtherBusinessOwner, false)]
    [InlineData(Who.Holder, false)]
    public async Task QueueStateBelongsToTheOwner(Who who, bool allowed)
    {
        var s = await SceneAsync();
        var actor = ActorFor(s, who);
        var results = new[]
        {
            await Control.PauseAsync(actor, s.QueueId),
            await Control.LockAsync(actor, s.QueueId),
            await Control.CloseAsync(actor, s.QueueId),
            await Control.OpenAsync(actor, s.QueueId),
        };
        foreach (var result in results)
        {
            if (allowed)
            {
                Ok(result);
            }
            else
            {
                Refused(result, ErrorKind.Forbidden);
            }
        }
    }

    [Fact]
    public async Task StaffOfQueueACannotReadOrActOnQueueB()
    {
        var s = await SceneAsync();
        var inB = Ok(await Tickets.JoinAsync(s.Customer, s.QueueB.Id));
        Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueB.Id), ErrorKind.Forbidden);
        Refused(await Tickets.CallSpecificAsync(s.StaffA, inB.Id), ErrorKind.Forbidden);
        Refused(await Tickets.CancelAsync(s.StaffA, inB.Id), ErrorKind.Forbidden);
        Refused(await Queries.GetLineAsync(s.StaffA, s.QueueB.Id), ErrorKind.Forbidden);
        Refused(await Queries.GetTicketAsync(s.StaffA, inB.Id), ErrorKind.Forbidden);
        Refused(await Queries.GetHistoryAsync(s.StaffA, inB.Id), ErrorKind.Forbidden);
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(inB.Id)).Status);
    }

    [Fact]
    public async Task CustomersSeeOnlyTheirOwnTickets()
    {
        var s = await SceneAsync();
        var mine = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Ok(await Queries.GetTicketAsync(s.Customer, mine.Id));
        Refused(await Queries.GetTicketAsync(s.OtherCustomer, mine.Id), ErrorKind.Forbidden);
        Refused(await Queries.GetLineAsync(s.Customer, s.QueueId), ErrorKind.Forbidden);
    }

    [Fact]
    public async Task TheSystemActorCannotJoinOrServe()
    {
        var s = await SceneAsync();
        Refused(await Tickets.JoinAsync(Actor.System, s.QueueId), ErrorKind.Forbidden);
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Refused(await Tickets.CallSpecificAsync(Actor.System, ticket.Id), ErrorKind.Forbidden);
    }
}
