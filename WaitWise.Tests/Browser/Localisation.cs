using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Api;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;
using WaitWise.Web.Languages;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Browser;

/// <summary>
/// The app with a pseudo-locale: every word found in the resources comes out as ⟦word⟧. A page that shows any text
/// (or an aria-label, title, placeholder or alt) outside those brackets shows words that do not come from the
/// resources, unless it is data (names, e-mails, ticket codes, numbers, the culture's month and day names).
/// </summary>
public sealed class PseudoLocaleBrowser() : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new(new AppHost
    {
        Replace = services => services.AddSingleton<IStringLocalizerFactory>(sp =>
            new PseudoLocalizerFactory(new ResourceManagerStringLocalizerFactory(
                sp.GetRequiredService<IOptions<LocalizationOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))),
    });

    public Task InitializeAsync() => Browser.InitializeAsync();

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>Wraps every word the resources have in ⟦ ⟧; a word they lack comes out as it was asked for.</summary>
internal sealed class PseudoLocalizerFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new Pseudo(inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new Pseudo(inner.Create(baseName, location));

    private sealed class Pseudo(IStringLocalizer words) : IStringLocalizer
    {
        public LocalizedString this[string name] => Wrap(words[name]);

        public LocalizedString this[string name, params object[] arguments] => Wrap(words[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => words.GetAllStrings(includeParentCultures).Select(Wrap);

        private static LocalizedString Wrap(LocalizedString s) =>
            s.ResourceNotFound ? s : new LocalizedString(s.Name, $"⟦{s.Value}⟧", false, s.SearchedLocation);
    }
}

[Collection(BrowserTests.Collection)]
public sealed partial class Localisation(PseudoLocaleBrowser pseudo) : IClassFixture<PseudoLocaleBrowser>
{
    private BrowserFixture Browser => pseudo.Browser;

    private ITicketService Tickets => Browser.App.Services.GetRequiredService<ITicketService>();

    [Fact]
    public async Task EveryPageOfEveryRoleShowsOnlyWordsFromTheResources()
    {
        var frontDesk = await Browser.App.QueueIdAsync(DemoSeeder.FrontDesk);
        var staffActor = await Browser.App.ActorAsync(DemoSeeder.Staff1Email);
        var guest = await Tickets.JoinAsGuestAsync(frontDesk, new GuestDetails("Called guest", null, "+447700900123"));
        Assert.True(guest.IsSuccess, guest.ToString());
        Browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Tickets.CallSpecificAsync(staffActor, guest.Value!.Placed.Ticket.Id)).IsSuccess);
        var customerEmail = DemoSeeder.CustomerEmails[2];
        var customer = await Browser.App.ActorAsync(customerEmail);
        var joined = await Tickets.JoinAsync(customer, frontDesk);
        Assert.True(joined.IsSuccess, joined.ToString());
        Assert.True((await Tickets.JoinAsGuestAsync(frontDesk, new GuestDetails("Waiting guest", "w@test.example"))).IsSuccess);
        Guid business;
        await using (var db = await Browser.App.DbAsync())
        {
            business = await db.Queues.Where(q => q.Id == frontDesk).Select(q => q.BusinessId).SingleAsync();
        }
        var data = await DataAsync();
        var untranslated = new List<string>();

        var visitor = await Browser.NewPageAsync();
        foreach (var url in new[]
                 {
                     "", "queues", $"businesses/{business}", $"queues/{frontDesk}", $"queues/{frontDesk}/qr", $"board/{frontDesk}",
                     $"tickets/{guest.Value.Placed.Ticket.Id}#key={guest.Value.Key}", $"tickets/{guest.Value.Placed.Ticket.Id}/slip#key={guest.Value.Key}",
                     "Account/Login", "Account/Register", "Account/ForgotPassword", "no-such-page",
                 })
        {
            untranslated.AddRange(await UntranslatedAsync(visitor, url, data));
        }
        var signedIn = await Browser.NewPageAsync();
        await SignInAsync(signedIn, customerEmail);
        foreach (var url in new[]
                 {
                     "my-tickets", $"queues/{frontDesk}", "Account/Manage", "Account/Manage/Email", "Account/Manage/Notifications",
                     "Account/Manage/ChangePassword", "Account/Manage/PersonalData", "Account/Manage/DeletePersonalData",
                 })
        {
            untranslated.AddRange(await UntranslatedAsync(signedIn, url, data));
        }
        var staff = await Browser.NewPageAsync();
        await SignInAsync(staff, DemoSeeder.Staff1Email);
        foreach (var url in new[] { "staff", $"staff?queue={frontDesk}&slot=1", $"kiosk/{frontDesk}" })
        {
            untranslated.AddRange(await UntranslatedAsync(staff, url, data));
        }
        var owner = await Browser.NewPageAsync();
        await SignInAsync(owner, DemoSeeder.OwnerEmail);
        foreach (var url in new[]
                 {
                     "owner", $"owner/businesses/{business}", $"owner/businesses/{business}/edit", $"owner/businesses/{business}/queues/new",
                     $"owner/queues/{frontDesk}", $"owner/queues/{frontDesk}/dashboard", "owner/businesses/new",
                 })
        {
            untranslated.AddRange(await UntranslatedAsync(owner, url, data));
        }
        var admin = await Browser.NewPageAsync();
        await SignInAsync(admin, DemoSeeder.AdminEmail);
        foreach (var url in new[] { "admin/businesses", "admin/health" })
        {
            untranslated.AddRange(await UntranslatedAsync(admin, url, data));
        }

        Assert.True(untranslated.Count == 0, "Text not from the resources:\n" + string.Join("\n", untranslated.Distinct()));
    }

    /// <summary>The sign-in form under the pseudo-locale: its label and button are wrapped like every word.</summary>
    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("⟦Email⟧").FillAsync(email);
        await page.GetByLabel("⟦Password⟧").FillAsync(DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "⟦Sign in⟧" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(LoginPage());
    }

    /// <summary>What the database holds that pages show as it is: names, e-mails, messages.</summary>
    private async Task<List<string>> DataAsync()
    {
        await using var db = await Browser.App.DbAsync();
        var words = new List<string>();
        words.AddRange(await db.Businesses.Select(b => b.Name).ToListAsync());
        words.AddRange(await db.Businesses.Select(b => b.TimeZoneId).ToListAsync());
        words.AddRange(await db.Queues.Select(q => q.Name).ToListAsync());
        words.AddRange(await db.Guests.Select(g => g.Name).ToListAsync());
        words.AddRange(await db.Users.Where(u => u.Email != null).Select(u => u.Email!).ToListAsync());
        words.AddRange(await db.QueueMessages.Select(m => m.Text).ToListAsync());
        words.Add("WaitWise");
        return [.. words.Distinct().OrderByDescending(w => w.Length)];
    }

    /// <summary>
    /// Opens the page, lets its circuit render, and lists each text outside ⟦ ⟧ that is not data. The page's text is
    /// read in document order as one, since a sentence with a link or a name in it spans several text nodes.
    /// </summary>
    private static async Task<List<string>> UntranslatedAsync(IPage page, string url, List<string> data)
    {
        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var read = await page.EvaluateAsync<PageText>("""
            () => {
                const text = [], attributes = [document.title];
                // The language picker names each language in itself, and what is marked translate=no is not words.
                const skip = el => !el || el.closest("script, style, noscript, svg, option[lang], [translate=no]");
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const value = walker.currentNode.textContent.trim();
                    if (value && !skip(walker.currentNode.parentElement)) text.push(value);
                }
                for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
                    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
                        const value = el.getAttribute(name)?.trim();
                        if (value && !skip(el)) attributes.push(value);
                    }
                }
                return { text, attributes };
            }
            """);
        var rest = WithoutWords(string.Join("\n", read.Text)).Split('\n').Concat(read.Attributes.Select(WithoutWords));
        return [.. rest.Where(t => !IsData(t, data)).Select(t => $"/{url}: \"{t.Trim()}\"")];
    }

    private sealed class PageText
    {
        public string[] Text { get; init; } = [];
        public string[] Attributes { get; init; } = [];
    }

    /// <summary>The text with every ⟦word⟧ taken out, innermost first (a list's words sit inside its sentence).</summary>
    private static string WithoutWords(string text)
    {
        string before;
        do
        {
            before = text;
            text = Bracketed().Replace(text, " ");
        }
        while (text != before);
        return text;
    }

    private static readonly string[] CultureWords = [.. Culture.DateTimeFormat.MonthNames, .. Culture.DateTimeFormat.AbbreviatedMonthNames,
        .. Culture.DateTimeFormat.DayNames, .. Culture.DateTimeFormat.AbbreviatedDayNames, Culture.DateTimeFormat.AMDesignator,
        Culture.DateTimeFormat.PMDesignator, "UTC"];

    private static CultureInfo Culture => SiteLanguages.English.Culture;

    private static bool IsData(string text, List<string> data)
    {
        var rest = Address().Replace(text, " ");
        foreach (var value in data.Where(d => d.Length > 0))
        {
            rest = rest.Replace(value, " ", StringComparison.Ordinal);
        }
        rest = TicketCode().Replace(rest, " ");
        foreach (var word in CultureWords.Where(w => w.Length > 0))
        {
            rest = Regex.Replace(rest, $@"\b{Regex.Escape(word)}\b", " ");
        }
        return NoLetters().IsMatch(rest);
    }

    [GeneratedRegex("⟦[^⟦⟧]*⟧")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\b[A-Z]{1,4}-?[0-9]+\b")]
    private static partial Regex TicketCode();

    [GeneratedRegex(@"^[^\p{L}]*$")]
    private static partial Regex NoLetters();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Address();

    [GeneratedRegex("Account/Login")]
    private static partial Regex LoginPage();
}
