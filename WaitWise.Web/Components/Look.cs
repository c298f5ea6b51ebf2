using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace WaitWise.Web.Components;

/// <summary>
/// The classes of WaitWise's own look (wwwroot/look.css), for what pages someone keeps open draw as plain elements:
/// such a page holds every component it shows in its circuit, each with render buffers of its own, while plain markup
/// costs only its frames. The look rests on MudBlazor's theme variables, not on its components' class names.
/// </summary>
public static class Look
{
    public const string Link = "ww-link";

    /// <summary>A filled status chip in one of the theme's colours.</summary>
    public static string Chip(Color color) => color switch
    {
        Color.Success => "ww-chip ww-chip-success",
        Color.Warning => "ww-chip ww-chip-warning",
        Color.Error => "ww-chip ww-chip-error",
        Color.Info => "ww-chip ww-chip-info",
        Color.Primary => "ww-chip ww-chip-primary",
        _ => "ww-chip",
    };

    /// <summary>One of MudBlazor's <see cref="Icons"/> (an SVG path) as an inline icon.</summary>
    public static RenderFragment Icon(string icon) => builder => builder.AddMarkupContent(0,
        $"<svg class=\"ww-icon\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
