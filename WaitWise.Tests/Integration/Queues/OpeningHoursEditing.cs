using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;
using WaitWise.Tests.Integration.Businesses;

namespace WaitWise.Tests.Integration.Queues;

/// <summary>The owner replaces a queue's weekly windows; bad weeks are refused whole and keep the old windows.</summary>
public sealed class OpeningHoursEditing(DatabaseFixture fixture) : OwnerServiceTest(fixture)
{
    private static OpeningWindow W(DayOfWeek day, string opens, string closes) => new(day, TimeOnly.Parse(opens), TimeOnly.Parse(closes));

    private Task<Result<IReadOnlyList<OpeningWindow>>> SetAsync(Actor actor, Guid queueId, params OpeningWindow[] windows) =>
        WithAsync<IQueueAdmin, Result<IReadOnlyList<OpeningWindow>>>(a => a.SetOpeningHoursAsync(actor, queueId, windows));

    private async Task<List<OpeningWindow>> StoredAsync(Guid queueId)
    {
        await using var db = await DbAsync();
        return (await db.OpeningHours.Where(h => h.QueueId == queueId).ToListAsync())
            .Select(OpeningWindow.Of).OrderBy(w => w.Day).ThenBy(w => w.Opens).ToList();
    }

    [Fact]
    public async Task ReplacesTheWeekWithSplitShiftsAndOvernightWindowsAndClearsIt()
    {
        var s = await SceneAsync();
        OpeningWindow[] week =
        [
            W(DayOfWeek.Monday, "14:00", "18:00"),
            W(DayOfWeek.Monday, "08:00", "12:00"),
            W(DayOfWeek.Friday, "22:00", "02:00"),
            W(DayOfWeek.Saturday, "02:00", "06:00"),
        ];

        var saved = Ok(await SetAsync(s.Owner, s.QueueId, week));

        var expected = week.OrderBy(w => w.Day).ThenBy(w => w.Opens).ToList();
        Assert.Equal(expected, saved);
        Assert.Equal(expected, await StoredAsync(s.QueueId));

        Ok(await SetAsync(s.Owner, s.QueueId, W(DayOfWeek.Sunday, "10:00", "11:00")));
        Assert.Equal([W(DayOfWeek.Sunday, "10:00", "11:00")], await StoredAsync(s.QueueId));

        Assert.Empty(Ok(await SetAsync(s.Owner, s.QueueId)));
        Assert.Empty(await StoredAsync(s.QueueId));
        Assert.Equal([W(DayOfWeek.Monday, "09:00", "10:00")], Ok(await SetAsync(s.Owner, s.QueueId, W(DayOfWeek.Monday, "09:00", "10:00"))));
        var setup = Ok(await WithAsync<IQueueAdmin, Result<QueueSetup>>(a => a.GetSetupAsync(s.Owner, s.QueueId)));
        Assert.Equal([W(DayOfWeek.Monday, "09:00", "10:00")], setup.OpeningHours);
    }

    public static TheoryData<OpeningWindow[], string> BadWeeks() => new()
    {
        { [W(DayOfWeek.Monday, "09:00", "09:00")], "windows[0]" },
        { [W(DayOfWeek.Monday, "09:00", "12:00"), W(DayOfWeek.Monday, "11:00", "13:00")], "windows[1]" },
        { [W(DayOfWeek.Tuesday, "11:00", "13:00"), W(DayOfWeek.Tuesday, "09:00", "12:00")], "windows[0]" },
        { [W(DayOfWeek.Friday, "22:00", "02:00"), W(DayOfWeek.Saturday, "01:00", "05:00")], "windows[1]" },
        { [W(DayOfWeek.Sunday, "00:30", "03:00"), W(DayOfWeek.Saturday, "23:00", "01:00")], "windows[0]" },
        { [W(DayOfWeek.Monday, "09:00:30", "10:00")], "windows[0]" },
        { [new OpeningWindow((DayOfWeek)7, new TimeOnly(9, 0), new TimeOnly(10, 0))], "windows[0]" },
        { Enumerable.Range(0, OpeningWindow.MaxPerQueue + 1).Select(i => W((DayOfWeek)(i % 7), $"{i / 7:00}:00", $"{i / 7:00}:30")).ToArray(), "windows" },
    };

    [Theory]
    [MemberData(nameof(BadWeeks))]
    public async Task RefusesABadWeekNamingTheWindowAndKeepsTheOldOne(OpeningWindow[] week, string field)
    {
        var s = await SceneAsync();
        Ok(await SetAsync(s.Owner, s.QueueId, W(DayOfWeek.Wednesday, "09:00", "17:00")));

        var error = Refused(await SetAsync(s.Owner, s.QueueId, week), ErrorKind.Validation);

        Assert.Equal([field], error.Fields!.Keys);
        Assert.Equal([W(DayOfWeek.Wednesday, "09:00", "17:00")], await StoredAsync(s.QueueId));
    }

    [Fact]
    public async Task OnlyTheOwnerSetsOrReadsTheHours()
    {
        var s = await SceneAsync();
        foreach (var intruder in new[] { s.OtherOwner, s.StaffA, s.Customer, Actor.System })
        {
            Refused(await SetAsync(intruder, s.QueueId, W(DayOfWeek.Monday, "09:00", "10:00")), ErrorKind.Forbidden);
            Refused(await WithAsync<IQueueAdmin, Result<QueueSetup>>(a => a.GetSetupAsync(intruder, s.QueueId)), ErrorKind.Forbidden);
        }
        Refused(await SetAsync(s.Owner, Guid.NewGuid()), ErrorKind.NotFound);
        Assert.Empty(await StoredAsync(s.QueueId));
    }
}
