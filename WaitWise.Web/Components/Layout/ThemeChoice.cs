namespace WaitWise.Web.Components.Layout;

/// <summary>
/// Light or dark, per browser: the choice made with the app bar's toggle, and otherwise the system's setting. Both are
/// cookies js/theme.js writes (it reads the system's setting in the page's head and loads the page again when it
/// changed). Read once per page load: the theme's stylesheet is rendered into the page outside every circuit.
/// </summary>
public static class ThemeChoice
{
    public const string CookieName = "WaitWise.Theme";
    public const string SystemCookieName = "WaitWise.SystemTheme";

    public static bool IsDark(HttpContext context) =>
        (context.Request.Cookies[CookieName] ?? context.Request.Cookies[SystemCookieName]) == "dark";
}
