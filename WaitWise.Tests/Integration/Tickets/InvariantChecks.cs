using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Data.Health;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>The invariant checker finds what breaks SPEC.md's order rules, and leaves alone what the rules allow.</summary>
public sealed class InvariantChecks(DatabaseFixture fixture) : TicketTest(fixture)
{
    private async Task<IReadOnlyList<InvariantViolation>> CheckAsync() =>
        await Fixture.Services.GetRequiredService<InvariantChecker>().CheckAsync();

    [Fact]
    public async Task CallingSomeoneSpecificAheadOfTheLineIsAllowed()
    {
        var s = await SceneAsync();
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));

        Ok(await Tickets.CallSpecificAsync(s.StaffA, second.Id));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));

        Assert.Equal(Core.Tickets.TicketStatus.Called, (await TicketAsync(first.Id)).Status);
        Assert.Empty(await CheckAsync());
    }

    [Fact]
    public async Task FindsACallNextThatSkippedAWaitingTicket()
    {
        var s = await SceneAsync();
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, second.Id));
        await using (var db = await DbAsync())
        {
            // Rewrite history: the second ticket was taken by "call next" while the first still waited.
            await db.Database.ExecuteSqlAsync($"""UPDATE "QueueEvents" SET "Command" = 'CallNext' WHERE "EntryId" = {second.Id} AND "FromStatus" = 'WAITING'""");
        }

        var violation = Assert.Single(await CheckAsync());

        Assert.Equal((6, second.Id), (violation.Invariant, violation.TicketId));
    }

    [Fact]
    public async Task FindsANumberThatJoinedBeforeALowerOne()
    {
        var s = await SceneAsync();
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "QueueEntries" SET "JoinedAt" = "JoinedAt" + interval '1 hour' WHERE "Id" = {first.Id}""");
        }

        var violation = Assert.Single(await CheckAsync());

        Assert.Equal((4, first.Id), (violation.Invariant, violation.TicketId));
    }
}
