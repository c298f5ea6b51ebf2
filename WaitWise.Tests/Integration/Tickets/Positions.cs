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

    private static bool Refuses<T>(Core.Common.Result<T> result) => !result.IsSuccess;
}
