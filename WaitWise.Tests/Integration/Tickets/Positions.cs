using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>A ticket's position agrees with its place in the line, whatever has left the line early or rejoined it.</summary>
public sealed class Positions(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task EveryWaitingTicketsPositionIsItsPlaceInTheLine(int seed)
    {
        var s = await SceneAsync(maxSize: 200, slots: 3, graceSeconds: 3600);
        var customers = await UsersAsync(60, "line");
        var random = new Random(seed);
        var tickets = new List<TicketView>();
        foreach (var customer in customers)
        {
            Clock.Advance(TimeSpan.FromSeconds(random.Next(0, 3)));
            tickets.Add(Ok(await Tickets.JoinAsync(customer, s.QueueId)));
        }
        // Gaps in the run of numbers: tickets called out of turn, cancelled, no-shows and rejoins with their boost.
        foreach (var ticket in tickets.OrderBy(_ => random.Next()).Take(25))
        {
            var roll = random.Next(4);
            if (roll == 0)
            {
                Ok(await Tickets.CancelAsync(new Core.Auth.Actor(ticket.UserId), ticket.Id));
                continue;
            }
            if (Refuses(await Tickets.CallSpecificAsync(s.StaffA, ticket.Id)))
            {
                continue;
            }
            Ok(await Tickets.NoShowAsync(s.StaffA, ticket.Id));
            if (roll >= 2)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                Ok(await Tickets.RejoinAsync(new Core.Auth.Actor(ticket.UserId), ticket.Id));
            }
        }
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));

        var line = Ok(await Queries.GetLineAsync(s.Owner, s.QueueId, 1000));
        Assert.Contains(line, t => t.PriorityBoost == 1);
        for (var i = 0; i < line.Count; i++)
        {
            var position = Ok(await Queries.GetTicketAsync(new Core.Auth.Actor(line[i].UserId), line[i].Id));
            Assert.Equal((line[i].Code, i + 1), (position.Ticket.Code, position.Position));
        }
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task PositionsCountTheLineNotTicketNumbers()
    {
        var s = await SceneAsync(maxSize: 20);
        var customers = await UsersAsync(6, "gap");
        var tickets = new List<TicketView>();
        foreach (var customer in customers)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            tickets.Add(Ok(await Tickets.JoinAsync(customer, s.QueueId)));
        }
        // Numbers 2 and 4 go missing from the table (no command does this; a line must be placed right regardless).
        await using (var db = await DbAsync())
        {
            var gone = new[] { tickets[1].Id, tickets[3].Id };
            await db.QueueEvents.Where(e => gone.Contains(e.EntryId)).ExecuteDeleteAsync();
            await db.QueueEntries.Where(e => gone.Contains(e.Id)).ExecuteDeleteAsync();
        }

        var places = new List<int?>();
        foreach (var ticket in new[] { tickets[0], tickets[2], tickets[4], tickets[5] })
        {
            places.Add(Ok(await Queries.GetTicketAsync(new Core.Auth.Actor(ticket.UserId), ticket.Id)).Position);
        }

        Assert.Equal([1, 2, 3, 4], places);
    }

    private static bool Refuses<T>(Core.Common.Result<T> result) => !result.IsSuccess;
}
