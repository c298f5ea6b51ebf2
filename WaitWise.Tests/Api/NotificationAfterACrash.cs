using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// The outbox under kill -9: the server is killed after the call committed and while its e-mail was being sent (the
/// SMTP server holding it); the message was not lost with the process: the restarted server sends it, once.
/// </summary>
public sealed class NotificationAfterACrash : IAsyncLifetime
{
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "waitwise-keys-" + Guid.NewGuid().ToString("N")[..8]);
    private AppHost _host = null!;
    private LocalSmtp _smtp = null!;

    public async Task InitializeAsync()
    {
        _smtp = LocalSmtp.Start();
        // The host only sets up (it sends nothing: no channel is configured for it); the child process is the server.
        _host = new AppHost { Settings = { [WaitWiseSettings.KeysDirectory] = _keys, [WaitWiseSettings.SchedulerEnabled] = "false" } };
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private Dictionary<string, string> NodeSettings => new()
    {
        [WaitWiseSettings.KeysDirectory] = _keys,
        ["WaitWise:Email:Host"] = "127.0.0.1",
        ["WaitWise:Email:Port"] = _smtp.Port.ToString(),
        ["WaitWise:Email:From"] = "queue@waitwise.test",
        ["WaitWise:Email:Security"] = "None",
    };

    [Fact]
    public async Task AServerKilledWhileSendingLeavesTheMessageToTheNextWhichSendsItOnce()
    {
        var owner = await _host.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var queue = await _host.NewOpenQueueAsync(owner);
        var customer = (await _host.CreateCustomersAsync("crash-mail-", 1)).Single();
        var customerToken = await _host.BearerTokenAsync(customer);
        var ownerToken = await _host.BearerTokenAsync((await _host.ActorAsync(DemoSeeder.OwnerEmail)).Id);
        _smtp.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (var node = await AppProcess.StartedAsync(_host.ConnectionString, NodeSettings))
        {
            using var client = node.Client();
            await (await Send(client, $"api/v1/queues/{queue}/join", customerToken)).AssertOkAsync(HttpStatusCode.Created);
            await (await Send(client, $"api/v1/queues/{queue}/call-next", ownerToken)).AssertOkAsync();
            await _smtp.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await node.KillAsync();
        }
        _smtp.RefuseHeld = true;
        _smtp.Hold.SetResult();
        var held = await OutboxAsync(queue);
        Assert.Equal((DeliveryStatus.Pending, 0), (held.Status, held.Attempts));
        _smtp.Hold = null;

        await using (await AppProcess.StartedAsync(_host.ConnectionString, NodeSettings))
        {
            var mail = (await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(30))).Single();
            Assert.Contains("is called", mail.TextBody);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while ((await OutboxAsync(queue)).Status != DeliveryStatus.Sent)
            {
                Assert.True(DateTime.UtcNow < deadline, "The restarted server did not record the message sent.");
                await Task.Delay(50);
            }
        }
        Assert.Single(_smtp.Received);
        Assert.Equal(1, (await OutboxAsync(queue)).Attempts);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private async Task<Notification> OutboxAsync(Guid queue)
    {
        await using var db = await _host.DbAsync();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.QueueId == queue);
    }
}
