using System.Globalization;
using Microsoft.AspNetCore.Localization;
using WaitWise.Core.Common;

namespace WaitWise.Web.Languages;

/// <summary>One language WaitWise speaks: its culture name and its own name for itself (as the picker shows it).</summary>
public sealed record Language(string Name, string NativeName)
{
    public CultureInfo Culture => CultureInfo.GetCultureInfo(Name);

    public bool RightToLeft => Culture.TextInfo.IsRightToLeft;
}

/// <summary>
/// The languages of the pages and the messages. A browser gets the one its Accept-Language asks for, or the one
/// picked in the app bar, kept in ASP.NET Core's culture cookie; English when neither names one of these.
/// </summary>
public static class SiteLanguages
{
    public static readonly Language English = new("en", "English");

    private static readonly Dictionary<string, string> NativeNames = new()
    {
        ["en"] = "English",
        ["fr"] = "Français",
        ["es"] = "Español",
        ["ar"] = "العربية",
    };

    /// <summary>The domain's languages (<see cref="SpokenLanguages"/>), each named in itself.</summary>
    public static readonly IReadOnlyList<Language> All =
        SpokenLanguages.Names.Select(name => name == English.Name ? English : new Language(name, NativeNames[name])).ToList();

    /// <summary>The cookie the app bar's picker writes (js/language.js) and the request localization reads.</summary>
    public static readonly string CookieName = CookieRequestCultureProvider.DefaultCookieName;

    public static bool IsSupported(string? name) => All.Any(l => l.Name == name);

    /// <summary>The language named (a business's or a customer's), English when it is none of these.</summary>
    public static Language Find(string? name) => All.FirstOrDefault(l => l.Name == name) ?? English;

    /// <summary>The language of the page being rendered (the request's culture, which the circuit keeps).</summary>
    public static Language Current => Find(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>
    /// The language this request asked for (its culture cookie or Accept-Language), or null when it named none of
    /// WaitWise's: someone's messages then speak the business's language rather than English by default.
    /// </summary>
    public static string? Asked(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>() is { Provider: not null } asked
            ? Find(asked.RequestCulture.UICulture.TwoLetterISOLanguageName).Name
            : null;

    public static RequestLocalizationOptions Options()
    {
        var cultures = All.Select(l => l.Culture).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English.Culture),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // fr-CA asks for fr, es-MX for es.
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        // The cookie first, then Accept-Language: no query string, so a shared link does not change anyone's language.
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}
