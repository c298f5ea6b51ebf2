using MudBlazor;

namespace WaitWise.Web.Components.Layout;

/// <summary>The site's colours, on every page: the app's own, the board by the door and the printable QR sheet.</summary>
public static class WaitWiseTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#f57c00",
            AppbarBackground = "#00695c",
        },
    };
}
