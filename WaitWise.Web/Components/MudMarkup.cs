namespace WaitWise.Web.Components;

/// <summary>
/// MudBlazor's classes, for text and links that customer pages draw as plain elements: a page someone keeps open holds
/// every component it shows in its circuit, each with render buffers of its own, while plain markup costs only its frames.
/// </summary>
public static class MudMarkup
{
    /// <summary>What MudLink draws, with its default colour and underline.</summary>
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover";
}
