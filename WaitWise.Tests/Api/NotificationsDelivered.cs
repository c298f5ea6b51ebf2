using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Notifications;
using WaitWise.Data.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// Messages through real channels: e-mail over SMTP to a real local SMTP server, SMS through Twilio's library to a
/// local server that speaks its API; each once, with the ticket's link, and a refusal retried and then failed.
/// </summary>
public sealed class NotificationsDelivered : IAsyncLifetime
{
    private LocalSmtp _smtp = null!;
    private LocalTwilio _twilio = null!;
    private AppHost _app = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        _smtp = LocalSmtp.Start();
        _twilio = await LocalTwilio.StartAsync();
        _app = new AppHost
        {
            Settings =
            {
                ["WaitWise:RateLimits:Auth:PermitLimit"] = "100000",
                ["WaitWise:RateLimits:GuestJoin:PermitLimit"] = "100000",
                ["WaitWise:Email:Host"] = "127.0.0.1",
                ["WaitWise:Email:Port"] = _smtp.Port.ToString(),
                ["WaitWise:Email:From"] = "queue@waitwise.test",
                ["WaitWise:Email:Security"] = "None",
                ["WaitWise:Sms:Provider"] = "Twilio",
                ["WaitWise:Sms:AccountSid"] = LocalTwilio.AccountSid,
                ["WaitWise:Sms:AuthToken"] = LocalTwilio.AuthToken,
                ["WaitWise:Sms:From"] = LocalTwilio.From,
                ["WaitWise:Sms:BaseAddress"] = _twilio.BaseAddress.ToString(),
            },
        };
        await _app.InitializeAsync();
        _owner = await _app.SignedInClientAsync(DemoSeeder.OwnerEmail);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _twilio.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<Guid> GuestQueueAsync()
    {
        var queue = await _app.NewOpenQueueAsync(_owner);
        await (await _owner.PutAsJsonAsync($"/api/v1/queues/{queue}", new { allowGuests = true, notifyAtPosition = 0 })).AssertOkAsync();
        return queue;
    }

    private async Task<List<Notification>> OutboxAsync(Guid queue)
    {
        await using var db = await _app.DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.QueueId == queue).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task ACalledCustomerGetsOneEmailNamingTheCounterWithTheQueuesLink()
    {
        var queue = await GuestQueueAsync();
        var (customer, userId) = await _app.NewCustomerClientAsync();
        var joined = await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);

        var called = await (await _owner.PostAsJsonAsync($"/api/v1/queues/{queue}/call-next", new { slot = 2 })).AssertOkAsync();

        var mail = (await _smtp.WaitForAsync(1)).Single();
        string email;
        await using (var db = await _app.DbAsync())
        {
            email = (await db.Users.SingleAsync(u => u.Id == userId)).Email!;
        }
        Assert.Equal(email, mail.To.Mailboxes.Single().Address);
        Assert.Equal("queue@waitwise.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Your turn: counter 2", mail.Subject);
        Assert.Contains($"Ticket {joined.GetProperty("code").GetString()} is called", mail.TextBody);
        Assert.Contains($"/queues/{queue}", mail.TextBody);
        var sent = await WaitForAsync(queue, n => n.Status != DeliveryStatus.Pending);
        Assert.Single(await OutboxAsync(queue));
        Assert.Equal((NotificationKind.Called, DeliveryStatus.Sent, 1), (sent.Kind, sent.Status, sent.Attempts));
        Assert.Equal(called.GetProperty("ticketId").GetGuid(), sent.TicketId);
    }

    [Fact]
    public async Task AGuestWhoJoinedInFrenchIsCalledInFrench()
    {
        var queue = await GuestQueueAsync();
        using var french = _app.Client();
        french.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9,en;q=0.5");
        var guest = await (await french.PostAsJsonAsync($"/api/v1/queues/{queue}/guest-tickets",
            new { name = "Amélie", email = "amelie@test.example" })).AssertOkAsync(HttpStatusCode.Created);

        await (await _owner.PostAsJsonAsync($"/api/v1/queues/{queue}/call-next", new { slot = 2 })).AssertOkAsync();

        var mail = (await _smtp.WaitForAsync(1)).Single();
        var words = Words.In("fr");
        string queueName;
        await using (var db = await _app.DbAsync())
        {
            queueName = await db.Queues.Where(q => q.Id == queue).Select(q => q.Name).SingleAsync();
        }
        var at = words["{0} ({1})", queueName, DemoSeeder.BusinessName].Value;
        Assert.Equal(words["Your turn: counter {0}", 2].Value, mail.Subject);
        Assert.NotEqual(Words.English["Your turn: counter {0}", 2].Value, mail.Subject);
        Assert.StartsWith(words["Ticket {0} is called at {1}: please go to counter {2} now. {3}", guest.GetProperty("code").GetString()!, at, 2, ""].Value.TrimEnd(),
            mail.TextBody);
    }

    [Fact]
    public async Task ACustomerWhoNamedNoLanguageIsToldInTheBusinesssLanguage()
    {
        var queue = await GuestQueueAsync();
        var (customer, _) = await _app.NewCustomerClientAsync();
        await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        await _app.SetBusinessLanguageAsync(queue, "es");

        await (await _owner.PostAsJsonAsync($"/api/v1/queues/{queue}/call-next", new { slot = 1 })).AssertOkAsync();

        var mail = (await _smtp.WaitForAsync(1)).Single();
        Assert.Equal(Words.In("es")["Your turn: counter {0}", 1].Value, mail.Subject);
    }

    [Fact]
    public async Task AGuestGetsAnSmsAndAnEmailWithTheirTicketsOwnLinkAndARefusedNumberIsRetriedThenFailed()
    {
        var queue = await GuestQueueAsync();
        var guest = await (await _app.Client().PostAsJsonAsync($"/api/v1/queues/{queue}/guest-tickets",
            new { name = "Gus", phone = "+447700900123", email = "gus@test.example" })).AssertOkAsync(HttpStatusCode.Created);
        _twilio.Refused.TryAdd("+447700900999", 0);
        var refused = await (await _app.Client().PostAsJsonAsync($"/api/v1/queues/{queue}/guest-tickets",
            new { name = "Rae", phone = "+447700900999" })).AssertOkAsync(HttpStatusCode.Created);

        await (await _owner.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();
        await (await _owner.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();

        var text = (await _twilio.WaitForAsync(1)).Single();
        var mail = (await _smtp.WaitForAsync(1)).Single();
        var link = guest.GetProperty("ticketUrl").GetString()!;
        Assert.Equal(("+447700900123", LocalTwilio.From), (text.To, text.From));
        Assert.Contains($"Ticket {guest.GetProperty("code").GetString()} is called", text.Body);
        Assert.Contains(link[link.IndexOf("/tickets/", StringComparison.Ordinal)..], text.Body);
        Assert.Contains(link[link.IndexOf("/tickets/", StringComparison.Ordinal)..], mail.TextBody);
        Assert.Equal("gus@test.example", mail.To.Mailboxes.Single().Address);

        var delivery = _app.Services.GetRequiredService<NotificationDelivery>();
        var failing = await WaitForAsync(queue, n => n.TicketId == refused.GetProperty("ticketId").GetGuid() && n.Attempts == 1);
        Assert.Equal(DeliveryStatus.Pending, failing.Status);
        Assert.Contains("is not a valid phone number", failing.LastError);
        for (var attempt = 2; attempt <= NotificationDelivery.MaxAttempts; attempt++)
        {
            _app.Clock.Advance(NotificationDelivery.Backoff(attempt - 1) + TimeSpan.FromSeconds(1));
            await delivery.DeliverAllDueAsync(CancellationToken.None);
        }
        var failed = (await OutboxAsync(queue)).Single(n => n.Id == failing.Id);
        Assert.Equal((DeliveryStatus.Failed, NotificationDelivery.MaxAttempts), (failed.Status, failed.Attempts));
        Assert.Single(_twilio.Received);
        Assert.Single(_smtp.Received);
        // The clock ran on through the back-offs, so the call timed out (as the due-transition job finds): the newest
        // message is the late one, refused once by the same number by the delivery running in the background.
        await _app.Services.GetRequiredService<WaitWise.Data.Tickets.DueTransitionService>().CatchUpAsync(queue);
        var newest = await WaitForAsync(queue, n => n.TicketId == failing.TicketId && n.Kind == NotificationKind.Late && n.Attempts == 1);
        var list = await (await _owner.GetAsync($"/api/v1/queues/{queue}/tickets")).AssertOkAsync();
        var row = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("ticketId").GetGuid() == failing.TicketId);
        var shown = row.GetProperty("deliveries").EnumerateArray().Single();
        Assert.Equal(newest.Id, (await OutboxAsync(queue)).Where(n => n.TicketId == failing.TicketId).MaxBy(n => n.Id)!.Id);
        Assert.Equal(("SMS", "LATE", newest.Status.ToString().ToUpperInvariant(), newest.Attempts), (shown.GetProperty("channel").GetString(),
            shown.GetProperty("kind").GetString(), shown.GetProperty("status").GetString(), shown.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task AMessageToEveryoneFromTheApiReachesEachWaitingGuestAndTheQueuesPublicState()
    {
        var queue = await GuestQueueAsync();
        var guest = await (await _app.Client().PostAsJsonAsync($"/api/v1/queues/{queue}/guest-tickets",
            new { name = "Gus", phone = "+447700900123", email = "gus@test.example" })).AssertOkAsync(HttpStatusCode.Created);
        var words = "We are running 20 minutes late";

        var tooLong = await _owner.PostAsJsonAsync($"/api/v1/queues/{queue}/messages", new { text = new string('x', 501) });
        var anonymous = await _app.Client().PostAsJsonAsync($"/api/v1/queues/{queue}/messages", new { text = words });
        var (customer, _) = await _app.NewCustomerClientAsync();
        var notStaff = await customer.PostAsJsonAsync($"/api/v1/queues/{queue}/messages", new { text = words });
        var sent = await (await _owner.PostAsJsonAsync($"/api/v1/queues/{queue}/messages", new { text = words })).AssertOkAsync(HttpStatusCode.Created);
        var again = await _owner.PostAsJsonAsync($"/api/v1/queues/{queue}/messages", new { text = words });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 500 characters", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_soon"), (again.StatusCode, (await again.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()));
        Assert.Equal(words, sent.GetProperty("text").GetString());
        var state = await (await _app.Client().GetAsync($"/api/v1/queues/{queue}")).AssertOkAsync();
        Assert.Equal(words, state.GetProperty("message").GetProperty("text").GetString());
        var text = (await _twilio.WaitForAsync(1)).Single();
        var mail = (await _smtp.WaitForAsync(1)).Single();
        Assert.StartsWith(words, text.Body);
        Assert.Contains(guest.GetProperty("code").GetString()!, text.Body);
        Assert.Equal(("gus@test.example", $"A message from {DemoSeeder.BusinessName}"), (mail.To.Mailboxes.Single().Address, mail.Subject));
        var log = await (await _owner.GetAsync($"/api/v1/queues/{queue}/messages")).AssertOkAsync();
        Assert.Equal(2, log.GetProperty("messages")[0].GetProperty("messages").GetInt32());
        Assert.Equal(DemoSeeder.OwnerEmail, log.GetProperty("messages")[0].GetProperty("sentBy").GetString());
    }

    private async Task<Notification> WaitForAsync(Guid queue, Func<Notification, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var outbox = await OutboxAsync(queue);
            if (outbox.FirstOrDefault(condition) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "No outbox row reached the expected state: " +
                string.Join("; ", outbox.Select(n => $"{n.Kind} {n.Channel} {n.Status} attempts {n.Attempts} due {n.DueAt:O}")));
            await Task.Delay(25);
        }
    }
}
