using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Businesses;

/// <summary>Approve, reject and suspend: only platform admins, only along the review table, and queues public only while approved.</summary>
public sealed class PlatformReview(DatabaseFixture fixture) : OwnerServiceTest(fixture)
{
    private Task<Result<BusinessDetails>> ReviewAsync(Actor actor, Guid businessId, BusinessStatus to) =>
        WithAsync<IPlatformAdmin, Result<BusinessDetails>>(a => to switch
        {
            BusinessStatus.Approved => a.ApproveAsync(actor, businessId),
            BusinessStatus.Rejected => a.RejectAsync(actor, businessId),
            BusinessStatus.Suspended => a.SuspendAsync(actor, businessId),
            _ => throw new ArgumentOutOfRangeException(nameof(to)),
        });

    private async Task<BusinessStatus> StatusAsync(Guid businessId)
    {
        await using var db = await DbAsync();
        return await db.Businesses.Where(b => b.Id == businessId).Select(b => b.Status).SingleAsync();
    }

    [Fact]
    public async Task OnlyAnAccountWithTheAdminRoleInTheDatabaseMayReview()
    {
        var owner = await AccountAsync(Roles.Owner);
        var business = await BusinessAsync(owner, BusinessStatus.Pending);
        var formerAdmin = await AccountAsync(Roles.Admin);
        await using (var db = await DbAsync())
        {
            // The role is taken away while their cookie would still carry it.
            await db.UserRoles.Where(r => r.UserId == formerAdmin.Id).ExecuteDeleteAsync();
        }

        foreach (var intruder in new[] { owner, await AccountAsync(Roles.Customer), await AccountAsync(Roles.Staff), formerAdmin, Actor.System })
        {
            foreach (var to in new[] { BusinessStatus.Approved, BusinessStatus.Rejected, BusinessStatus.Suspended })
            {
                Refused(await ReviewAsync(intruder, business.Id, to), ErrorKind.Forbidden);
            }
            Refused(await WithAsync<IPlatformAdmin, Result<IReadOnlyList<BusinessDetails>>>(a => a.ListAsync(intruder, null)), ErrorKind.Forbidden);
        }
        Assert.Equal(BusinessStatus.Pending, await StatusAsync(business.Id));
    }

    public static TheoryData<BusinessStatus, BusinessStatus, bool> Moves()
    {
        var moves = new TheoryData<BusinessStatus, BusinessStatus, bool>();
        foreach (var from in Enum.GetValues<BusinessStatus>())
        {
            foreach (var to in new[] { BusinessStatus.Approved, BusinessStatus.Rejected, BusinessStatus.Suspended })
            {
                var allowed = (from, to) is (BusinessStatus.Pending or BusinessStatus.Rejected or BusinessStatus.Suspended, BusinessStatus.Approved)
                    or (BusinessStatus.Pending, BusinessStatus.Rejected)
                    or (BusinessStatus.Approved, BusinessStatus.Suspended);
                moves.Add(from, to, allowed);
            }
        }
        return moves;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public async Task MovesAlongTheReviewTableAndRefusesEveryOtherMove(BusinessStatus from, BusinessStatus to, bool allowed)
    {
        var admin = await AccountAsync(Roles.Admin);
        var business = await BusinessAsync(await UserAsync("owner"), from);

        var result = await ReviewAsync(admin, business.Id, to);

        if (allowed)
        {
            Assert.Equal(to, Ok(result).Status);
            Assert.Equal(to, await StatusAsync(business.Id));
        }
        else
        {
            Refused(result, ErrorKind.InvalidTransition);
            Assert.Equal(from, await StatusAsync(business.Id));
        }
    }

    [Fact]
    public async Task ListsBusinessesByStatusWithTheirOwnersEmail()
    {
        var admin = await AccountAsync(Roles.Admin);
        var owner = await AccountAsync(Roles.Owner);
        var pending = await BusinessAsync(owner, BusinessStatus.Pending);
        var approved = await BusinessAsync(owner);

        var listed = Ok(await WithAsync<IPlatformAdmin, Result<IReadOnlyList<BusinessDetails>>>(a => a.ListAsync(admin, BusinessStatus.Pending)));
        var all = Ok(await WithAsync<IPlatformAdmin, Result<IReadOnlyList<BusinessDetails>>>(a => a.ListAsync(admin, null)));

        var only = Assert.Single(listed);
        Assert.Equal(pending.Id, only.Id);
        Assert.EndsWith("@test.example", only.OwnerEmail);
        Assert.Equal(new[] { pending.Id, approved.Id }.Order(), all.Select(b => b.Id).Order());
    }

    [Fact]
    public async Task AQueueIsPublicAndJoinableOnlyWhileItsBusinessIsApproved()
    {
        var admin = await AccountAsync(Roles.Admin);
        var owner = await UserAsync("owner");
        var customer = await UserAsync("customer");
        var business = await BusinessAsync(owner, BusinessStatus.Pending);
        var queue = await QueueAsync(business);

        async Task AssertPublic(bool expected)
        {
            var listed = await WithAsync<IBusinessDirectory, IReadOnlyList<BusinessSummary>>(d => d.ListBusinessesAsync(null));
            Assert.Equal(expected, listed.Any(b => b.Id == business.Id));
            Assert.Equal(expected, (await WithAsync<IBusinessDirectory, Result<IReadOnlyList<Core.Queues.QueueDetails>>>(d => d.ListQueuesAsync(customer, business.Id))).IsSuccess);
            Assert.Equal(expected, (await Queries.GetBoardAsync(queue.Id)).IsSuccess);
        }

        await AssertPublic(false);
        Assert.False((await Tickets.JoinAsync(customer, queue.Id)).IsSuccess);

        Ok(await ReviewAsync(admin, business.Id, BusinessStatus.Approved));
        await AssertPublic(true);
        var ticket = Ok(await Tickets.JoinAsync(customer, queue.Id));
        Ok(await Tickets.CancelAsync(customer, ticket.Id));

        Ok(await ReviewAsync(admin, business.Id, BusinessStatus.Suspended));
        await AssertPublic(false);
        Assert.False((await Tickets.JoinAsync(customer, queue.Id)).IsSuccess);
        // The owner still sees their own suspended business.
        Assert.True((await WithAsync<IBusinessDirectory, Result<IReadOnlyList<Core.Queues.QueueDetails>>>(d => d.ListQueuesAsync(owner, business.Id))).IsSuccess);
        Assert.Equal(TicketStatus.Cancelled, (await TicketAsync(ticket.Id)).Status);
    }
}
