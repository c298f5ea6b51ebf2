using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace WaitWise.Web.Components;

/// <summary>
/// MudBlazor's markup and classes, for what pages someone keeps open draw as plain elements: such a page holds every
/// component it shows in its circuit, each with render buffers of its own (some 4 KB), while plain markup costs only
/// its frames.
/// </summary>
public static class MudMarkup
{
    /// <summary>What MudLink draws, with its default colour and underline.</summary>
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover";

    /// <summary>The classes of a filled, medium MudChip (inside a <c>mud-chip-container</c>, with its text in <c>mud-chip-content</c>).</summary>
    public static string Chip(Color color) => $"mud-chip mud-chip-filled mud-chip-size-medium mud-chip-color-{color.ToString().ToLowerInvariant()}";

    /// <summary>What MudIcon draws for one of MudBlazor's <see cref="Icons"/> at its default size.</summary>
    public static RenderFragment Icon(string icon) => builder => builder.AddMarkupContent(0,
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
