using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WaitWise.Core.Notifications;
using WaitWise.Data;
using WaitWise.Data.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Notifications;

namespace WaitWise.Tests.Integration.Notifications;

/// <summary>
/// Two delivery workers (as on two nodes) over one outbox, each with its own SMTP client, racing for 200 due
/// messages: each message reaches the SMTP server once, and every row is recorded sent once.
/// </summary>
public sealed class TwoWorkers(DatabaseFixture fixture) : TicketTest(fixture)
{
    [Fact]
    public async Task TwoWorkersSendEachOfTwoHundredMessagesOnce()
    {
        var s = await SceneAsync(maxSize: 300);
        var people = await UsersAsync(200);
        var tickets = new List<Guid>();
        foreach (var person in people)
        {
            tickets.Add(Ok(await Tickets.JoinAsync(person, s.QueueId)).Id);
        }
        await using (var db = await DbAsync())
        {
            var now = Clock.GetUtcNow();
            db.Notifications.AddRange(tickets.Select((id, i) => new Notification
            {
                TicketId = id, QueueId = s.QueueId, Kind = NotificationKind.Broadcast, Occurrence = 1, Channel = NotificationChannel.Email,
                Recipient = $"person{i}@test.example", Text = "We are running late.", CreatedAt = now, DueAt = now,
            }));
            await db.SaveChangesAsync();
        }
        await using var smtp = LocalSmtp.Start();
        var email = new EmailSettings { Host = "127.0.0.1", Port = smtp.Port, From = "queue@waitwise.test", Security = "None" };

        NotificationDelivery Worker() => new(
            Fixture.Services.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>(), Clock, [new EmailChannel(email, Clock)],
            Fixture.Services.GetRequiredService<IDataProtectionProvider>(), new TicketLinks(() => new Uri("http://localhost/")),
            Words.Messages, NullLogger<NotificationDelivery>.Instance);
        var (one, two) = (Worker(), Worker());
        var handled = await Task.WhenAll(Task.Run(() => one.DeliverAllDueAsync(CancellationToken.None)), Task.Run(() => two.DeliverAllDueAsync(CancellationToken.None)));

        var received = await smtp.WaitForAsync(200);
        Assert.Equal(200, handled.Sum());
        Assert.All(handled, n => Assert.True(n > 0, "Both workers took a share."));
        Assert.Equal(200, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        await using var check = await DbAsync();
        Assert.Equal(200, await check.Notifications.CountAsync(n => n.Status == DeliveryStatus.Sent && n.Attempts == 1));
    }
}
