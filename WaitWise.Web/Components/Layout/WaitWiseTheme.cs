using MudBlazor;

namespace WaitWise.Web.Components.Layout;

/// <summary>The site's colours, on every page: the app's own, the board by the door and the printable QR sheet.</summary>
public static class WaitWiseTheme
{
    public static MudTheme Theme { get; } = new()
    {
        // Every colour that carries text, white on it or it on white (and on its own light tint, as alerts draw it),
        // has a contrast of at least 4.5:1 (WCAG 1.4.3; the accessibility browser tests check every page with axe).
        // MudBlazor's defaults for success, warning, error and info do not (white on #00c853 is 2.2:1).
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#a84d00",
            AppbarBackground = "#00695c",
            Success = "#2e7d32",
            Warning = "#b45309",
            Error = "#c62828",
            Info = "#1565c0",
        },
    };
}
