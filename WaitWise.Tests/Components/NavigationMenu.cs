using Bunit;
using WaitWise.Core.Auth;

namespace WaitWise.Tests.Components;

public sealed class NavigationMenu : ComponentTest
{
    [Fact]
    public void OffersVisitorsSignInAndRegister()
    {
        var menu = RenderLayout();

        Assert.Equal("Sign in", menu.Find("header a[href='Account/Login']").TextContent.Trim());
        var links = menu.FindAll("a.ww-nav-link").Select(a => (a.GetAttribute("href"), a.TextContent.Trim()));
        Assert.Equal([("", "Home"), ("queues", "Queues"), ("my-tickets", "My tickets"), ("Account/Login", "Sign in"), ("Account/Register", "Register")], links);
        Assert.Empty(menu.FindAll("form"));
    }

    [Fact]
    public void ShowsASignedInUserTheirAccountAndSignOut()
    {
        SignIn("customer1@waitwise.test", Roles.Customer);

        var menu = RenderLayout();

        Assert.Equal("Your account (customer1@waitwise.test)", menu.Find("header a[href='Account/Manage']").GetAttribute("aria-label"));
        Assert.Equal("My tickets", menu.Find("a[href='my-tickets']").TextContent.Trim());
        Assert.Equal("Queues", menu.Find("a[href='queues']").TextContent.Trim());
        var account = menu.Find("a.ww-nav-link[href='Account/Manage']");
        Assert.Equal("customer1@waitwise.test", account.TextContent.Trim());
        var signOut = menu.Find("form[action='Account/Logout']");
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.Contains("Sign out", signOut.QuerySelector("button[type=submit]")!.TextContent);
        Assert.Empty(menu.FindAll("a[href='Account/Login']"));
    }
}
