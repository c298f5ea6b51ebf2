using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>
/// A guest who signs in takes the guest tickets their browser holds into the account: the ticket is the account's
/// from then on, the key opens it no more, and one person still holds one open ticket in a line.
/// </summary>
public sealed class GuestTicketsTakenIntoAnAccount(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task TheTicketBecomesTheAccountsWithItsPlaceAndTheKeyNoLongerOpensIt()
    {
        var s = await SceneAsync();
        await TicketInStateAsync(s, TicketStatus.Waiting, s.OtherCustomer);
        var walkIn = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "Ann"));

        var attached = Ok(await Tickets.AttachGuestTicketAsync(s.Customer, walkIn.Placed.Ticket.Id, walkIn.Key));

        Assert.Equal((s.Customer.Id, TicketStatus.Waiting, walkIn.Placed.Ticket.Number), (attached.UserId, attached.Status, attached.Number));
        var mine = Ok(await Queries.GetMyTicketAsync(s.Customer, s.QueueId));
        Assert.Equal((walkIn.Placed.Ticket.Id, 2), (mine.Ticket.Id, mine.Position!.Value));
        Refused(await Tickets.GuestHolderAsync(walkIn.Placed.Ticket.Id, walkIn.Key), ErrorKind.NotFound);
        var last = (await EventsAsync(walkIn.Placed.Ticket.Id)).Last();
        Assert.Equal((TicketCommand.Attach, s.Customer.Id, TicketStatus.Waiting, TicketStatus.Waiting), (last.Command, last.ActorId, last.FromStatus, last.ToStatus));
        // Taken once: a second try (another tab) finds nothing the key holds.
        Refused(await Tickets.AttachGuestTicketAsync(s.OtherCustomer, walkIn.Placed.Ticket.Id, walkIn.Key), ErrorKind.NotFound);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task AnAccountAlreadyInTheLineIsRefusedAndAnEndedTicketMovesAsHistory()
    {
        var s = await SceneAsync();
        var own = await TicketInStateAsync(s, TicketStatus.Waiting);
        var open = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "Ann"));
        var ended = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "Ann"));
        Ok(await Tickets.CancelAsync(s.StaffA, ended.Placed.Ticket.Id));

        var refused = Refused(await Tickets.AttachGuestTicketAsync(s.Customer, open.Placed.Ticket.Id, open.Key), ErrorKind.AlreadyInQueue);
        var history = Ok(await Tickets.AttachGuestTicketAsync(s.Customer, ended.Placed.Ticket.Id, ended.Key));

        Assert.Contains(own.Code, refused.Message);
        Assert.Equal(open.Placed.Ticket.UserId, (await TicketAsync(open.Placed.Ticket.Id)).UserId);
        Ok(await Tickets.GuestHolderAsync(open.Placed.Ticket.Id, open.Key));
        Assert.Equal((s.Customer.Id, TicketStatus.Cancelled), (history.UserId, history.Status));
        Assert.Contains(Ok(await Queries.GetMyTicketsAsync(s.Customer)).Past, t => t.Ticket.Ticket.Id == ended.Placed.Ticket.Id);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task AWrongKeyOrAGuestCannotTakeATicket()
    {
        var s = await SceneAsync();
        var walkIn = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "Ann"));
        var other = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "Bo"));

        Refused(await Tickets.AttachGuestTicketAsync(s.Customer, walkIn.Placed.Ticket.Id, other.Key), ErrorKind.NotFound);
        Refused(await Tickets.AttachGuestTicketAsync(s.Customer, walkIn.Placed.Ticket.Id, null), ErrorKind.NotFound);
        Refused(await Tickets.AttachGuestTicketAsync(new(other.Placed.Ticket.UserId), walkIn.Placed.Ticket.Id, walkIn.Key), ErrorKind.Forbidden);

        Assert.Equal(walkIn.Placed.Ticket.UserId, (await TicketAsync(walkIn.Placed.Ticket.Id)).UserId);
        await AssertInvariantsHoldAsync();
    }
}
