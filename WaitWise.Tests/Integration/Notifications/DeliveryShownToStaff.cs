using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Analytics;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Notifications;

/// <summary>
/// How the messages went, as staff and the owner read it: each ticket's newest message per channel in the console and
/// the ticket list, and the owner's dashboard counting sent, failed and still-to-send per channel in its days.
/// </summary>
public sealed class DeliveryShownToStaff(DatabaseFixture fixture) : TicketTest(fixture)
{
    /// <summary>
    /// A customer (e-mail) and a guest (e-mail and phone) are called; the customer's e-mail went, the guest's SMS was
    /// refused for good, the guest's e-mail is still to go; the customer is then recalled (a newer e-mail, pending).
    /// </summary>
    private async Task<(Scene Scene, TicketView Customer, Guid Guest)> CalledAsync()
    {
        var s = await SceneAsync();
        await using (var db = await DbAsync())
        {
            (await db.Queues.SingleAsync(q => q.Id == s.QueueId)).AllowGuests = true;
            await db.SaveChangesAsync();
        }
        var customer = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var guest = Ok(await Tickets.JoinAsGuestAsync(s.QueueId, new GuestDetails("Pat", "pat@test.example", "+447700900123"))).Placed.Ticket.Id;
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId, slot: 1));
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId, slot: 2));
        await using (var db = await DbAsync())
        {
            var rows = await db.Notifications.ToListAsync();
            var mail = rows.Single(n => n.TicketId == customer.Id);
            (mail.Status, mail.Attempts, mail.SentAt) = (DeliveryStatus.Sent, 1, Clock.GetUtcNow());
            var text = rows.Single(n => n.TicketId == guest && n.Channel == NotificationChannel.Sms);
            (text.Status, text.Attempts, text.LastError) = (DeliveryStatus.Failed, 5, "The 'To' number is not a valid phone number.");
            await db.SaveChangesAsync();
        }
        Ok(await Tickets.RecallAsync(s.StaffA, customer.Id));
        return (s, customer, guest);
    }

    [Fact]
    public async Task TheConsoleAndTheTicketListShowEachTicketsNewestMessagePerChannel()
    {
        var (s, customer, guest) = await CalledAsync();

        var console = Ok(await Queries.GetConsoleAsync(s.StaffA, s.QueueId, 50));
        var list = Ok(await Queries.GetTicketsAsync(s.Owner, s.QueueId, null, 1, 50));

        foreach (var deliveries in new[] { console.Deliveries, list.Deliveries })
        {
            Assert.Equal([new TicketDelivery(NotificationChannel.Email, NotificationKind.Recalled, DeliveryStatus.Pending, 0, null)], deliveries[customer.Id]);
            Assert.Equal(
                [
                    new TicketDelivery(NotificationChannel.Email, NotificationKind.Called, DeliveryStatus.Pending, 0, null),
                    new TicketDelivery(NotificationChannel.Sms, NotificationKind.Called, DeliveryStatus.Failed, 5, "The 'To' number is not a valid phone number."),
                ],
                deliveries[guest]);
        }
        Assert.Equal(["E-mail (called) sending", "SMS (called) failed"], console.Deliveries[guest].Select(d => d.Label));
    }

    [Fact]
    public async Task TheDashboardCountsSentFailedAndStillToSendPerChannel()
    {
        var (s, _, _) = await CalledAsync();
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        var analytics = Fixture.Services.GetRequiredService<IQueueAnalytics>();

        var d = Ok(await analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(today.AddDays(-1), today.AddDays(1))));
        var quiet = Ok(await analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(today.AddDays(5), today.AddDays(6))));

        Assert.Equal([new ChannelFigures(NotificationChannel.Email, 1, 0, 2), new ChannelFigures(NotificationChannel.Sms, 0, 1, 0)], d.Messages);
        Assert.Empty(quiet.Messages);
    }
}
