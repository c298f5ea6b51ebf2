using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Tests.Integration.Businesses;

namespace WaitWise.Tests.Integration.Queues;

/// <summary>The owner reads a ticket's audit trail with who did what by e-mail, and the queue's setup with its staff.</summary>
public sealed class TicketAuditTrail(DatabaseFixture fixture) : OwnerServiceTest(fixture)
{
    private async Task<string> EmailAsync(Actor actor)
    {
        await using var db = await DbAsync();
        return db.Users.Single(u => u.Id == actor.Id).Email!;
    }

    [Fact]
    public async Task AGuestsTicketNamesTheHolderForStaffAndTheGuestActorWithoutPersonalData()
    {
        var s = await SceneAsync();
        await using (var db = await DbAsync())
        {
            (await db.Queues.FindAsync(s.QueueId))!.AllowGuests = true;
            await db.SaveChangesAsync();
        }
        var joined = Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Dee", "dee@test.example")));
        var (holder, _) = Ok(await Tickets.GuestHolderAsync(joined.Placed.Ticket.Id, joined.Key));
        Ok(await Tickets.LeaveAsync(holder, s.QueueId));

        var audit = Ok(await WithAsync<IQueueAdmin, Result<TicketAudit>>(a => a.GetAuditTrailAsync(s.Owner, joined.Placed.Ticket.Id)));

        Assert.Equal("Dee (guest · e-mail)", audit.Holder);
        Assert.Equal([(TicketCommand.Join, "guest"), (TicketCommand.Cancel, "guest")], audit.Events.Select(e => (e.Command, e.ActorEmail)));
    }

    [Fact]
    public async Task ListsEveryTransitionWithTheActorsEmail()
    {
        var s = await SceneAsync();
        var late = await TicketInStateAsync(s, TicketStatus.Late);
        Clock.Now = late.ExpiresAt!.Value;
        Ok(await Tickets.ExpireAsync(Actor.System, late.Id));

        var audit = Ok(await WithAsync<IQueueAdmin, Result<TicketAudit>>(a => a.GetAuditTrailAsync(s.Owner, late.Id)));

        Assert.Equal(late.Code, audit.Code);
        Assert.Equal(await EmailAsync(s.Customer), audit.Holder);
        Assert.Equal(
            [
                (TicketCommand.Join, await EmailAsync(s.Customer)),
                (TicketCommand.CallSpecific, await EmailAsync(s.StaffA)),
                (TicketCommand.NoShow, await EmailAsync(s.StaffA)),
                (TicketCommand.Expire, Actor.SystemId),
            ],
            audit.Events.Select(e => (e.Command, e.ActorEmail)));
        Assert.Equal(TicketStatus.Missed, audit.Events[^1].To);
    }

    [Fact]
    public async Task OnlyTheOwnerReadsTheAuditTrail()
    {
        var s = await SceneAsync();
        var ticket = await TicketInStateAsync(s, TicketStatus.Waiting);

        foreach (var intruder in new[] { s.OtherOwner, s.StaffA, s.StaffB, s.Customer, Actor.System })
        {
            Refused(await WithAsync<IQueueAdmin, Result<TicketAudit>>(a => a.GetAuditTrailAsync(intruder, ticket.Id)), ErrorKind.Forbidden);
        }
        Refused(await WithAsync<IQueueAdmin, Result<TicketAudit>>(a => a.GetAuditTrailAsync(s.Owner, Guid.NewGuid())), ErrorKind.NotFound);
    }

    [Fact]
    public async Task TheSetupListsTheStaffByEmailAfterAssignAndRemove()
    {
        var s = await SceneAsync();
        var newcomer = await UserAsync("newcomer");
        var email = await EmailAsync(newcomer);

        Ok(await WithAsync<IQueueAdmin, Result<StaffMember>>(a => a.AssignStaffAsync(s.Owner, s.QueueId, email.ToUpperInvariant())));
        var setup = Ok(await WithAsync<IQueueAdmin, Result<QueueSetup>>(a => a.GetSetupAsync(s.Owner, s.QueueId)));
        Assert.Equal(new[] { await EmailAsync(s.StaffA), email }.Order(), setup.Staff.Select(m => m.Email).Order());
        Assert.Equal(s.Business.Name, setup.BusinessName);
        Assert.Equal(s.QueueA.Name, setup.Queue.Name);

        Ok(await WithAsync<IQueueAdmin, Result<StaffMember>>(a => a.RemoveStaffAsync(s.Owner, s.QueueId, newcomer.Id)));
        setup = Ok(await WithAsync<IQueueAdmin, Result<QueueSetup>>(a => a.GetSetupAsync(s.Owner, s.QueueId)));
        Assert.Equal([await EmailAsync(s.StaffA)], setup.Staff.Select(m => m.Email));
    }
}
