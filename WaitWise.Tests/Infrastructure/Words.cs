using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WaitWise.Core.Notifications;
using WaitWise.Web;
using WaitWise.Web.Languages;

namespace WaitWise.Tests.Infrastructure;

/// <summary>The web app's words (Resources/Text*.resx) in a given language, as pages and messages read them.</summary>
internal static class Words
{
    private static readonly IStringLocalizer<Text> Resources = new StringLocalizer<Text>(new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    public static IStringLocalizer In(string language) => new LanguageText(Resources, SiteLanguages.Find(language));

    public static IStringLocalizer English { get; } = In("en");

    /// <summary>The messages' words, as the app's delivery reads them.</summary>
    public static IMessageLanguages Messages { get; } = new MessageLanguages(Resources);
}
