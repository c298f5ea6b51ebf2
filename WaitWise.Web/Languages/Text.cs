namespace WaitWise.Web;

/// <summary>
/// The words of every page, in Resources/Text.resx (English) and one Text.{language}.resx beside it for each other
/// language. Pages ask for each by its English text (the localizer <c>L</c> injected in every component): the English is the key, so a page reads as it
/// shows, and a key missing from a language falls back to English (a test makes sure none is missing).
/// </summary>
public sealed class Text;
