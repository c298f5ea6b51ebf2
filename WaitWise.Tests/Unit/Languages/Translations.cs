using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using WaitWise.Web;
using WaitWise.Web.Languages;
using BrowserFixture = WaitWise.Tests.Infrastructure.Browser;

namespace WaitWise.Tests.Unit.Languages;

/// <summary>
/// Every word a page or a message asks for (<c>L["…"]</c>, <c>B["…"]</c>, <c>l["…"]</c> in the web app and the
/// domain) is in the English resources, and every English key is in every other language with the same
/// placeholders: a language can be missing nothing, and no translation can drop or invent a value.
/// </summary>
public sealed partial class Translations
{
    private static readonly ResourceManager Resources = new("WaitWise.Web.Resources.Text", typeof(Text).Assembly);

    private static Dictionary<string, string> In(string culture) =>
        Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static readonly Dictionary<string, string> English = In("");

    /// <summary>The keys the source asks for, each with the first file that does.</summary>
    private static Dictionary<string, string> KeysInSource()
    {
        var root = BrowserFixture.RepositoryRoot();
        var keys = new Dictionary<string, string>();
        foreach (var project in new[] { "WaitWise.Web", "WaitWise.Core" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match m in Lookup().Matches(File.ReadAllText(file)))
                {
                    keys.TryAdd(Regex.Unescape(m.Groups[1].Value), Path.GetRelativePath(root, file));
                }
            }
        }
        return keys;
    }

    [Fact]
    public void TheSourceAsksForWordsAndFindsEachInTheEnglishResources()
    {
        var keys = KeysInSource();
        Assert.True(keys.Count > 300, $"Only {keys.Count} keys found: the scan no longer sees the pages' words.");
        var missing = keys.Where(k => !English.ContainsKey(k.Key)).Select(k => $"{k.Value}: \"{k.Key}\"").ToList();
        Assert.True(missing.Count == 0, "Not in Resources/Text.resx:\n" + string.Join("\n", missing));
    }

    public static TheoryData<string> OtherLanguages() => [.. SiteLanguages.All.Where(l => l != SiteLanguages.English).Select(l => l.Name)];

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryLanguageHasEveryKeyWithTheSamePlaceholders(string language)
    {
        var translated = In(language);
        var missing = English.Keys.Where(k => !translated.ContainsKey(k)).ToList();
        var extra = translated.Keys.Where(k => !English.ContainsKey(k)).ToList();
        var empty = translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ToList();
        var placeholders = translated.Where(t => English.TryGetValue(t.Key, out var english) && !Placeholders(english).SetEquals(Placeholders(t.Value)))
            .Select(t => $"\"{t.Key}\" → \"{t.Value}\"").ToList();

        Assert.True(missing.Count == 0, $"Missing in Text.{language}.resx:\n" + string.Join("\n", missing));
        Assert.True(extra.Count == 0, $"In Text.{language}.resx but not in English:\n" + string.Join("\n", extra));
        Assert.True(empty.Count == 0, $"Empty in Text.{language}.resx:\n" + string.Join("\n", empty));
        Assert.True(placeholders.Count == 0, $"Placeholders differ in Text.{language}.resx:\n" + string.Join("\n", placeholders));
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryTranslationFormatsWithTheEnglishArguments(string language)
    {
        var broken = new List<string>();
        foreach (var (key, value) in In(language))
        {
            var count = Placeholders(English[key]).Select(p => int.Parse(p.Split(':')[0], CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            try
            {
                _ = string.Format(CultureInfo.GetCultureInfo(language), value, Enumerable.Range(0, count).Select(i => (object)DateTime.UnixEpoch.AddHours(i)).ToArray());
            }
            catch (FormatException e)
            {
                broken.Add($"\"{value}\": {e.Message}");
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])[LBl]\[\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Lookup();

    [GeneratedRegex(@"\{(\d+(?::[^}]*)?)\}")]
    private static partial Regex Placeholder();
}
