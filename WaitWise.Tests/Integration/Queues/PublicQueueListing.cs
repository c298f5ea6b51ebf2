using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace WaitWise.Tests.Integration.Queues;

/// <summary>One queue for its public page: visible while its business is approved, and to the business's owner.</summary>
public sealed class PublicQueueListing(DatabaseFixture fixture) : TicketTest(fixture)
{
    private IBusinessDirectory Directory => Fixture.Services.GetRequiredService<IBusinessDirectory>();

    [Fact]
    public async Task ShowsAnApprovedBusinesssQueueToAnyoneWithTheBusinessName()
    {
        var s = await SceneAsync();

        var listing = Ok(await Directory.GetQueueAsync(null, s.QueueId));

        Assert.Equal(s.QueueA.Name, listing.Queue.Name);
        Assert.Equal(s.Business.Id, listing.Queue.BusinessId);
        Assert.Equal(QueueStatus.Open, listing.Queue.Status);
        Assert.Equal(s.Business.Name, listing.BusinessName);
    }

    [Theory]
    [InlineData(BusinessStatus.Pending)]
    [InlineData(BusinessStatus.Rejected)]
    [InlineData(BusinessStatus.Suspended)]
    public async Task HidesAQueueOfABusinessNotApprovedFromAllButItsOwner(BusinessStatus status)
    {
        var owner = await UserAsync("owner");
        var business = await BusinessAsync(owner, status);
        var queue = await QueueAsync(business);

        Refused(await Directory.GetQueueAsync(null, queue.Id), ErrorKind.NotFound);
        Refused(await Directory.GetQueueAsync(await UserAsync("visitor"), queue.Id), ErrorKind.NotFound);
        Assert.Equal(queue.Name, Ok(await Directory.GetQueueAsync(owner, queue.Id)).Queue.Name);
    }

    [Fact]
    public async Task SaysWhenAQueueOutsideItsHoursOpensAgain()
    {
        var s = await SceneAsync();
        await HoursAsync(s.QueueId, DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(17, 0));

        var listing = Ok(await Directory.GetQueueAsync(null, s.QueueId));

        Assert.Equal(DayOfWeek.Monday, Clock.Now.DayOfWeek);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), listing.Reopens);
    }

    [Fact]
    public async Task SaysNothingOfHoursInsideThemOrWithoutThem()
    {
        var s = await SceneAsync();
        Assert.Null(Ok(await Directory.GetQueueAsync(null, s.QueueId)).Reopens);

        await HoursAsync(s.QueueId, Clock.Now.DayOfWeek, new TimeOnly(8, 0), new TimeOnly(12, 0));

        Assert.Null(Ok(await Directory.GetQueueAsync(null, s.QueueId)).Reopens);
    }

    private async Task HoursAsync(Guid queueId, DayOfWeek day, TimeOnly opens, TimeOnly closes)
    {
        await using var db = await DbAsync();
        db.OpeningHours.Add(new OpeningHours { QueueId = queueId, Day = day, Opens = opens, Closes = closes });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task SaysAnUnknownQueueWasNotFound() =>
        Refused(await Directory.GetQueueAsync(null, Guid.NewGuid()), ErrorKind.NotFound);
}
