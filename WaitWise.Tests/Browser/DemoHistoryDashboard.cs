using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>The app as a first start in Development makes it: the demo with four weeks of simulated history.</summary>
public sealed class HistoryBrowser : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new(new AppHost { Settings = { [WaitWiseSettings.SeedDemoHistory] = "true" } });

    public Task InitializeAsync() => Browser.InitializeAsync();

    public Task DisposeAsync() => Browser.DisposeAsync();
}

public sealed class DemoHistoryDashboard(HistoryBrowser fixture) : IClassFixture<HistoryBrowser>
{
    private BrowserFixture Browser => fixture.Browser;

    private async Task<Dictionary<string, (Guid Id, int Tickets, int Last, bool AutoCall)>> QueuesAsync()
    {
        await using var db = await Browser.App.DbAsync();
        return await db.Queues.Where(q => q.Business!.Name == DemoSeeder.BusinessName)
            .Select(q => new { q.Name, q.Id, Tickets = db.QueueEntries.Count(e => e.QueueId == q.Id), q.LastTicketNumber, q.AutoCall })
            .ToDictionaryAsync(q => q.Name, q => (q.Id, q.Tickets, q.LastTicketNumber, q.AutoCall));
    }

    [Fact]
    public async Task TheOwnersDashboardShowsTheHistoryAndHowCloseTheEstimatesWere()
    {
        var frontDesk = (await QueuesAsync())[DemoSeeder.FrontDesk].Id;
        var page = await Browser.SignedInPageAsync(DemoSeeder.OwnerEmail);
        await page.GotoAsync($"owner/queues/{frontDesk}/dashboard");
        await BrowserFixture.InteractiveAsync(page);

        // The last seven days, today included: the weekdays before today have simulated tickets.
        var today = DateOnly.FromDateTime(Browser.App.Clock.Now.UtcDateTime);
        var weekdays = Enumerable.Range(1, 6).Select(i => today.AddDays(-i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Order().ToList();
        var rows = page.GetByTestId("estimates-by-day").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(weekdays.Count);
        Assert.Equal(weekdays, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.day)")).Order());
        Assert.True(int.Parse(await page.GetByTestId("figure-Served").TextContentAsync() ?? "", CultureInfo.InvariantCulture) > 50 * weekdays.Count);
        Assert.True(int.Parse(await page.GetByTestId("figure-Estimates compared").TextContentAsync() ?? "", CultureInfo.InvariantCulture) > 50 * weekdays.Count);
        var error = TimeSpan.ParseExact((await page.GetByTestId("figure-Mean estimate error").TextContentAsync())!.Trim(), @"m\:ss", CultureInfo.InvariantCulture);
        Assert.InRange(error, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var inside = int.Parse((await page.GetByTestId("figure-Inside the range").TextContentAsync())!.Replace("%", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(inside, 50, 100);
        await page.GetByTestId("estimates").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "owner-dashboard-estimates");
    }

    [Fact]
    public async Task TheHistoryIsMadeOnceInThePastAndLeavesTheDemoAsItWas()
    {
        var before = await QueuesAsync();
        Assert.All(before.Values, q => Assert.True(q.Tickets > 500 && q.Last == q.Tickets));
        Assert.True(before[DemoSeeder.Pharmacy].AutoCall);
        Assert.False(before[DemoSeeder.FrontDesk].AutoCall);
        await using (var db = await Browser.App.DbAsync())
        {
            var startOfToday = new DateTimeOffset(Browser.App.Clock.Now.UtcDateTime.Date, TimeSpan.Zero);
            Assert.False(await db.QueueEntries.AnyAsync(e => e.JoinedAt >= startOfToday));
            // Every simulated day ended with its line served: nothing waits or stands at a counter in the live demo
            // (the last day's no-shows are LATE until a read expires them).
            Assert.False(await db.QueueEntries.AnyAsync(e =>
                e.Status == TicketStatus.Waiting || e.Status == TicketStatus.Called || e.Status == TicketStatus.Serving || e.Status == TicketStatus.Held));
        }
        await Browser.App.AssertInvariantsHoldAsync();

        await Browser.App.StopAsync();
        await Browser.App.StartAsync();

        Assert.Equal(before, await QueuesAsync());
    }
}
