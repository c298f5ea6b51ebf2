using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Data.Identity;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration;

/// <summary>
/// Closing an account (AccountClosure): its open tickets leave their lines through the ticket service, the line
/// behind them is placed right, its history stays without its personal data, and its e-mail is free again.
/// </summary>
public sealed class AccountClosing(DatabaseFixture fixture) : TicketTest(fixture)
{
    private async Task<Result<DateTimeOffset>> CloseAsync(Actor who, string? password = null)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountClosure>().CloseAsync(who.Id, password);
    }

    [Fact]
    public async Task ClosingCancelsTheOpenTicketsAuditedFreesTheCounterAndKeepsTheHistory()
    {
        var s = await SceneAsync(slots: 1, autoCall: true);
        var called = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var next = Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        var behind = Ok(await Tickets.JoinAsync(await UserAsync("behind"), s.QueueId));
        var elsewhere = Ok(await Tickets.JoinAsync(s.Customer, s.QueueB.Id));
        Assert.Equal(TicketStatus.Called, (await TicketAsync(called.Id)).Status);

        Ok(await CloseAsync(s.Customer));

        Assert.Equal(TicketStatus.Cancelled, (await TicketAsync(called.Id)).Status);
        Assert.Equal(TicketStatus.Cancelled, (await TicketAsync(elsewhere.Id)).Status);
        var history = await EventsAsync(called.Id);
        Assert.Equal([TicketCommand.Join, TicketCommand.CallNext, TicketCommand.Cancel], history.Select(e => e.Command));
        Assert.Equal(s.Customer.Id, history[^1].ActorId);
        // The counter the closed account held calls the next in line at once; the one behind is now first.
        Assert.Equal((TicketStatus.Called, (int?)1), ((await TicketAsync(next.Id)).Status, (await TicketAsync(next.Id)).Slot));
        Assert.Equal(1, Ok(await Queries.GetTicketAsync(new Actor(behind.UserId), behind.Id)).Position);
        await using var db = await DbAsync();
        var account = await db.Users.SingleAsync(u => u.Id == s.Customer.Id);
        Assert.Equal((null, null, (string?)null), (account.Email, account.PasswordHash, account.PhoneNumber));
        Assert.NotNull(account.ClosedAt);
        Assert.DoesNotContain("@", account.UserName);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TheEmailOfAClosedAccountIsFreeForANewOne()
    {
        var who = await UserAsync("again");
        string email;
        await using (var db = await DbAsync())
        {
            email = (await db.Users.SingleAsync(u => u.Id == who.Id)).Email!;
        }

        Ok(await CloseAsync(who));

        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Null(await users.FindByEmailAsync(email));
        Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email })).Succeeded);
    }

    [Fact]
    public async Task AnOwnerOfABusinessIsRefusedAndKeepsEverything()
    {
        var s = await SceneAsync();
        var ticket = Ok(await Tickets.JoinAsync(s.Owner, s.QueueB.Id));

        var refused = Refused(await CloseAsync(s.Owner), ErrorKind.Conflict);

        Assert.Contains("owns a business", refused.Message);
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(ticket.Id)).Status);
        await using var db = await DbAsync();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == s.Owner.Id)).ClosedAt);
    }

    [Fact]
    public async Task AWrongPasswordChangesNothing()
    {
        var s = await SceneAsync();
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.AddPasswordAsync((await users.FindByIdAsync(s.Customer.Id))!, "Right-pass-1")).Succeeded);
        }
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));

        var refused = Refused(await CloseAsync(s.Customer, "Wrong-pass-1"), ErrorKind.Validation);

        Assert.Equal(["The password is not right."], refused.Fields!["password"]);
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(ticket.Id)).Status);
    }

    [Fact]
    public async Task TheDatabaseRefusesToDeleteAnAccountWithTicketsRatherThanDropThem()
    {
        var s = await SceneAsync();
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));

        await using (var db = await DbAsync())
        {
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Users.Where(u => u.Id == s.Customer.Id).ExecuteDeleteAsync());
        }

        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(ticket.Id)).Status);
        Assert.NotEmpty(await EventsAsync(ticket.Id));
    }
}
