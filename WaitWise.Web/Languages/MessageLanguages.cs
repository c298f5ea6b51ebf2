using Microsoft.Extensions.Localization;
using WaitWise.Core.Notifications;

namespace WaitWise.Web.Languages;

/// <summary>The messages' words from the pages' resources (Resources/Text*.resx), in the customer's language.</summary>
public sealed class MessageLanguages(IStringLocalizer<Text> text) : IMessageLanguages
{
    public IStringLocalizer In(string language) => new LanguageText(text, SiteLanguages.Find(language));
}
