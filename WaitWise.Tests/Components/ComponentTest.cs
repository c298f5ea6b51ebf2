using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WaitWise.Web.Components.Layout;
using WaitWise.Web.Languages;

namespace WaitWise.Tests.Components;

/// <summary>
/// Base of the bUnit tests: MudBlazor's services with its transitions off, loose JS interop (bUnit runs no
/// script, and MudBlazor calls its own on every render) and a test user whose name and roles each test sets.
/// </summary>
public abstract class ComponentTest : IAsyncLifetime
{
    // bUnit waits 1 s by default; on a busy CI machine a page reading a real database needs longer.
    static ComponentTest() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected ComponentTest()
    {
        // The pages are rendered in English, as for a browser asking for it (the machine's own culture may be none).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = SiteLanguages.English.Culture;
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        // The pages' words, from the web app's resources in the thread's language (English, the neutral one, here).
        Context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Auth = Context.AddAuthorization();
    }

    protected BunitContext Context { get; } = new();

    /// <summary>Anonymous until a test signs someone in.</summary>
    protected BunitAuthorizationContext Auth { get; }

    protected void SignIn(string userName, params string[] roles)
    {
        Auth.SetAuthorized(userName);
        Auth.SetRoles(roles);
    }

    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent => Context.Render(parameters);

    /// <summary>The site's layout (app bar and menu) around an empty page, for whoever is signed in.</summary>
    protected IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously, so the context is not disposed through IDisposable.
    public async Task DisposeAsync() => await Context.DisposeAsync();
}
