using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Tickets;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// A business with two queues: A (the one under test) and B. Staff A is assigned to A only, staff B to B only;
/// another business has its own owner.
/// </summary>
public sealed record Scene(
    Actor Owner, Actor StaffA, Actor StaffB, Actor OtherOwner, Actor Customer, Actor OtherCustomer,
    Business Business, Queue QueueA, Queue QueueB)
{
    public Guid QueueId => QueueA.Id;
}

/// <summary>Base of the ticket tests: a scene and tickets in any state.</summary>
public abstract class TicketTest(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    protected ITicketQueries Queries => Fixture.Services.GetRequiredService<ITicketQueries>();

    protected ICounterPresences Presences => Fixture.Services.GetRequiredService<ICounterPresences>();

    protected async Task<Scene> SceneAsync(int maxSize = 50, int slots = 2, bool autoCall = false, int graceSeconds = 600, int callTimeoutSeconds = 180)
    {
        var owner = await UserAsync("owner");
        var staff = await UsersAsync(2, "staff");
        var otherOwner = await UserAsync("other-owner");
        var customers = await UsersAsync(2, "customer");
        var business = await BusinessAsync(owner);
        var queueA = await QueueAsync(business, maxSize, slots, autoCall, graceSeconds: graceSeconds, callTimeoutSeconds: callTimeoutSeconds, staff: [staff[0]]);
        var queueB = await QueueAsync(business, staff: [staff[1]]);
        await BusinessAsync(otherOwner);
        return new Scene(owner, staff[0], staff[1], otherOwner, customers[0], customers[1], business, queueA, queueB);
    }

    /// <summary>Brings a fresh ticket of the scene's customer to <paramref name="state"/> through real commands.</summary>
    protected async Task<TicketView> TicketInStateAsync(Scene s, TicketStatus state, Actor? holder = null)
    {
        holder ??= s.Customer;
        var ticket = Ok(await Tickets.JoinAsync(holder, s.QueueId));
        if (state == TicketStatus.Waiting)
        {
            return ticket;
        }
        if (state == TicketStatus.Cancelled)
        {
            return Ok(await Tickets.CancelAsync(holder, ticket.Id));
        }
        ticket = Ok(await Tickets.CallSpecificAsync(s.StaffA, ticket.Id));
        switch (state)
        {
            case TicketStatus.Called:
                return ticket;
            case TicketStatus.Serving:
                return Ok(await Tickets.StartServiceAsync(s.StaffA, ticket.Id));
            case TicketStatus.Held:
                return Ok(await Tickets.HoldAsync(s.StaffA, ticket.Id));
            case TicketStatus.Completed:
                Ok(await Tickets.StartServiceAsync(s.StaffA, ticket.Id));
                return Ok(await Tickets.CompleteAsync(s.StaffA, ticket.Id));
            case TicketStatus.Late:
                return Ok(await Tickets.NoShowAsync(s.StaffA, ticket.Id));
            case TicketStatus.Missed:
                var late = Ok(await Tickets.NoShowAsync(s.StaffA, ticket.Id));
                Clock.Now = late.ExpiresAt!.Value;
                return Ok(await Tickets.ExpireAsync(Actor.System, ticket.Id));
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }
}
