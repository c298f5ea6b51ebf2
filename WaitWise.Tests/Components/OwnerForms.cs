using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Notifications;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components;
using WaitWise.Web.Components.Pages.Owner;

namespace WaitWise.Tests.Components;

/// <summary>The owner's forms over the real services and a real database: bad values show on their field and nothing is saved.</summary>
public sealed class OwnerForms : ComponentTest, IClassFixture<DatabaseFixture>
{
    /// <summary>Each step is a real database round trip; a busy test machine needs more than bUnit's one-second default.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly DatabaseFixture _db;

    public OwnerForms(DatabaseFixture db)
    {
        _db = db;
        // One scope for the test, as one circuit would have; the scoped services here hold nothing to dispose.
        var scope = db.Services.CreateScope().ServiceProvider;
        Context.Services.AddSingleton(scope.GetRequiredService<IQueueAdmin>());
        Context.Services.AddSingleton(scope.GetRequiredService<IBusinessAdmin>());
        Context.Services.AddSingleton(db.Services.GetRequiredService<ITicketService>());
        Context.Services.AddSingleton(db.Services.GetRequiredService<IQueueControl>());
        Context.Services.AddSingleton(db.Services.GetRequiredService<ITicketQueries>());
        Context.Services.AddSingleton(db.Services.GetRequiredService<IQueueNotifier>());
        Context.Services.AddSingleton(db.Services.GetRequiredService<IQueueMessages>());
        Context.Services.AddSingleton(db.Services.GetRequiredService<OutboxChannels>());
        Context.Services.AddSingleton<TimeProvider>(db.Clock);
        Context.Services.AddScoped<CurrentActor>();
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private async Task<string> SignInAsAsync(string email, string role)
    {
        var id = await _db.CreateUserAsync(email, role);
        SignIn(email, role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        return id;
    }

    private async Task<Guid> BusinessOfAsync(string ownerId)
    {
        await using var db = await _db.Db.CreateDbContextAsync();
        var business = new Business { Id = Guid.NewGuid(), Name = "Forms Bakery", OwnerId = ownerId, Status = BusinessStatus.Approved, CreatedAt = _db.Clock.Now };
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return business.Id;
    }

    /// <summary>Finds and clicks in one dispatch, so a re-render in between cannot take the handler away.</summary>
    private static void Click<T>(IRenderedComponent<T> page, string text) where T : IComponent =>
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click()).GetAwaiter().GetResult();

    /// <summary>A clean database, a signed-in owner of one business, and that business's new-queue page.</summary>
    private async Task<IRenderedComponent<QueueCreate>> NewQueuePageAsync()
    {
        await _db.ResetAsync();
        var owner = await SignInAsAsync("owner-forms@test.example", Roles.Owner);
        var businessId = await BusinessOfAsync(owner);
        var page = Render<QueueCreate>(p => p.Add(x => x.BusinessId, businessId));
        page.WaitForElement("#queue-name", Patience);
        return page;
    }

    [Fact]
    public void TheQueuePageSaysWhichChannelsAreOffOnThisServer()
    {
        var on = Render<ChannelsNotice>();
        Assert.Empty(on.FindAll("[data-testid=email-off], [data-testid=sms-off]"));

        using var other = new BunitContext();
        other.Services.AddSingleton(new OutboxChannels([NotificationChannel.Sms]));
        other.JSInterop.Mode = JSRuntimeMode.Loose;
        other.Services.AddMudServices();
        other.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        var emailOff = other.Render<ChannelsNotice>();

        Assert.Contains("E-mail is off on this server", emailOff.Find("[data-testid=email-off]").TextContent);
        Assert.Empty(emailOff.FindAll("[data-testid=sms-off]"));
    }

    [Fact]
    public async Task ANewQueueWithBadSettingsShowsEachFieldsErrorAndSavesNothing()
    {
        var page = await NewQueuePageAsync();

        page.Find("#queue-name").Input("Returns");
        page.Find("#queue-prefix").Input("A B");
        page.Find("#queue-max-size").Change("0");
        page.Find("#queue-slots").Change("101");
        Click(page, "Create queue");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("The capacity must be between 1 and 100000.", page.Markup);
            Assert.Contains("The number of counters must be between 1 and 100.", page.Markup);
            Assert.Contains("The ticket prefix has at most 8 letters", page.Markup);
        }, Patience);
        Assert.DoesNotContain("A queue needs a name", page.Markup);
        await using var db = await _db.Db.CreateDbContextAsync();
        Assert.False(await db.Queues.AnyAsync());
    }

    /// <summary>The bad-input corpus of the API walk, for the owner's text fields: each shows a message on its field and saves nothing.</summary>
    public static TheoryData<string, string> BadText => new()
    {
        { "#queue-name", "" }, { "#queue-name", "   " }, { "#queue-name", new string('x', 5000) }, { "#queue-name", "a\u0000b" },
        { "#queue-name", "tab\there" }, { "#queue-prefix", "\u202eA" }, { "#queue-prefix", "a\u0000" }, { "#queue-prefix", new string('P', 300) },
        { "#queue-max-size", "-1" }, { "#queue-max-size", "99999999999" }, { "#queue-slots", "0" }, { "#queue-grace", "-5" },
        { "#queue-call-timeout", "2147483647" }, { "#queue-default-service", "0" },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task EveryBadValueInANewQueuesFieldsIsToldOnThePageAndSavesNothing(string field, string value)
    {
        var page = await NewQueuePageAsync();
        if (field != "#queue-name")
        {
            page.Find("#queue-name").Input("Returns");
        }

        // The name and prefix fields take each keystroke (their counter and preview follow the typing).
        if (field is "#queue-name" or "#queue-prefix")
        {
            page.Find(field).Input(value);
        }
        else
        {
            page.Find(field).Change(value);
        }
        Click(page, "Create queue");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".mud-input-error, [data-testid=form-error]")), Patience);
        await using var db = await _db.Db.CreateDbContextAsync();
        Assert.False(await db.Queues.AnyAsync());
    }

    [Theory]
    [InlineData("#business-name", "")]
    [InlineData("#business-name", "   ")]
    [InlineData("#business-name", "a\u0000b")]
    [InlineData("#business-time-zone", "a\u0000b")]
    [InlineData("#business-time-zone", "")]
    public async Task EveryBadValueInANewBusinessIsToldOnThePageAndSavesNothing(string field, string value)
    {
        await _db.ResetAsync();
        await SignInAsAsync("customer-forms@test.example", Roles.Customer);
        var page = Render<BusinessEditor>();
        page.WaitForElement("#business-name", Patience);
        page.Find("#business-name").Input("Corner Shop");
        page.Find("#business-time-zone").Change("Europe/London");

        if (field == "#business-name")
        {
            page.Find(field).Input(value);
        }
        else
        {
            page.Find(field).Change(value);
        }
        Click(page, "Create business");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".mud-input-error, [data-testid=form-error]")), Patience);
        await using var db = await _db.Db.CreateDbContextAsync();
        Assert.False(await db.Businesses.AnyAsync());
    }

    [Fact]
    public async Task AGoodQueueIsCreatedClosedAndTheOwnerIsTakenToIt()
    {
        var page = await NewQueuePageAsync();

        page.Find("#queue-name").Input("Returns");
        page.Find("#queue-slots").Change("3");
        Click(page, "Create queue");

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/owner/queues/", navigation.Uri), Patience);
        await using var db = await _db.Db.CreateDbContextAsync();
        var queue = await db.Queues.SingleAsync();
        Assert.Equal(("Returns", 3, QueueStatus.Closed), (queue.Name, queue.ServiceSlots, queue.Status));
        Assert.EndsWith($"/owner/queues/{queue.Id}", navigation.Uri);
    }

    [Fact]
    public async Task ANewQueueStartsWithTheBusinesssNextFreePrefixShowsItsCodesAndKeepsItWhenUntouched()
    {
        var page = await NewQueuePageAsync();
        page.WaitForAssertion(() => Assert.Contains("Tickets read A-001, A-002…", page.Markup), Patience);

        page.Find("#queue-prefix").Input("RX/");
        page.WaitForAssertion(() => Assert.Contains("Tickets read RX/001, RX/002…", page.Markup), Patience);
        page.Find("#queue-prefix").Input("");
        page.WaitForAssertion(() => Assert.Contains("Tickets read 001, 002…", page.Markup), Patience);
        page.Find("#queue-prefix").Input("A-");

        page.Find("#queue-name").Input("Returns");
        Click(page, "Create queue");
        await using var db = await _db.Db.CreateDbContextAsync();
        await Eventually.TrueAsync(async () => await db.Queues.AnyAsync(), "the queue is created");
        Assert.Equal("A-", (await db.Queues.SingleAsync()).TicketPrefix);

        var businessId = (await db.Queues.SingleAsync()).BusinessId;
        var next = Render<QueueCreate>(p => p.Add(x => x.BusinessId, businessId));
        next.WaitForAssertion(() => Assert.Contains("Tickets read B-001, B-002…", next.Markup), Patience);
        next.Find("#queue-name").Input("Collections");
        Click(next, "Create queue");
        await Eventually.TrueAsync(async () => await db.Queues.CountAsync() == 2, "the second queue is created");
        Assert.Equal("B-", (await db.Queues.SingleAsync(q => q.Name == "Collections")).TicketPrefix);
    }

    [Fact]
    public async Task NameFieldsShowTheirLimitBeforeAnythingIsTyped()
    {
        var page = await NewQueuePageAsync();
        page.WaitForAssertion(() => Assert.Contains($"0 / {QueueLimits.NameMaxLength}", page.Markup), Patience);
        page.Find("#queue-name").Input("Returns");
        page.WaitForAssertion(() => Assert.Contains($"7 / {QueueLimits.NameMaxLength}", page.Markup), Patience);

        var business = Render<BusinessEditor>();
        business.WaitForElement("#business-name", Patience);
        Assert.Contains($"0 / {Business.NameMaxLength}", business.Markup);
    }

    [Fact]
    public async Task ANewBusinessSpeaksTheLanguageItsOwnerPicksForItsBoardAndKiosk()
    {
        await _db.ResetAsync();
        await SignInAsAsync("customer-forms@test.example", Roles.Customer);
        var page = Render<BusinessEditor>();
        page.WaitForElement("#business-name", Patience);
        page.Find("#business-name").Input("Tienda de la esquina");
        page.Find("#business-time-zone").Change("Europe/Madrid");

        var language = page.FindComponent<MudSelect<string>>();
        Assert.Contains("English", language.Markup);
        await page.InvokeAsync(() => language.Instance.ValueChanged.InvokeAsync("es"));
        Click(page, "Create business");

        await using var db = await _db.Db.CreateDbContextAsync();
        await Eventually.TrueAsync(async () => await db.Businesses.AnyAsync(), "the business is created");
        Assert.Equal("es", (await db.Businesses.SingleAsync()).Language);
    }

    [Fact]
    public void ABusinessInALanguageWaitWiseDoesNotSpeakIsRefusedOnTheField() =>
        Assert.Contains("language", new BusinessSettings("Corner Shop", "Europe/London", "de").Problems().Keys);

    [Fact]
    public async Task ABusinessWithAnUnknownTimeZoneIsRefusedOnTheFieldAndNotCreated()
    {
        await _db.ResetAsync();
        await SignInAsAsync("customer-forms@test.example", Roles.Customer);
        var page = Render<BusinessEditor>();
        page.WaitForElement("#business-name", Patience);

        page.Find("#business-name").Input("Corner Shop");
        page.Find("#business-time-zone").Change("Atlantis/Central");
        Click(page, "Create business");

        page.WaitForAssertion(() => Assert.Contains("Pick an IANA time zone", page.Markup), Patience);
        await using var db = await _db.Db.CreateDbContextAsync();
        Assert.False(await db.Businesses.AnyAsync());
    }

    [Fact]
    public void AReReadOfTheSameHoursKeepsWhatTheOwnerIsTyping()
    {
        IReadOnlyList<OpeningWindow> stored = [new(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))];
        var page = Render<OpeningHoursEditor>(p => p.Add(x => x.QueueId, Guid.NewGuid()).Add(x => x.Hours, stored));
        page.Find("#hours-opens-0").Change("08:30");

        page.Render(p => p.Add(x => x.Hours, [.. stored]));
        Assert.Equal("08:30", page.Find("#hours-opens-0").GetAttribute("value"));

        page.Render(p => p.Add(x => x.Hours, [new(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(17, 0))]));
        Assert.Equal("10:00", page.Find("#hours-opens-0").GetAttribute("value"));
    }

    [Fact]
    public async Task AWindowThatOpensAndClosesAtOnceIsRefusedAndTheHoursStayAsTheyWere()
    {
        await _db.ResetAsync();
        var owner = await SignInAsAsync("owner-forms@test.example", Roles.Owner);
        var businessId = await BusinessOfAsync(owner);
        var queue = (await Context.Services.GetRequiredService<IQueueAdmin>().CreateAsync(new Actor(owner), businessId, new QueueChanges(Name: "Hours"))).Value!;
        var page = Render<OpeningHoursEditor>(p => p.Add(x => x.QueueId, queue.Id).Add(x => x.Hours, []));

        Click(page, "Add a window");
        page.Find("#hours-opens-0").Change("10:00");
        page.Find("#hours-closes-0").Change("10:00");
        Click(page, "Save opening hours");

        page.WaitForAssertion(() => Assert.Contains("A window must open and close at different times", page.Markup), Patience);
        Assert.Empty(page.FindAll("[data-testid=hours-saved]"));
        await using var db = await _db.Db.CreateDbContextAsync();
        Assert.False(await db.OpeningHours.AnyAsync());
    }

    [Fact]
    public async Task AnotherOwnerOpeningTheQueuePageSeesARefusalAndNothingOfTheQueue()
    {
        await _db.ResetAsync();
        var owner = await _db.CreateUserAsync("owner-forms@test.example", Roles.Owner);
        var businessId = await BusinessOfAsync(owner);
        var queue = (await Context.Services.GetRequiredService<IQueueAdmin>().CreateAsync(new Actor(owner), businessId, new QueueChanges(Name: "Secret line"))).Value!;
        await SignInAsAsync("other-owner-forms@test.example", Roles.Owner);

        var page = Render<QueuePage>(p => p.Add(x => x.QueueId, queue.Id));

        page.WaitForElement("[data-testid=refused]", Patience);
        Assert.DoesNotContain("Secret line", page.Markup);
        Assert.DoesNotContain("Forms Bakery", page.Markup);
        Assert.Empty(page.FindAll("#queue-name"));
    }
}
