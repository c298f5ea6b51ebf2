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
        // The dark theme (ThemeChoice): light tints of the same hues on near-black, with dark text on them, so the
        // same 4.5:1 holds both ways. The board by the door is dark in both themes, with colours of its own.
        PaletteDark = new PaletteDark
        {
            Primary = "#80cbc4",
            PrimaryContrastText = "#00201c",
            Secondary = "#ffb74d",
            SecondaryContrastText = "#2b1700",
            Success = "#81c784",
            SuccessContrastText = "#0b2e0f",
            Warning = "#ffb74d",
            WarningContrastText = "#2b1700",
            Error = "#ef9a9a",
            ErrorContrastText = "#3b0a0a",
            Info = "#90caf9",
            InfoContrastText = "#0a2540",
            Background = "#121212",
            Surface = "#1e1e1e",
            AppbarBackground = "#1e2a29",
            AppbarText = "#ffffff",
            DrawerBackground = "#1e1e1e",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.70)",
        },
    };
}
