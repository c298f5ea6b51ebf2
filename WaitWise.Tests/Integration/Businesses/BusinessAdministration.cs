using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Businesses;

/// <summary>The owner's business commands: a new business waits for review, validation, and nobody else's business.</summary>
public sealed class BusinessAdministration(DatabaseFixture fixture) : OwnerServiceTest(fixture)
{
    private Task<Result<BusinessDetails>> CreateAsync(Actor actor, string name, string zone = "UTC") =>
        WithAsync<IBusinessAdmin, Result<BusinessDetails>>(a => a.CreateAsync(actor, new BusinessSettings(name, zone)));

    [Fact]
    public async Task StartsAPendingBusinessAndMakesItsCreatorAnOwner()
    {
        var customer = await AccountAsync(Roles.Customer);

        var created = Ok(await CreateAsync(customer, "  Corner Bakery  ", "Europe/Paris"));

        Assert.Equal("Corner Bakery", created.Name);
        Assert.Equal("Europe/Paris", created.TimeZoneId);
        Assert.Equal(BusinessStatus.Pending, created.Status);
        Assert.Equal(customer.Id, created.OwnerId);
        Assert.Equal([Roles.Customer, Roles.Owner], (await RolesOfAsync(customer)).Order());
        Assert.Equal([created.Id], (await WithAsync<IBusinessAdmin, IReadOnlyList<BusinessDetails>>(a => a.ListMineAsync(customer))).Select(b => b.Id));

        // A second business keeps the one Owner role.
        Ok(await CreateAsync(customer, "Second shop"));
        Assert.Equal(2, (await RolesOfAsync(customer)).Count);
    }

    [Fact]
    public async Task APendingBusinessIsNotPublic()
    {
        var owner = await AccountAsync(Roles.Customer);
        var created = Ok(await CreateAsync(owner, "Not yet"));

        var directory = await WithAsync<IBusinessDirectory, IReadOnlyList<BusinessSummary>>(d => d.ListBusinessesAsync(null));
        Assert.DoesNotContain(directory, b => b.Id == created.Id);
        var asOwner = await WithAsync<IBusinessDirectory, IReadOnlyList<BusinessSummary>>(d => d.ListBusinessesAsync(owner));
        Assert.Contains(asOwner, b => b.Id == created.Id && b.IsOwner);
    }

    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "", "UTC", "name" },
        { "   ", "UTC", "name" },
        { new string('n', Business.NameMaxLength + 1), "UTC", "name" },
        { "Line\nbreak", "UTC", "name" },
        { "Fine", "", "timeZoneId" },
        { "Fine", "Mars/Olympus_Mons", "timeZoneId" },
        { "Fine", "Romance Standard Time", "timeZoneId" },
        { "Fine", new string('z', 65), "timeZoneId" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task RefusesABadNameOrTimeZoneNamingTheFieldAndSavesNothing(string name, string zone, string field)
    {
        var customer = await UserAsync("customer");

        var error = Refused(await CreateAsync(customer, name, zone), ErrorKind.Validation);

        Assert.Equal([field], error.Fields!.Keys);
        await using var db = await DbAsync();
        Assert.False(await db.Businesses.AnyAsync());
        Assert.Empty(await RolesOfAsync(customer));
    }

    [Fact]
    public async Task UpdatesNameAndTimeZoneButKeepsTheOldOnesWhenInvalid()
    {
        var owner = await UserAsync("owner");
        var business = await BusinessAsync(owner);

        var updated = Ok(await WithAsync<IBusinessAdmin, Result<BusinessDetails>>(a => a.UpdateAsync(owner, business.Id, new("Renamed", "America/New_York"))));
        Assert.Equal(("Renamed", "America/New_York", BusinessStatus.Approved), (updated.Name, updated.TimeZoneId, updated.Status));

        Refused(await WithAsync<IBusinessAdmin, Result<BusinessDetails>>(a => a.UpdateAsync(owner, business.Id, new("Renamed again", "Nowhere/Land"))), ErrorKind.Validation);
        await using var db = await DbAsync();
        var stored = await db.Businesses.SingleAsync(b => b.Id == business.Id);
        Assert.Equal(("Renamed", "America/New_York"), (stored.Name, stored.TimeZoneId));
    }

    [Fact]
    public async Task ARejectedBusinessGoesBackToReviewWhenItsOwnerEditsIt()
    {
        var owner = await UserAsync("owner");
        var business = await BusinessAsync(owner, BusinessStatus.Rejected);

        var updated = Ok(await WithAsync<IBusinessAdmin, Result<BusinessDetails>>(a => a.UpdateAsync(owner, business.Id, new("Fixed name", "UTC"))));

        Assert.Equal(BusinessStatus.Pending, updated.Status);
    }

    [Fact]
    public async Task NobodyButTheOwnerSeesOrChangesABusiness()
    {
        var s = await SceneAsync();
        foreach (var intruder in new[] { s.OtherOwner, s.StaffA, s.Customer, Actor.System })
        {
            Refused(await WithAsync<IBusinessAdmin, Result<OwnedBusiness>>(a => a.GetAsync(intruder, s.Business.Id)), ErrorKind.Forbidden);
            Refused(await WithAsync<IBusinessAdmin, Result<BusinessDetails>>(a => a.UpdateAsync(intruder, s.Business.Id, new("Taken over", "UTC"))), ErrorKind.Forbidden);
            Assert.DoesNotContain(await WithAsync<IBusinessAdmin, IReadOnlyList<BusinessDetails>>(a => a.ListMineAsync(intruder)), b => b.Id == s.Business.Id);
        }
        Refused(await CreateAsync(Actor.System, "By the system"), ErrorKind.Forbidden);
        Refused(await WithAsync<IBusinessAdmin, Result<OwnedBusiness>>(a => a.GetAsync(s.Owner, Guid.NewGuid())), ErrorKind.NotFound);

        var own = Ok(await WithAsync<IBusinessAdmin, Result<OwnedBusiness>>(a => a.GetAsync(s.Owner, s.Business.Id)));
        Assert.Equal(new[] { s.QueueA.Id, s.QueueB.Id }.Order(), own.Queues.Select(q => q.Id).Order());
        await using var db = await DbAsync();
        Assert.Equal(s.Business.Name, (await db.Businesses.SingleAsync(b => b.Id == s.Business.Id)).Name);
    }
}
