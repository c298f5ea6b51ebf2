using Bunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WaitWise.Web.Components.Pages;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Components;

public sealed class HomePage : ComponentTest
{
    private void InEnvironment(string name) =>
        Context.Services.AddSingleton<IWebHostEnvironment>(new TestHostEnvironment(name));

    [Fact]
    public void ListsTheDemoSignInsInDevelopment()
    {
        InEnvironment(Environments.Development);

        var home = Render<Home>();

        var rows = home.FindAll("[data-testid=demo-sign-ins] tbody tr");
        Assert.Equal(DemoSeeder.Accounts.Count, rows.Count);
        foreach (var ((email, role), row) in DemoSeeder.Accounts.Zip(rows))
        {
            Assert.Equal([email, role], row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()));
        }
        Assert.Contains(DemoSeeder.Password, home.Find("[data-testid=demo-sign-ins]").TextContent);
    }

    [Fact]
    public void HidesTheDemoSignInsInProduction()
    {
        InEnvironment(Environments.Production);

        var home = Render<Home>();

        Assert.Empty(home.FindAll("[data-testid=demo-sign-ins]"));
        Assert.DoesNotContain(DemoSeeder.Password, home.Markup);
        Assert.DoesNotContain(DemoSeeder.OwnerEmail, home.Markup);
        Assert.Contains("WaitWise", home.Find("h1").TextContent);
    }
}
