using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Time;

/// <summary>Joins against a queue's opening hours in its business's zone, and the owner's opening by hand.</summary>
public sealed class OpeningHoursGuard(DatabaseFixture fixture) : TicketTest(fixture)
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private async Task HoursAsync(Scene s, string zone, params (DayOfWeek Day, int Opens, int Closes)[] windows)
    {
        await using var db = await DbAsync();
        await db.Businesses.Where(b => b.Id == s.Business.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.TimeZoneId, zone));
        db.OpeningHours.AddRange(windows.Select(w => new OpeningHours
        {
            QueueId = s.QueueId, Day = w.Day, Opens = new TimeOnly(w.Opens, 0), Closes = new TimeOnly(w.Closes, 0),
        }));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task RefusesAJoinOutsideTheHoursNamingTheNextOpeningInLocalTime()
    {
        var s = await SceneAsync();
        await HoursAsync(s, "Europe/Berlin", (DayOfWeek.Monday, 9, 17), (DayOfWeek.Wednesday, 9, 17));
        // Monday 2 March 2026, 17:00 in Berlin (+01:00).
        Clock.Now = Utc(3, 2, 16);

        var refusal = Refused(await Tickets.JoinAsync(s.Customer, s.QueueId), ErrorKind.OutsideHours);

        Assert.Contains("Wednesday 4 March at 09:00 (Europe/Berlin time)", refusal.Message);
        Clock.Now = Utc(3, 4, 8);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task TakesJoinsInTheHoursAfterMidnightOfAWindowThatStartedTheDayBefore()
    {
        var s = await SceneAsync();
        await HoursAsync(s, "UTC", (DayOfWeek.Friday, 22, 2));

        Clock.Now = Utc(3, 7, 1, 30);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Clock.Now = Utc(3, 7, 2);
        var refusal = Refused(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId), ErrorKind.OutsideHours);
        Assert.Contains("Friday 13 March at 22:00", refusal.Message);
    }

    [Fact]
    public async Task FollowsTheClockChangeOfTheBusinessZone()
    {
        var s = await SceneAsync();
        // Sunday 29 March 2026: Berlin moves to +02:00, so 09:00 local is 07:00 UTC, not 08:00.
        await HoursAsync(s, "Europe/Berlin", (DayOfWeek.Sunday, 9, 17));

        Clock.Now = Utc(3, 29, 6, 59);
        Refused(await Tickets.JoinAsync(s.Customer, s.QueueId), ErrorKind.OutsideHours);
        Clock.Now = Utc(3, 29, 7);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
    }

    [Fact]
    public async Task MovingTheBusinessToAnotherZoneMovesItsHours()
    {
        var s = await SceneAsync();
        await HoursAsync(s, "Europe/Berlin", (DayOfWeek.Monday, 9, 17));
        // Monday 2 March 2026, 16:30 UTC: 17:30 in Berlin, 11:30 in New York.
        Clock.Now = Utc(3, 2, 16, 30);
        Refused(await Tickets.JoinAsync(s.Customer, s.QueueId), ErrorKind.OutsideHours);

        await using (var db = await DbAsync())
        {
            await db.Businesses.Where(b => b.Id == s.Business.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.TimeZoneId, "America/New_York"));
        }

        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
    }

    [Fact]
    public async Task TheOwnerOpensByHandOutsideTheHoursUntilTheNextScheduledOpening()
    {
        var s = await SceneAsync();
        await HoursAsync(s, "UTC", (DayOfWeek.Monday, 9, 17), (DayOfWeek.Tuesday, 9, 17));
        Clock.Now = Utc(3, 2, 18);
        Refused(await Tickets.JoinAsync(s.Customer, s.QueueId), ErrorKind.OutsideHours);

        Assert.Equal(QueueStatus.Open, Ok(await Control.OpenAsync(s.Owner, s.QueueId)));
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Refused(await Control.OpenAsync(s.Owner, s.QueueId), ErrorKind.Conflict);
        Refused(await Control.OpenAsync(s.StaffA, s.QueueId), ErrorKind.Forbidden);
        await using (var db = await DbAsync())
        {
            Assert.Equal(Utc(3, 3, 9), (await db.Queues.SingleAsync(q => q.Id == s.QueueId)).OpenedByHandUntil);
        }

        // Tuesday's hours take over at 09:00, and close the queue again at 17:00.
        Clock.Now = Utc(3, 3, 17);
        Refused(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId), ErrorKind.OutsideHours);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task LockingOrClosingEndsAnOpeningByHand()
    {
        var s = await SceneAsync();
        await HoursAsync(s, "UTC", (DayOfWeek.Monday, 9, 17));
        Clock.Now = Utc(3, 2, 18);
        Ok(await Control.OpenAsync(s.Owner, s.QueueId));

        Ok(await Control.CloseAsync(s.Owner, s.QueueId));
        Ok(await Control.OpenAsync(s.Owner, s.QueueId));
        Ok(await Control.LockAsync(s.Owner, s.QueueId));
        Ok(await Control.OpenAsync(s.Owner, s.QueueId));
        Ok(await Control.LockAsync(s.Owner, s.QueueId));
        await using (var db = await DbAsync())
        {
            Assert.Null((await db.Queues.SingleAsync(q => q.Id == s.QueueId)).OpenedByHandUntil);
        }
        Ok(await Control.OpenAsync(s.Owner, s.QueueId));
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
    }

    [Fact]
    public async Task OpeningAnOpenQueueInsideItsHoursIsAConflict()
    {
        var s = await SceneAsync();
        await HoursAsync(s, "UTC", (DayOfWeek.Monday, 9, 17));
        Clock.Now = Utc(3, 2, 10);

        Refused(await Control.OpenAsync(s.Owner, s.QueueId), ErrorKind.Conflict);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
    }

    [Fact]
    public async Task AQueueWithoutHoursTakesJoinsAtAnyHour()
    {
        var s = await SceneAsync();
        Clock.Now = Utc(3, 8, 3);

        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
    }
}
