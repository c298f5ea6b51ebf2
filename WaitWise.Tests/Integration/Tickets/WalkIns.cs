using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>Tickets staff issue at the counter for people who walked in: any queue they run, at the back of the line, held by a key.</summary>
public sealed class WalkIns(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task StaffIssueAWalkInAtTheBackOfTheLineEvenWhereGuestsDoNotJoinByThemselves()
    {
        var s = await SceneAsync();
        await TicketInStateAsync(s, TicketStatus.Waiting);

        var unnamed = Ok(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, "  "));
        var named = Ok(await Tickets.IssueWalkInAsync(s.Owner, s.QueueId, "Jo"));

        Assert.Equal((2, 2), (unnamed.Placed.Ticket.Number, unnamed.Placed.Position!.Value));
        Assert.Equal(3, named.Placed.Position);
        await using var db = await DbAsync();
        var names = await db.Guests.Where(g => g.UserId == unnamed.Placed.Ticket.UserId || g.UserId == named.Placed.Ticket.UserId)
            .Select(g => g.Name).OrderBy(n => n).ToListAsync();
        Assert.Equal(["Jo", TicketService.WalkInName], names);
        var (holder, queue) = Ok(await Tickets.GuestHolderAsync(named.Placed.Ticket.Id, named.Key));
        Assert.Equal((named.Placed.Ticket.UserId, s.QueueId), (holder.Id, queue));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task OnlyTheQueuesStaffAndOwnerIssueWalkIns()
    {
        var s = await SceneAsync();

        Refused(await Tickets.IssueWalkInAsync(s.StaffB, s.QueueId, null), ErrorKind.Forbidden);
        Refused(await Tickets.IssueWalkInAsync(s.Customer, s.QueueId, null), ErrorKind.Forbidden);
        Refused(await Tickets.IssueWalkInAsync(s.OtherOwner, s.QueueId, null), ErrorKind.Forbidden);
        Refused(await Tickets.IssueWalkInAsync(s.StaffA, s.QueueId, new string('n', 61)), ErrorKind.Validation);

        await using var db = await DbAsync();
        Assert.Equal(0, await db.QueueEntries.CountAsync(e => e.QueueId == s.QueueId));
        Assert.Equal(0, await db.Guests.CountAsync());
    }
}
