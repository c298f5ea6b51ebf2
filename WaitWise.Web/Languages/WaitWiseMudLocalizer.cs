using Microsoft.Extensions.Localization;
using MudBlazor;

namespace WaitWise.Web.Languages;

/// <summary>
/// MudBlazor's own words (a dialog's close button, a table's pager) from WaitWise's resources, under their MudBlazor
/// keys; a key WaitWise has no words for keeps MudBlazor's English.
/// </summary>
public sealed class WaitWiseMudLocalizer(IStringLocalizer<Text> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}
