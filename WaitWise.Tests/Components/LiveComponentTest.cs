using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WaitWise.Core.Analytics;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Components.Pages.Customer;

namespace WaitWise.Tests.Components;

/// <summary>
/// Base of the customer and board component tests: the real ticket services, notifier and clock over a real
/// database (reset per test), an interactive renderer, and the being-called script recorded rather than run.
/// </summary>
public abstract class LiveComponentTest : ComponentTest, IAsyncLifetime, IClassFixture<DatabaseFixture>
{
    protected LiveComponentTest(DatabaseFixture db)
    {
        Db = db;
        Data = new Builders(db);
        foreach (var type in new[] { typeof(ITicketService), typeof(IQueueControl), typeof(ITicketQueries), typeof(IBusinessDirectory), typeof(IQueueNotifier), typeof(IQueueMessages), typeof(OutboxChannels), typeof(IPushSubscriptions), typeof(IQueueAnalytics) })
        {
            Context.Services.AddSingleton(type, db.Services.GetRequiredService(type));
        }
        // The owner's and the admin's pages' scoped services, in one scope for the test as one circuit would have.
        var circuit = db.Services.CreateScope().ServiceProvider;
        Context.Services.AddSingleton(circuit.GetRequiredService<IQueueAdmin>());
        Context.Services.AddSingleton(circuit.GetRequiredService<IPlatformAdmin>());
        Context.Services.AddSingleton<TimeProvider>(db.Clock);
        Context.Services.AddScoped<CurrentActor>();
        Context.Services.AddScoped<GuestTicketMemory>();
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Script = Context.JSInterop.SetupModule(AlertsScript.ModulePath);
        Script.Mode = JSRuntimeMode.Loose;
        Memory = Context.JSInterop.SetupModule(GuestTicketMemory.ModulePath);
        Memory.Mode = JSRuntimeMode.Loose;
        PushModule = Context.JSInterop.SetupModule(PushScript.ModulePath);
        PushModule.Mode = JSRuntimeMode.Loose;
    }

    protected DatabaseFixture Db { get; }
    protected Builders Data { get; }
    protected TestClock Clock => Db.Clock;
    protected ITicketService Tickets => Db.Services.GetRequiredService<ITicketService>();
    protected IQueueControl Control => Db.Services.GetRequiredService<IQueueControl>();

    /// <summary>What the page asked of wwwroot/js/alerts.js.</summary>
    protected BunitJSInterop Script { get; }

    /// <summary>The Web Push script (wwwroot/js/push.js): gives no subscription unless told to.</summary>
    protected BunitJSInterop PushModule { get; }

    /// <summary>The browser's memory of its guest tickets (wwwroot/js/guest-tickets.js): remembers nothing unless told to.</summary>
    protected BunitJSInterop Memory { get; }

    public new Task InitializeAsync() => Db.ResetAsync();

    protected void SignInAs(Actor actor)
    {
        SignIn("customer@test.example", Roles.Customer);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.Id));
    }

    /// <summary>The dialogs (cancel confirmation) render into this provider, as they do in the layout.</summary>
    protected IRenderedComponent<MudDialogProvider> DialogProvider() => Render<MudDialogProvider>();

    protected static T Ok<T>(WaitWise.Core.Common.Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success but got {result}");
        return result.Value!;
    }

    /// <summary>The ticket tests' builders (scene, a ticket in any state), reused as they are.</summary>
    protected sealed class Builders(DatabaseFixture fixture) : TicketTest(fixture)
    {
        public new Task<Scene> SceneAsync(int maxSize = 50, int slots = 2, bool autoCall = false, int graceSeconds = 600, int callTimeoutSeconds = 180) =>
            base.SceneAsync(maxSize, slots, autoCall, graceSeconds, callTimeoutSeconds);

        public new Task<Business> BusinessAsync(Actor owner, BusinessStatus status = BusinessStatus.Approved) => base.BusinessAsync(owner, status);

        public new Task<QueueEntry> TicketAsync(Guid ticketId) => base.TicketAsync(ticketId);

        public new Task<TicketView> TicketInStateAsync(Scene s, TicketStatus state, Actor? holder = null) => base.TicketInStateAsync(s, state, holder);

        public new Task<Queue> QueueAsync(Business business, int maxSize = 50, int slots = 2, bool autoCall = false, QueueStatus status = QueueStatus.Open,
            int graceSeconds = 600, int callTimeoutSeconds = 180, IEnumerable<Actor>? staff = null) =>
            base.QueueAsync(business, maxSize, slots, autoCall, status, graceSeconds, callTimeoutSeconds, staff);
    }
}
