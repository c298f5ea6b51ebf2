using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Notifications;

/// <summary>
/// A message to everyone waiting: written by the queue's owner or its staff, kept with its sender, shown on the queue's
/// board while fresh, and written to the outbox for every waiting or held ticket with a channel, in one transaction.
/// </summary>
public sealed class MessagesToEveryone(DatabaseFixture fixture) : TicketTest(fixture)
{
    private IQueueMessages Messages => Fixture.Services.GetRequiredService<IQueueMessages>();

    private async Task<List<Notification>> BroadcastsAsync()
    {
        await using var db = await DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.Broadcast).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task GoesToEveryWaitingAndHeldTicketWithAChannelAndShowsOnTheBoard()
    {
        var s = await SceneAsync();
        await using (var db = await DbAsync())
        {
            (await db.Queues.SingleAsync(q => q.Id == s.QueueId)).AllowGuests = true;
            await db.SaveChangesAsync();
        }
        var waiting = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var muted = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        Ok(await Tickets.SetNotifyAsync(s.OtherCustomer, muted.Id, notify: false));
        var guest = Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Pat", "pat@test.example", "+447700900123")));
        var held = Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Ann", Phone: "+447700900456")));
        var called = Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Max", Phone: "+447700900789")));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, held.Placed.Ticket.Id, slot: 1));
        Ok(await Tickets.HoldAsync(s.StaffA, held.Placed.Ticket.Id));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, called.Placed.Ticket.Id, slot: 2));

        var notice = Ok(await Messages.SendAsync(s.StaffA, s.QueueId, "  We are running 20 minutes late  "));

        Assert.Equal("We are running 20 minutes late", notice.Text);
        Assert.Equal(Clock.GetUtcNow(), notice.At);
        var sent = await BroadcastsAsync();
        Assert.Equal(
            new[] { (waiting.Id, NotificationChannel.Email), (guest.Placed.Ticket.Id, NotificationChannel.Email), (guest.Placed.Ticket.Id, NotificationChannel.Sms), (held.Placed.Ticket.Id, NotificationChannel.Sms) }.Order(),
            sent.Select(n => (n.TicketId, n.Channel)).Order());
        Assert.All(sent, n => Assert.Equal((notice.Id, notice.Text, DeliveryStatus.Pending), (n.Occurrence, n.Text, n.Status)));
        Assert.Equal(notice, Ok(await Queries.GetBoardAsync(s.QueueId)).Notice);
        Assert.Equal(notice, await Messages.CurrentAsync(s.QueueId));
        var log = Ok(await Messages.RecentAsync(s.Owner, s.QueueId));
        var entry = Assert.Single(log.Messages);
        Assert.Equal((notice.Id, notice.Text, notice.At, 4), (entry.Id, entry.Text, entry.At, entry.Messages));
        Assert.StartsWith("staff1-", entry.SentBy);
        Assert.Equal(s.Business.TimeZoneId, log.TimeZoneId);
    }

    [Fact]
    public async Task IsRefusedWithAClearMessageWhenTooLongEmptyOrNotPlainTextAndWritesNothing()
    {
        var s = await SceneAsync();
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));

        var tooLong = Refused(await Messages.SendAsync(s.Owner, s.QueueId, new string('x', 501)), ErrorKind.Validation);
        var empty = Refused(await Messages.SendAsync(s.Owner, s.QueueId, "   "), ErrorKind.Validation);
        var lines = Refused(await Messages.SendAsync(s.Owner, s.QueueId, "one\ntwo"), ErrorKind.Validation);
        var bidi = Refused(await Messages.SendAsync(s.Owner, s.QueueId, "\u202eclosed"), ErrorKind.Validation);

        Assert.Equal("A message to everyone waiting has at most 500 characters; this one has 501.", tooLong.Fields!["text"].Single());
        Assert.Equal("Write the message to send.", empty.Fields!["text"].Single());
        Assert.Contains("one line of plain text", lines.Fields!["text"].Single());
        Assert.Contains("one line of plain text", bidi.Fields!["text"].Single());
        Ok(await Messages.SendAsync(s.Owner, s.QueueId, new string('x', 500)));
        Assert.Single(Ok(await Messages.RecentAsync(s.Owner, s.QueueId)).Messages);
    }

    [Fact]
    public async Task OnlyTheQueuesOwnerAndItsStaffMayWriteOrReadThem()
    {
        var s = await SceneAsync();

        Refused(await Messages.SendAsync(s.Customer, s.QueueId, "Free coffee"), ErrorKind.Forbidden);
        Refused(await Messages.SendAsync(s.StaffB, s.QueueId, "Free coffee"), ErrorKind.Forbidden);
        Refused(await Messages.SendAsync(s.OtherOwner, s.QueueId, "Free coffee"), ErrorKind.Forbidden);
        Refused(await Messages.SendAsync(s.Owner, Guid.NewGuid(), "Free coffee"), ErrorKind.NotFound);
        Refused(await Messages.RecentAsync(s.StaffB, s.QueueId), ErrorKind.NotFound);
        Refused(await Messages.RecentAsync(s.Owner, s.QueueId, count: 0), ErrorKind.Validation);

        Assert.Null(await Messages.CurrentAsync(s.QueueId));
        Assert.Empty(Ok(await Messages.RecentAsync(s.StaffA, s.QueueId)).Messages);
    }

    [Fact]
    public async Task OneAMinuteAtMostAndEachIsShownForTwoHours()
    {
        var s = await SceneAsync();
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var first = Ok(await Messages.SendAsync(s.Owner, s.QueueId, "Back in five minutes"));
        Clock.Advance(TimeSpan.FromSeconds(45));

        var tooSoon = Refused(await Messages.SendAsync(s.StaffA, s.QueueId, "Open again"), ErrorKind.TooSoon);
        Assert.Equal("One message a minute to everyone waiting: the next can go in 15 s.", tooSoon.Message);
        Assert.Equal(first, await Messages.CurrentAsync(s.QueueId));

        Clock.Advance(TimeSpan.FromSeconds(15));
        var second = Ok(await Messages.SendAsync(s.StaffA, s.QueueId, "Open again"));
        Assert.Equal(second, await Messages.CurrentAsync(s.QueueId));
        Assert.Equal([second.Id, first.Id], Ok(await Messages.RecentAsync(s.Owner, s.QueueId)).Messages.Select(m => m.Id));
        Assert.Equal(2, (await BroadcastsAsync()).Count);

        Clock.Advance(QueueMessage.Shown);
        Assert.Null(await Messages.CurrentAsync(s.QueueId));
        Assert.Null(Ok(await Queries.GetBoardAsync(s.QueueId)).Notice);
    }

    [Fact]
    public async Task TwoSendersAtOnceSendOneMessage()
    {
        var s = await SceneAsync();
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));

        var both = await Task.WhenAll(
            Messages.SendAsync(s.Owner, s.QueueId, "From the owner"),
            Messages.SendAsync(s.StaffA, s.QueueId, "From the staff"));

        Assert.Single(both, r => r.IsSuccess);
        Assert.Single(both, r => r.Error?.Kind == ErrorKind.TooSoon);
        Assert.Single(await BroadcastsAsync());
    }
}
