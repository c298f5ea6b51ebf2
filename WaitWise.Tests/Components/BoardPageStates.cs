using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Pages.Board;

namespace WaitWise.Tests.Components;

/// <summary>The TV board: counters and the next in line by ticket code only; a chime and flash on each call and recall.</summary>
public sealed class BoardPageStates(DatabaseFixture db) : LiveComponentTest(db)
{
    [Fact]
    public async Task ShowsWhoIsAtEachCounterAndWhoIsNextByCodeOnly()
    {
        var s = await Data.SceneAsync(slots: 2);
        var serving = await Data.TicketInStateAsync(s, TicketStatus.Serving);
        var next = await Data.TicketInStateAsync(s, TicketStatus.Waiting, s.OtherCustomer);

        var board = Render<BoardPage>(p => p.Add(x => x.QueueId, s.QueueId));

        board.WaitForAssertion(() => Assert.Equal([serving.Code, "—"], board.FindAll("[data-testid=board-code]").Select(c => c.TextContent.Trim())));
        Assert.Equal([next.Code], board.FindAll("[data-testid=board-next] li").Select(li => li.TextContent.Trim()));
        Assert.Equal("1 waiting", board.Find("[data-testid=board-waiting]").TextContent.Trim());
        await using var context = await Db.Db.CreateDbContextAsync();
        foreach (var email in await context.Users.Select(u => u.Email!).ToListAsync())
        {
            Assert.DoesNotContain(email, board.Markup, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(s.Customer.Id, board.Markup);
    }

    [Fact]
    public async Task ShowsTheStaffsMessageToEveryoneLiveWithoutAChime()
    {
        var s = await Data.SceneAsync();
        await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        var board = Render<BoardPage>(p => p.Add(x => x.QueueId, s.QueueId));
        board.WaitForElement("[data-testid=board-next]");

        Ok(await Db.Services.GetRequiredService<IQueueMessages>().SendAsync(s.Owner, s.QueueId, "Please have your card ready"));

        board.WaitForAssertion(() => Assert.Contains("Please have your card ready", board.Find("[data-testid=queue-notice]").TextContent));
        Assert.Equal("board", board.Find("[data-testid=board]").ClassName!.Trim());
    }

    [Fact]
    public async Task ChimesAndFlashesOnEachNewCallAndRecall()
    {
        var s = await Data.SceneAsync();
        var first = await Data.TicketInStateAsync(s, TicketStatus.Waiting);
        var board = Render<BoardPage>(p => p.Add(x => x.QueueId, s.QueueId));
        board.WaitForElement("[data-testid=board-next]");
        Assert.Equal("board", board.Find("[data-testid=board]").ClassName!.Trim());

        Clock.Advance(TimeSpan.FromSeconds(5));
        var called = Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));

        board.WaitForAssertion(() => Assert.Contains("flash-b", board.Find("[data-testid=board]").ClassName));
        Assert.Equal(first.Id, called.Id);
        Assert.Contains($"{first.Code} to counter 1", board.Find("[data-testid=board-announcement]").TextContent);
        board.WaitForAssertion(() => Assert.Single(Script.Invocations, i => i.Identifier == "chime"));

        Clock.Advance(TimeSpan.FromSeconds(5));
        Ok(await Tickets.RecallAsync(s.StaffA, called.Id));

        board.WaitForAssertion(() => Assert.Contains("flash-a", board.Find("[data-testid=board]").ClassName));
        board.WaitForAssertion(() => Assert.Equal(2, Script.Invocations.Count(i => i.Identifier == "chime")));
    }

    [Fact]
    public async Task ArmsTheSoundOnTheFirstClick()
    {
        var s = await Data.SceneAsync();
        Script.Setup<string>("arm").SetResult("running");
        var board = Render<BoardPage>(p => p.Add(x => x.QueueId, s.QueueId));

        board.WaitForElement("[data-testid=arm-sound]").Click();

        board.WaitForAssertion(() => Assert.Empty(board.FindAll("[data-testid=arm-sound]")));
    }

    [Fact]
    public async Task SaysWhenTheQueueIsClosed()
    {
        var s = await Data.SceneAsync();
        Ok(await Control.CloseAsync(s.Owner, s.QueueId));

        var board = Render<BoardPage>(p => p.Add(x => x.QueueId, s.QueueId));

        board.WaitForAssertion(() => Assert.Equal("Closed", board.Find("[data-testid=board-status]").TextContent.Trim()));
    }

    [Fact]
    public void SaysAnUnknownBoardIsNotAvailable()
    {
        var board = Render<BoardPage>(p => p.Add(x => x.QueueId, Guid.NewGuid()));

        board.WaitForAssertion(() => Assert.Equal("This board is not available.", board.Find("h1").TextContent.Trim()));
    }
}
