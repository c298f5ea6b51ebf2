using WaitWise.Core.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Notifications;

namespace WaitWise.Tests.Integration.Notifications;

/// <summary>The e-mail channel keeps its SMTP connection between messages, and replaces one the server has closed.</summary>
public sealed class EmailConnections
{
    private static readonly OutgoingMessage Message = new("Your turn: counter 1", "Ticket A-001 is called.");

    [Fact]
    public async Task AMessageAfterTheMailServerRestartedGoesOnAFreshConnection()
    {
        var first = LocalSmtp.Start();
        var port = first.Port;
        var clock = new TestClock { Now = DateTimeOffset.UtcNow };
        await using var channel = new EmailChannel(new EmailSettings { Host = "127.0.0.1", Port = port, From = "queue@waitwise.test", Security = "None" }, clock);

        await channel.SendAsync("ann@test.example", Message, CancellationToken.None);
        await channel.SendAsync("bob@test.example", Message, CancellationToken.None);
        Assert.Equal(["ann@test.example", "bob@test.example"], (await first.WaitForAsync(2)).Select(m => m.To.Mailboxes.Single().Address));
        await first.DisposeAsync();
        await using var second = LocalSmtp.Start(port);

        await channel.SendAsync("cat@test.example", Message, CancellationToken.None);

        Assert.Equal("cat@test.example", (await second.WaitForAsync(1)).Single().To.Mailboxes.Single().Address);
    }
}
