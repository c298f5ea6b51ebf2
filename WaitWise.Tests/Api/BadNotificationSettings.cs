using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Data.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// Settings for e-mail, SMS and Web Push that cannot work: the server starts and serves, /health is Degraded and says what is
/// wrong, and nothing is planned on those channels (the owner's page says they are off).
/// </summary>
public sealed class BadNotificationSettings : IAsyncLifetime
{
    private readonly AppHost _app = new()
    {
        Settings =
        {
            ["WaitWise:Email:Host"] = "smtp.example.test",
            ["WaitWise:Email:Port"] = "70000",
            ["WaitWise:Sms:Provider"] = "Carrier pigeon",
            ["WaitWise:WebPush:Subject"] = "the front desk",
        },
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task HealthIsDegradedWithTheReasonsAndTheAppServesWithTheseChannelsOff()
    {
        var health = await _app.Client().GetAsync("/health");
        var body = await health.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var check = body.GetProperty("checks").GetProperty("notifications");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("WaitWise:Email:Port must be between 1 and 65535.", check.GetProperty("description").GetString());
        Assert.Contains("WaitWise:Sms:Provider must be Twilio", check.GetProperty("description").GetString());
        Assert.Contains("WaitWise:WebPush:Subject must be a mailto: or https: address.", check.GetProperty("description").GetString());
        Assert.Empty(_app.Services.GetRequiredService<OutboxChannels>().Enabled);
        var owner = await _app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var queue = await _app.NewOpenQueueAsync(owner);
        var (customer, _) = await _app.NewCustomerClientAsync();
        await (await customer.PostAsync($"/api/v1/queues/{queue}/join")).AssertOkAsync(HttpStatusCode.Created);
        await (await owner.PostAsync($"/api/v1/queues/{queue}/call-next")).AssertOkAsync();
        await using var db = await _app.DbAsync();
        Assert.Empty(db.Notifications);
    }
}
