using Microsoft.JSInterop;
using WaitWise.Core.Notifications;

namespace WaitWise.Web.Components.Live;

/// <summary>The Web Push script (wwwroot/js/push.js): registers the service worker and subscribes this browser.</summary>
public sealed class PushScript(IJSRuntime js)
{
    public const string ModulePath = "./js/push.js";

    /// <summary>The browser's subscription, or null where it cannot give one.</summary>
    public async Task<PushSubscriptionKeys?> SubscribeAsync(string publicKey)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            return await module.InvokeAsync<PushSubscriptionKeys?>("subscribe", publicKey);
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException)
        {
            // Pushes are an extra: the page still alerts while it is open.
            return null;
        }
    }
}
