using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Analytics;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Analytics;

/// <summary>
/// The dashboard over a known day and a half of tickets, driven through the real commands with the test clock, in a
/// business in Europe/Paris (UTC+1 in March), so local days and hours are checked too.
/// </summary>
public sealed class QueueFigures(DatabaseFixture fixture) : TicketTest(fixture)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly DateOnly Tuesday = new(2026, 3, 3);

    private IQueueAnalytics Analytics => Fixture.Services.GetRequiredService<IQueueAnalytics>();

    private void At(int day, int hour, int minute) => Clock.Now = new DateTimeOffset(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>
    /// Monday (UTC times; Paris is an hour ahead): c1..c4 join at 09:00. c1 is called at 09:10 and served 09:10–09:15.
    /// c2 is called at 09:20, served from 09:20, held at 09:25, resumed at 09:40 and completed at 09:50 (10 minutes of
    /// service; the hold does not count). c3 is called at 09:30 and marked no-show at 09:31. c4 cancels at 09:35.
    /// c6 joins at 23:30 UTC — Tuesday 00:30 in Paris — and cancels at 23:40. Tuesday: c5 joins at 10:00, is called
    /// and served at 10:06 and completed at 10:10.
    /// </summary>
    private async Task<Scene> KnownDayAsync()
    {
        var s = await SceneAsync(slots: 3);
        await using (var db = await DbAsync())
        {
            await db.Businesses.Where(b => b.Id == s.Business.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.TimeZoneId, "Europe/Paris"));
        }
        var c = await UsersAsync(6, "customer");
        At(2, 9, 0);
        var t = new List<Guid>();
        foreach (var customer in c.Take(4))
        {
            t.Add(Ok(await Tickets.JoinAsync(customer, s.QueueId)).Id);
        }
        At(2, 9, 10);
        Ok(await Tickets.CallSpecificAsync(s.StaffA, t[0]));
        Ok(await Tickets.StartServiceAsync(s.StaffA, t[0]));
        At(2, 9, 15);
        Ok(await Tickets.CompleteAsync(s.StaffA, t[0]));
        At(2, 9, 20);
        Ok(await Tickets.CallSpecificAsync(s.StaffA, t[1]));
        Ok(await Tickets.StartServiceAsync(s.StaffA, t[1]));
        At(2, 9, 25);
        Ok(await Tickets.HoldAsync(s.StaffA, t[1]));
        At(2, 9, 30);
        Ok(await Tickets.CallSpecificAsync(s.StaffA, t[2]));
        At(2, 9, 31);
        Ok(await Tickets.NoShowAsync(s.StaffA, t[2]));
        At(2, 9, 35);
        Ok(await Tickets.CancelAsync(c[3], t[3]));
        At(2, 9, 40);
        Ok(await Tickets.ResumeAsync(s.StaffA, t[1]));
        At(2, 9, 50);
        Ok(await Tickets.CompleteAsync(s.StaffA, t[1]));
        At(2, 23, 30);
        var late = Ok(await Tickets.JoinAsync(c[5], s.QueueId));
        At(2, 23, 40);
        Ok(await Tickets.CancelAsync(c[5], late.Id));
        At(3, 10, 0);
        var c5 = Ok(await Tickets.JoinAsync(c[4], s.QueueId));
        At(3, 10, 6);
        Ok(await Tickets.CallSpecificAsync(s.StaffA, c5.Id));
        Ok(await Tickets.StartServiceAsync(s.StaffA, c5.Id));
        At(3, 10, 10);
        Ok(await Tickets.CompleteAsync(s.StaffA, c5.Id));
        return s;
    }

    [Fact]
    public async Task ComputesEveryFigureOfAKnownDayAndAHalf()
    {
        var s = await KnownDayAsync();

        var d = Ok(await Analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(Monday, Tuesday)));

        Assert.Equal((6, 3, 1, 2), (d.Joined, d.Served, d.NoShows, d.Cancelled));
        // Waits: c1 10, c2 20, c3 30 and c5 6 minutes. Service: c1 5, c2 10 (hold excluded), c5 4 minutes.
        Assert.Equal(TimeSpan.FromMinutes((10 + 20 + 30 + 6) / 4.0), d.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes((5 + 10 + 4) / 3.0), d.AverageService);
        Assert.Equal(1 / 6.0, d.NoShowRate!.Value, 10);
        Assert.Equal(2 / 6.0, d.CancelRate!.Value, 10);
        Assert.Equal("Europe/Paris", d.TimeZoneId);

        var expectedByHour = new int[24];
        expectedByHour[10] = 2;
        expectedByHour[11] = 1;
        Assert.Equal(expectedByHour, d.ServedByHour);

        Assert.Equal(
            [
                new DayFigures(Monday, 4, 2, 1, 1, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(7.5)),
                new DayFigures(Tuesday, 2, 1, 0, 1, TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(4)),
            ],
            d.Days);
    }

    /// <summary>
    /// Counter 1 open at 09:00 UTC, nobody at it. c1 joins first: a free counter, shown no wait (0–2 min); called at
    /// 09:10, ten minutes out. c2, second: one call of the default five minutes (2–8 min); called at 09:05, right. c3,
    /// third: ten minutes, but called at 10:01, past the hour the comparison keeps to. c4 joins with nobody serving
    /// on Tuesday and is shown nothing, so nothing is compared for it.
    /// </summary>
    [Fact]
    public async Task SetsTheEstimatesShownBesideTheActualWaits()
    {
        var s = await SceneAsync(slots: 1);
        var c = await UsersAsync(4, "customer");
        At(2, 9, 0);
        Ok(await Presences.SeenAsync(s.StaffA, s.QueueId, 1));
        var t = new List<Guid>();
        foreach (var customer in c.Take(3))
        {
            t.Add(Ok(await Tickets.JoinAsync(customer, s.QueueId)).Id);
        }
        At(2, 9, 5);
        Ok(await Tickets.CallSpecificAsync(s.StaffA, t[1]));
        Ok(await Tickets.StartServiceAsync(s.StaffA, t[1]));
        At(2, 9, 10);
        Ok(await Tickets.CompleteAsync(s.StaffA, t[1]));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, t[0]));
        Ok(await Tickets.CompleteAsync(s.StaffA, Ok(await Tickets.StartServiceAsync(s.StaffA, t[0])).Id));
        At(2, 10, 1);
        Ok(await Tickets.CallSpecificAsync(s.StaffA, t[2]));
        At(3, 12, 0);
        var c4 = Ok(await Tickets.JoinAsync(c[3], s.QueueId));
        At(3, 15, 0);
        Ok(await Tickets.CallSpecificAsync(s.Owner, c4.Id));

        var d = Ok(await Analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(Monday, Tuesday)));

        Assert.Equal(new EstimateAccuracy(2, 600, 1), d.Estimates);
        Assert.Equal(TimeSpan.FromMinutes(5), d.Estimates.MeanAbsoluteError);
        Assert.Equal(0.5, d.Estimates.InsideShare);
        Assert.Equal([new EstimateAccuracy(2, 600, 1), EstimateAccuracy.None], d.Days.Select(day => day.Estimates));
        Assert.EndsWith(",2,300,0.5\r\n", DashboardCsv.Write(d).Split("total")[1]);
    }

    [Fact]
    public async Task AQuietRangeHasZerosAndNoAveragesOrRates()
    {
        var s = await KnownDayAsync();

        var d = Ok(await Analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 6))));

        Assert.Equal((0, 0, 0, 0), (d.Joined, d.Served, d.NoShows, d.Cancelled));
        Assert.Null(d.AverageWait);
        Assert.Null(d.NoShowRate);
        Assert.Equal(3, d.Days.Count);
        Assert.All(d.Days, day => Assert.Equal(0, day.Joined));
        Assert.All(d.ServedByHour, n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task ExportsTheFiguresAsCsvWithATotalRow()
    {
        var s = await KnownDayAsync();
        var d = Ok(await Analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(Monday, Tuesday)));

        var lines = DashboardCsv.Write(d).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                DashboardCsv.Header,
                "2026-03-02,4,2,1,1,1200,450,0,,",
                "2026-03-03,2,1,0,1,360,240,0,,",
                "total,6,3,1,2,990,380,0,,",
            ],
            lines);
        Assert.Equal("waitwise-2026-03-02-to-2026-03-03.csv", DashboardCsv.FileName(d));
    }

    [Fact]
    public async Task OnlyTheOwnerSeesTheFiguresAndTheRangeIsChecked()
    {
        var s = await SceneAsync();
        foreach (var intruder in new[] { s.OtherOwner, s.StaffA, s.Customer, Actor.System })
        {
            Refused(await Analytics.GetDashboardAsync(intruder, s.QueueId, new DateRange(Monday, Monday)), ErrorKind.Forbidden);
        }
        Refused(await Analytics.GetDashboardAsync(s.Owner, Guid.NewGuid(), new DateRange(Monday, Monday)), ErrorKind.NotFound);
        Assert.Equal(["to"], Refused(await Analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(Tuesday, Monday)), ErrorKind.Validation).Fields!.Keys);
        Assert.Equal(["to"], Refused(await Analytics.GetDashboardAsync(s.Owner, s.QueueId, new DateRange(Monday, Monday.AddDays(DateRange.MaxDays))), ErrorKind.Validation).Fields!.Keys);
    }
}
