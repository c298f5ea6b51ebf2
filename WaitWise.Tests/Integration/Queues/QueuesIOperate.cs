using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Queues;

/// <summary>The staff console's list of queues a person may run, read from QueueStaff and ownership.</summary>
public sealed class QueuesIOperate(DatabaseFixture fixture) : TicketTest(fixture)
{
    private IOperatedQueues Operated => Fixture.Services.GetRequiredService<IOperatedQueues>();

    private async Task<List<Guid>> IdsAsync(Actor actor) => (await Operated.ListAsync(actor)).Select(q => q.Id).ToList();

    [Fact]
    public async Task StaffSeeOnlyTheQueuesTheyAreAssignedTo()
    {
        var s = await SceneAsync(slots: 3);

        var mine = Assert.Single(await Operated.ListAsync(s.StaffA));

        Assert.Equal(new OperatedQueue(s.QueueA.Id, s.QueueA.Name, s.Business.Id, s.Business.Name, 3, false, QueueStatus.Open, IsOwner: false), mine);
        Assert.Equal([s.QueueB.Id], await IdsAsync(s.StaffB));
    }

    [Fact]
    public async Task OwnersSeeEveryQueueOfTheirBusinessesByName()
    {
        var s = await SceneAsync();

        var queues = await Operated.ListAsync(s.Owner);

        Assert.Equal(new[] { s.QueueA, s.QueueB }.OrderBy(q => q.Name, StringComparer.Ordinal).Select(q => q.Id), queues.Select(q => q.Id));
        Assert.All(queues, q => Assert.True(q.IsOwner));
    }

    [Fact]
    public async Task CustomersOtherOwnersAndTheSystemSeeNoneOfTheBusinesssQueues()
    {
        var s = await SceneAsync();
        var elsewhere = await QueueAsync(await BusinessAsync(s.OtherOwner));

        Assert.Empty(await Operated.ListAsync(s.Customer));
        Assert.Equal([elsewhere.Id], await IdsAsync(s.OtherOwner));
        Assert.Empty(await Operated.ListAsync(Actor.System));
    }

    [Fact]
    public async Task AStaffMemberTakenOffAQueueNoLongerSeesIt()
    {
        var s = await SceneAsync();
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            Ok(await scope.ServiceProvider.GetRequiredService<IQueueAdmin>().RemoveStaffAsync(s.Owner, s.QueueId, s.StaffA.Id));
        }

        Assert.Empty(await Operated.ListAsync(s.StaffA));
    }

    [Fact]
    public async Task ListsExactlyTheQueuesWhoseLineTheActorMayRead()
    {
        var s = await SceneAsync();
        foreach (var actor in new[] { s.Owner, s.StaffA, s.StaffB, s.OtherOwner, s.Customer, s.OtherCustomer })
        {
            var listed = await IdsAsync(actor);
            foreach (var queue in new[] { s.QueueA, s.QueueB })
            {
                var line = await Queries.GetLineAsync(actor, queue.Id);
                Assert.Equal(line.IsSuccess, listed.Contains(queue.Id));
            }
        }
    }
}
