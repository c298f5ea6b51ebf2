using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Queues;

/// <summary>The owner's queue commands: validation, ownership, the guards against busy counters and open tickets.</summary>
public sealed class QueueAdministration(DatabaseFixture fixture) : TicketTest(fixture)
{
    private async Task<T> WithAdminAsync<T>(Func<IQueueAdmin, Task<T>> use)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IQueueAdmin>());
    }

    [Fact]
    public async Task CreatesAClosedQueueWithTheDefaultsForWhatIsLeftOut()
    {
        var s = await SceneAsync();
        var created = Ok(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, new QueueChanges(Name: "  Returns  ", TicketPrefix: "R-"))));

        Assert.Equal("Returns", created.Name);
        Assert.Equal("R-", created.TicketPrefix);
        Assert.Equal(QueueStatus.Closed, created.Status);
        Assert.Equal(QueueLimits.DefaultMaxSize, created.MaxSize);
        Assert.Equal(1, created.ServiceSlots);
        await using var db = await DbAsync();
        Assert.True(await db.Queues.AnyAsync(q => q.Id == created.Id && q.BusinessId == s.Business.Id));
    }

    public static TheoryData<QueueChanges, string> OutOfBounds() => new()
    {
        { new QueueChanges(Name: ""), "name" },
        { new QueueChanges(Name: new string('n', QueueLimits.NameMaxLength + 1)), "name" },
        { new QueueChanges(Name: "Tab\there"), "name" },
        { new QueueChanges(Name: "ok", TicketPrefix: "TOO-LONG-1"), "ticketPrefix" },
        { new QueueChanges(Name: "ok", TicketPrefix: "A B"), "ticketPrefix" },
        { new QueueChanges(Name: "ok", MaxSize: 0), "maxSize" },
        { new QueueChanges(Name: "ok", MaxSize: QueueLimits.MaxMaxSize + 1), "maxSize" },
        { new QueueChanges(Name: "ok", ServiceSlots: 0), "serviceSlots" },
        { new QueueChanges(Name: "ok", ServiceSlots: QueueLimits.MaxServiceSlots + 1), "serviceSlots" },
        { new QueueChanges(Name: "ok", GraceTimeSeconds: 0), "graceTimeSeconds" },
        { new QueueChanges(Name: "ok", CallTimeoutSeconds: int.MaxValue), "callTimeoutSeconds" },
        { new QueueChanges(Name: "ok", DefaultServiceSeconds: -5), "defaultServiceSeconds" },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public async Task RefusesEverySettingOutOfBoundsNamingTheField(QueueChanges settings, string field)
    {
        var s = await SceneAsync();
        var error = Refused(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, settings)), ErrorKind.Validation);

        Assert.Equal([field], error.Fields!.Keys);
        await using var db = await DbAsync();
        Assert.Equal(2, await db.Queues.CountAsync(q => q.BusinessId == s.Business.Id));
    }

    [Fact]
    public async Task RefusesASecondQueueOfTheSameNameInOneBusinessButNotInAnother()
    {
        var s = await SceneAsync();
        var error = Refused(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, new QueueChanges(Name: s.QueueA.Name))), ErrorKind.Conflict);
        Assert.Contains("name", error.Fields!.Keys);

        var other = await BusinessAsync(s.OtherOwner);
        Ok(await WithAdminAsync(a => a.CreateAsync(s.OtherOwner, other.Id, new QueueChanges(Name: s.QueueA.Name))));
        Refused(await WithAdminAsync(a => a.UpdateAsync(s.Owner, s.QueueB.Id, new QueueChanges(Name: s.QueueA.Name))), ErrorKind.Conflict);
    }

    [Fact]
    public async Task OnlyTheOwnerOfTheBusinessMayCreateChangeDeleteOrStaffItsQueues()
    {
        var s = await SceneAsync();
        foreach (var intruder in new[] { s.OtherOwner, s.StaffA, s.Customer, Actor.System })
        {
            Refused(await WithAdminAsync(a => a.CreateAsync(intruder, s.Business.Id, new QueueChanges(Name: "Mine now"))), ErrorKind.Forbidden);
            Refused(await WithAdminAsync(a => a.UpdateAsync(intruder, s.QueueId, new QueueChanges(MaxSize: 3))), ErrorKind.Forbidden);
            Refused(await WithAdminAsync(a => a.DeleteAsync(intruder, s.QueueB.Id)), ErrorKind.Forbidden);
            Refused(await WithAdminAsync(a => a.RemoveStaffAsync(intruder, s.QueueId, s.StaffA.Id)), ErrorKind.Forbidden);
        }
        await using var db = await DbAsync();
        Assert.Equal(50, (await db.Queues.SingleAsync(q => q.Id == s.QueueId)).MaxSize);
        Assert.True(await db.QueueStaff.AnyAsync(x => x.QueueId == s.QueueId && x.UserId == s.StaffA.Id));
    }

    [Fact]
    public async Task AQueueCreatedWithoutAPrefixGetsTheBusinesssNextFreeLetterAndAnEmptyOneStaysEmpty()
    {
        var s = await SceneAsync();

        var first = Ok(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, new QueueChanges(Name: "First"))));
        var second = Ok(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, new QueueChanges(Name: "Second"))));
        var none = Ok(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, new QueueChanges(Name: "Plain", TicketPrefix: ""))));
        var elsewhere = await BusinessAsync(s.OtherOwner);
        var other = Ok(await WithAdminAsync(a => a.CreateAsync(s.OtherOwner, elsewhere.Id, new QueueChanges(Name: "Elsewhere"))));

        // The scene's queues use "Q-"; A and B were free.
        Assert.Equal(("A-", "B-", "", "A-"), (first.TicketPrefix, second.TicketPrefix, none.TicketPrefix, other.TicketPrefix));
    }

    [Fact]
    public async Task ARepeatedRequestIdReturnsTheFirstQueueAndCreatesNoOther()
    {
        var s = await SceneAsync();
        var first = Ok(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, new QueueChanges(Name: "Once"), "req-1")));
        var again = Ok(await WithAdminAsync(a => a.CreateAsync(s.Owner, s.Business.Id, new QueueChanges(Name: "Once"), "req-1")));

        Assert.Equal(first, again);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Queues.CountAsync(q => q.Name == "Once"));
    }

    [Fact]
    public async Task RefusesFewerCountersThanTheBusyOnesNeed()
    {
        var s = await SceneAsync(slots: 3);
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Ok(await Tickets.CallSpecificAsync(s.StaffA, ticket.Id, slot: 3));

        var error = Refused(await WithAdminAsync(a => a.UpdateAsync(s.Owner, s.QueueId, new QueueChanges(ServiceSlots: 2))), ErrorKind.Conflict);
        Assert.Contains("Counter 3", error.Message);
        Ok(await WithAdminAsync(a => a.UpdateAsync(s.Owner, s.QueueId, new QueueChanges(ServiceSlots: 3, MaxSize: 1))));
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task RefusesACapacityBelowTheOpenTickets()
    {
        var s = await SceneAsync();
        foreach (var user in await UsersAsync(3))
        {
            Ok(await Tickets.JoinAsync(user, s.QueueId));
        }

        Refused(await WithAdminAsync(a => a.UpdateAsync(s.Owner, s.QueueId, new QueueChanges(MaxSize: 2))), ErrorKind.Conflict);
        var changed = Ok(await WithAdminAsync(a => a.UpdateAsync(s.Owner, s.QueueId, new QueueChanges(MaxSize: 3, Name: "Renamed"))));
        Assert.Equal(3, changed.MaxSize);
        Assert.Equal("Renamed", changed.Name);
        Refused(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId), ErrorKind.QueueFull);
    }

    [Fact]
    public async Task SwitchingAutoCallOnCallsTheLineIntoTheFreeCountersAtOnce()
    {
        var s = await SceneAsync(slots: 2);
        var joined = new List<TicketView>();
        foreach (var user in await UsersAsync(3))
        {
            joined.Add(Ok(await Tickets.JoinAsync(user, s.QueueId)));
        }

        Ok(await WithAdminAsync(a => a.UpdateAsync(s.Owner, s.QueueId, new QueueChanges(AutoCall: true))));

        Assert.Equal(TicketStatus.Called, (await TicketAsync(joined[0].Id)).Status);
        Assert.Equal(TicketStatus.Called, (await TicketAsync(joined[1].Id)).Status);
        Assert.Equal(TicketStatus.Waiting, (await TicketAsync(joined[2].Id)).Status);
        await AssertInvariantsHoldAsync();
    }

    [Fact]
    public async Task RefusesToDeleteAQueueWithOpenTicketsAndDeletesItOnceTheyAreDone()
    {
        var s = await SceneAsync();
        var ticket = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));

        Refused(await WithAdminAsync(a => a.DeleteAsync(s.Owner, s.QueueId)), ErrorKind.Conflict);
        Ok(await Tickets.CancelAsync(s.Customer, ticket.Id));
        Ok(await WithAdminAsync(a => a.DeleteAsync(s.Owner, s.QueueId)));

        await using var db = await DbAsync();
        Assert.False(await db.Queues.AnyAsync(q => q.Id == s.QueueId));
        Refused(await WithAdminAsync(a => a.DeleteAsync(s.Owner, s.QueueId)), ErrorKind.NotFound);
    }

    [Fact]
    public async Task AssignedStaffMayOperateTheQueueUntilRemoved()
    {
        var s = await SceneAsync();
        var email = $"new-staff-{Guid.NewGuid():N}@test.example";
        var userId = await Fixture.CreateUserAsync(email, Roles.Customer);
        var newcomer = new Actor(userId);
        Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Refused(await Tickets.CallNextAsync(newcomer, s.QueueId), ErrorKind.Forbidden);

        var member = Ok(await WithAdminAsync(a => a.AssignStaffAsync(s.Owner, s.QueueId, email.ToUpperInvariant())));
        Assert.Equal((userId, false), (member.UserId, member.AlreadyAssigned));
        Assert.True(Ok(await WithAdminAsync(a => a.AssignStaffAsync(s.Owner, s.QueueId, email))).AlreadyAssigned);
        await using (var db = await DbAsync())
        {
            var staffRole = await db.Roles.SingleAsync(r => r.Name == Roles.Staff);
            Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == userId && r.RoleId == staffRole.Id));
        }
        Ok(await Tickets.CallNextAsync(newcomer, s.QueueId));

        Ok(await WithAdminAsync(a => a.RemoveStaffAsync(s.Owner, s.QueueId, userId)));
        Refused(await WithAdminAsync(a => a.RemoveStaffAsync(s.Owner, s.QueueId, userId)), ErrorKind.NotFound);
        Refused(await Tickets.CallNextAsync(newcomer, s.QueueId), ErrorKind.Forbidden);
        Refused(await WithAdminAsync(a => a.AssignStaffAsync(s.Owner, s.QueueId, "nobody@test.example")), ErrorKind.NotFound);
    }

    [Fact]
    public async Task TheOwnerIsNotAssignedAsStaffOfTheirOwnQueue()
    {
        var s = await SceneAsync();
        string ownerEmail;
        await using (var db = await DbAsync())
        {
            ownerEmail = (await db.Users.SingleAsync(u => u.Id == s.Owner.Id)).Email!;
        }

        var refused = await WithAdminAsync(a => a.AssignStaffAsync(s.Owner, s.QueueId, ownerEmail));

        Assert.Equal(ErrorKind.Validation, refused.Error?.Kind);
        Assert.Equal([$"{ownerEmail} owns this business and already runs every queue of it."], refused.Error!.Fields!["email"]);
        await using (var db = await DbAsync())
        {
            Assert.False(await db.QueueStaff.AnyAsync(q => q.UserId == s.Owner.Id));
        }
    }

    [Fact]
    public async Task OneNewAccountAssignedToTwoQueuesAtOnceHoldsBothAssignments()
    {
        var s = await SceneAsync();
        for (var round = 0; round < 10; round++)
        {
            var email = $"twice-{Guid.NewGuid():N}@test.example";
            var userId = await Fixture.CreateUserAsync(email, Roles.Customer);

            var both = await Task.WhenAll(
                WithAdminAsync(a => a.AssignStaffAsync(s.Owner, s.QueueA.Id, email)),
                WithAdminAsync(a => a.AssignStaffAsync(s.Owner, s.QueueB.Id, email)));

            Assert.All(both, r => Assert.True(r.IsSuccess, r.ToString()));
            await using var db = await DbAsync();
            Assert.Equal(2, await db.QueueStaff.CountAsync(q => q.UserId == userId));
            var staffRole = await db.Roles.SingleAsync(r => r.Name == Roles.Staff);
            Assert.Equal(1, await db.UserRoles.CountAsync(r => r.UserId == userId && r.RoleId == staffRole.Id));
        }
    }

    [Fact]
    public async Task TheDirectoryShowsApprovedBusinessesToEveryoneAndPendingOnesOnlyToTheirOwner()
    {
        var s = await SceneAsync();
        var pending = await BusinessAsync(s.OtherOwner, BusinessStatus.Pending);
        var directory = Fixture.Services.GetRequiredService<IBusinessDirectory>();

        Assert.DoesNotContain(await directory.ListBusinessesAsync(null), b => b.Id == pending.Id);
        Assert.Contains(await directory.ListBusinessesAsync(null), b => b.Id == s.Business.Id && !b.IsOwner);
        Assert.Contains(await directory.ListBusinessesAsync(s.OtherOwner), b => b.Id == pending.Id && b.IsOwner);
        Refused(await directory.ListQueuesAsync(s.Customer, pending.Id), ErrorKind.NotFound);
        Assert.Equal(2, Ok(await directory.ListQueuesAsync(null, s.Business.Id)).Count);
    }

    [Fact]
    public async Task MyTicketIsTheOpenOneOrElseTheLastFinishedOne()
    {
        var s = await SceneAsync();
        Refused(await Queries.GetMyTicketAsync(s.Customer, s.QueueId), ErrorKind.NotFound);
        var first = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        Ok(await Tickets.CancelAsync(s.Customer, first.Id));
        Assert.Equal(first.Id, Ok(await Queries.GetMyTicketAsync(s.Customer, s.QueueId)).Ticket.Id);

        Ok(await Tickets.JoinAsync(s.OtherCustomer, s.QueueId));
        var second = Ok(await Tickets.JoinAsync(s.Customer, s.QueueId));
        var mine = Ok(await Queries.GetMyTicketAsync(s.Customer, s.QueueId));
        Assert.Equal(second.Id, mine.Ticket.Id);
        Assert.Equal(2, mine.Position);
    }

    [Fact]
    public async Task TicketPagesFollowTheServingOrderForWaitingAndAreForOperatorsOnly()
    {
        var s = await SceneAsync();
        var users = await UsersAsync(5);
        foreach (var user in users)
        {
            Ok(await Tickets.JoinAsync(user, s.QueueId));
        }
        Ok(await Tickets.CallNextAsync(s.StaffA, s.QueueId));

        var page = Ok(await Queries.GetTicketsAsync(s.StaffA, s.QueueId, TicketStatus.Waiting, page: 2, pageSize: 3));
        Assert.Equal(4, page.Total);
        Assert.Equal([5], page.Items.Select(t => t.Number));
        Assert.Equal(5, Ok(await Queries.GetTicketsAsync(s.Owner, s.QueueId, null, 1, 10)).Total);
        Assert.Equal([1], Ok(await Queries.GetTicketsAsync(s.Owner, s.QueueId, TicketStatus.Called, 1, 10)).Items.Select(t => t.Number));
        Refused(await Queries.GetTicketsAsync(s.StaffB, s.QueueId, null, 1, 10), ErrorKind.Forbidden);
        Refused(await Queries.GetTicketsAsync(s.Owner, s.QueueId, null, 0, 10), ErrorKind.Validation);
        Refused(await Queries.GetTicketsAsync(s.Owner, s.QueueId, null, 1, TicketPage.MaxPageSize + 1), ErrorKind.Validation);
    }
}
