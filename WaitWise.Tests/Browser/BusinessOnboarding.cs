using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using WaitWise.Core.Businesses;
using WaitWise.Web.Hosting;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>A customer starts a business and becomes its owner; the platform admin approves it and it goes public.</summary>
[Collection(Infrastructure.BrowserTests.Collection)]
public sealed class BusinessOnboarding(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ACustomerStartsABusinessWhichGoesPublicOnlyOnceTheAdminApprovesIt()
    {
        const string name = "Corner Bakery";
        var customer = await browser.SignedInPageAsync(DemoSeeder.CustomerEmails[1]);
        await BrowserFixture.InteractiveAsync(customer);
        await customer.GetByRole(AriaRole.Link, new() { Name = "Start a business" }).ClickAsync();
        await customer.Locator("#business-name").FillAsync(name);
        await customer.Locator("#business-name").PressAsync("Tab");
        await customer.Locator("#business-time-zone").FillAsync("Europe/Paris");
        await customer.Locator("#business-time-zone").PressAsync("Tab");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Create business" }).ClickAsync();

        // The business page needs the Owner role: reaching it proves the sign-in was renewed with the new role.
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(customer.GetByTestId("business-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(customer.GetByRole(AriaRole.Link, new() { Name = "My businesses" })).ToBeVisibleAsync();
        var directory = browser.App.Services.GetRequiredService<IBusinessDirectory>();
        Assert.DoesNotContain(await directory.ListBusinessesAsync(null), b => b.Name == name);

        var admin = await browser.SignedInPageAsync(DemoSeeder.AdminEmail);
        await BrowserFixture.InteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Businesses" }).ClickAsync();
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await row.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("review-message")).ToContainTextAsync($"{name} is now approved.");
        await BrowserFixture.ScreenshotAsync(admin, "admin-approved-business");

        Assert.Contains(await directory.ListBusinessesAsync(null), b => b.Name == name && b.Status == BusinessStatus.Approved);
    }
}
