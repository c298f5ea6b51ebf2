using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Commands;

/// <summary>
/// The pipeline's request keys: a key and its answer are written in the command's own transaction, one row per
/// caller and key, and a repeat is answered as the first time, refusals included.
/// </summary>
public sealed class RequestKeys(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task ARefusalIsAnsweredAgainForItsKeyEvenOnceTheCommandCouldGoThrough()
    {
        var s = await SceneAsync();
        var first = Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueId, key: "empty-line"), ErrorKind.Conflict);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));

        RequestKey retry = new("empty-line");
        var again = Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueId, key: retry), ErrorKind.Conflict);

        Assert.Equal(first.Message, again.Message);
        Assert.True(retry.Replayed);
        var fresh = Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId, key: "next-click"));
        Assert.Equal(TicketStatus.Called, fresh.Status);
    }

    [Fact]
    public async Task AKeyIsOneRowWrittenWithTheCommandAndARefusalWithoutAKeyWritesNone()
    {
        var s = await SceneAsync();
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId, key: "join"));
        Refused(await Tickets.StartServiceAsync(s.StaffA, ticket.Id), ErrorKind.InvalidTransition);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId, key: "join"));

        await using var db = await DbAsync();
        var row = Assert.Single(await db.IdempotencyKeys.ToListAsync());
        Assert.Equal((s.Customer.Id, "join", nameof(TicketCommand.Join), s.QueueId.ToString()), (row.Scope, row.Key, row.Command, row.Target));
        Assert.Equal(Clock.Now, row.CreatedAt);
    }

    [Fact]
    public async Task AKeyUsedForAnotherTicketOrCounterIsRefusedAndChangesNothing()
    {
        var s = await SceneAsync(slots: 2);
        var one = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var two = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, one.Id, slot: 1, key: "call"));

        Refused(await Tickets.CallSpecificAsync(s.StaffA, two.Id, slot: 1, key: "call"), ErrorKind.KeyReused);
        Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueId, slot: 2, key: "call"), ErrorKind.KeyReused);

        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(two.Id)).Status);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TheSameKeyFromTwoPeopleIsTwoRequests()
    {
        var s = await SceneAsync();

        var mine = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId, key: "same"));
        var theirs = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId, key: "same"));

        Assert.NotEqual(mine.Id, theirs.Id);
    }
}
