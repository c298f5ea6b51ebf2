using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;
using WaitWise.Data.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Notifications;

/// <summary>
/// The outbox: each command writes the messages it made due in its own transaction, one row per ticket, kind,
/// occurrence and channel, to the account's e-mail unless turned off and to what a guest gave.
/// </summary>
public sealed class MessagesMadeDue(DatabaseFixture fixture) : TicketTest(fixture)
{
    private async Task<List<Notification>> OutboxAsync(Guid? ticketId = null)
    {
        await using var db = await DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => ticketId == null || n.TicketId == ticketId).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<string> EmailOfAsync(Actor actor)
    {
        await using var db = await DbAsync();
        return (await db.Users.SingleAsync(u => u.Id == actor.Id)).Email!;
    }

    private async Task SetAsync(Guid queueId, int notifyAt)
    {
        await using var db = await DbAsync();
        var queue = (await db.Queues.FindAsync(queueId))!;
        (queue.NotifyAtPosition, queue.AllowGuests) = (notifyAt, true);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ACallARecallANoShowAndTheEndOfTheGraceTimeEachWriteOneMessageToTheAccountsEmail()
    {
        var s = await SceneAsync(graceSeconds: 300);
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var called = Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId, slot: 2));
        Ok(await Tickets.RecallAsync(s.StaffA, ticket.Id));
        var late = Ok(await Tickets.NoShowAsync(s.StaffA, ticket.Id));
        Clock.Advance(TimeSpan.FromSeconds(301));
        await Fixture.Services.GetRequiredService<DueTransitionService>().SweepAsync();

        var sent = await OutboxAsync(ticket.Id);
        var email = await EmailOfAsync(s.Customer);
        Assert.Equal([NotificationKind.Called, NotificationKind.Recalled, NotificationKind.Late, NotificationKind.Missed], sent.Select(n => n.Kind));
        Assert.All(sent, n => Assert.Equal((NotificationChannel.Email, email, DeliveryStatus.Pending, s.QueueId), (n.Channel, n.Recipient, n.Status, n.QueueId)));
        Assert.Equal((2, 2), (sent[0].Slot, sent[1].Slot));
        Assert.Equal(late.ExpiresAt, sent[2].Until);
        Assert.Equal(2, sent.Select(n => n.Occurrence).Take(2).Distinct().Count());
        Assert.Equal(called.Id, ticket.Id);
    }

    [Fact]
    public async Task AlmostYourTurnGoesOnceToEachTicketThatMovesIntoThePlacesFromFurtherBack()
    {
        var s = await SceneAsync();
        await SetAsync(s.QueueId, notifyAt: 2);
        var people = await UsersAsync(5);
        var tickets = new List<TicketView>();
        foreach (var person in people)
        {
            tickets.Add(Ok(await Tickets.JoinAsync(person, s.QueueId)));
        }
        Assert.Empty(await OutboxAsync());

        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        var afterFirstCall = (await OutboxAsync()).Where(n => n.Kind == NotificationKind.Almost).Select(n => n.TicketId).ToList();
        Ok(await Tickets.CancelAsync(people[3], tickets[3].Id));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        var almost = (await OutboxAsync()).Where(n => n.Kind == NotificationKind.Almost).ToList();

        // First call: the third moves to place 2. The cancel of the fourth moves the fifth to place 3, not into the
        // places; the second call moves the fifth to place 2, and the third (now first) is not told again.
        Assert.Equal([tickets[2].Id], afterFirstCall);
        Assert.Equal([tickets[2].Id, tickets[4].Id], almost.Select(n => n.TicketId));
        Assert.All(almost, n => Assert.Equal(0, n.Occurrence));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task NobodyIsWrittenToWhoTurnedMessagesOffAndAGuestIsReachedByWhatTheyGave()
    {
        var s = await SceneAsync();
        await SetAsync(s.QueueId, notifyAt: 0);
        var quiet = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var muted = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        var phone = Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Pat", Phone: "+447700900123")));
        var both = Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Sam", "sam@test.example", "+447700900456")));
        await using (var db = await DbAsync())
        {
            (await db.Users.SingleAsync(u => u.Id == s.Customer.Id)).EmailNotifications = false;
            await db.SaveChangesAsync();
        }
        Refused(await Tickets.SetNotifyAsync(s.Customer, muted.Id, notify: false), ErrorKind.NotFound);
        Assert.False(Ok(await Tickets.SetNotifyAsync(s.OtherCustomer, muted.Id, notify: false)));

        for (var i = 0; i < 4; i++)
        {
            Ok(await Tickets.CallNextAsync(i % 2 == 0 ? s.StaffA : s.Owner, s.QueueId));
            await CompleteCalledAsync(s);
        }

        var sent = await OutboxAsync();
        Assert.DoesNotContain(sent, n => n.TicketId == quiet.Id || n.TicketId == muted.Id);
        Assert.Equal([(NotificationChannel.Sms, "+447700900123")], sent.Where(n => n.TicketId == phone.Placed.Ticket.Id).Select(n => (n.Channel, n.Recipient)));
        Assert.Equal([(NotificationChannel.Email, "sam@test.example"), (NotificationChannel.Sms, "+447700900456")],
            sent.Where(n => n.TicketId == both.Placed.Ticket.Id).Select(n => (n.Channel, n.Recipient)).Order());
    }

    private async Task CompleteCalledAsync(Scene s)
    {
        await using var db = await DbAsync();
        foreach (var id in await db.QueueEntries.Where(e => e.QueueId == s.QueueId && e.Status == TicketStatus.Called).Select(e => e.Id).ToListAsync())
        {
            Ok(await Tickets.StartServiceAsync(s.Owner, id));
            Ok(await Tickets.CompleteAsync(s.Owner, id));
        }
    }

    [Fact]
    public async Task ARefusedCommandWritesNothing()
    {
        var s = await SceneAsync(slots: 1);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));
        var before = await OutboxAsync();

        Refused(await Tickets.CallNextAsync(s.StaffA, s.QueueId), ErrorKind.NoFreeSlot);
        Refused(await Tickets.CallSpecificAsync(s.StaffB, first.Id), ErrorKind.Forbidden);

        Assert.Equal(before.Select(n => n.Id), (await OutboxAsync()).Select(n => n.Id));
    }
}
