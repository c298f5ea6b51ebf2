using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace WaitWise.Web.Languages;

/// <summary>
/// The words that come from below the pages (the domain's refusals, Identity's): they are English sentences, the
/// same an API client reads. A page shows them in its language by looking the sentence up; one with numbers in it
/// (a limit, a counter, seconds) or a quoted value (an e-mail) is looked up with each as a placeholder ("Counter {0} is busy.") and the
/// numbers put back. A sentence that is in no resource stays English.
/// </summary>
public static partial class Say
{
    public static string Of(this IStringLocalizer localizer, string? english)
    {
        if (string.IsNullOrEmpty(english))
        {
            return "";
        }
        var found = localizer[english];
        if (!found.ResourceNotFound)
        {
            return found.Value;
        }
        // The numbers as placeholders; then also what is quoted (a name, an e-mail: "Email 'ann@x' is already taken.").
        return Templated(localizer, english, Number()) ?? Templated(localizer, english, NumberOrQuoted()) ?? english;
    }

    private static string? Templated(IStringLocalizer localizer, string english, Regex values)
    {
        var arguments = new List<object>();
        var template = values.Replace(english, m =>
        {
            var quote = m.Groups["quote"];
            arguments.Add(quote.Success ? m.Groups["inner"].Value : long.Parse(m.Value, CultureInfo.InvariantCulture));
            var placeholder = "{" + (arguments.Count - 1) + "}";
            return quote.Success ? quote.Value + placeholder + quote.Value : placeholder;
        });
        if (arguments.Count == 0)
        {
            return null;
        }
        var found = localizer[template, [.. arguments]];
        return found.ResourceNotFound ? null : found.Value;
    }

    [GeneratedRegex("[0-9]{1,18}")]
    private static partial Regex Number();

    [GeneratedRegex("(?<quote>['\"])(?<inner>[^'\"]*)\\k<quote>|[0-9]{1,18}")]
    private static partial Regex NumberOrQuoted();
}

/// <summary>
/// The words in one given language whatever the page's: the board and the kiosk speak the business's language
/// (set by its owner), not that of the browser that shows them.
/// </summary>
public sealed class LanguageText(IStringLocalizer inner, Language language) : IStringLocalizer
{
    public Language Language { get; } = language;

    public LocalizedString this[string name] => In(() => inner[name]);

    public LocalizedString this[string name, params object[] arguments] => In(() => inner[name, arguments]);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => In(() => inner.GetAllStrings(includeParentCultures).ToList());

    private T In<T>(Func<T> read)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Language.Culture;
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
