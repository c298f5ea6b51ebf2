using Microsoft.JSInterop;

namespace WaitWise.Web.Components.Live;

/// <summary>The being-called script (wwwroot/js/alerts.js): chime, flashing title, notifications, print. One per component.</summary>
public sealed class AlertsScript(IJSRuntime js) : IAsyncDisposable
{
    public const string ModulePath = "./js/alerts.js";

    private IJSObjectReference? _module;

    public ValueTask CalledAsync(string title, string body, string tag) => RunAsync("called", title, body, tag);

    public ValueTask StopFlashAsync() => RunAsync("stopFlash");

    public ValueTask ChimeAsync() => RunAsync("chime");

    public ValueTask PrintAsync() => RunAsync("print");

    /// <summary>"granted", "denied", "default" (not asked yet) or "unsupported".</summary>
    public ValueTask<string> NotificationPermissionAsync() => AskAsync("notificationPermission");

    public ValueTask<string> RequestNotificationsAsync() => AskAsync("requestNotifications");

    /// <summary>"running" once the browser lets the page make sound.</summary>
    public ValueTask<string> ArmAsync() => AskAsync("arm");

    private async ValueTask RunAsync(string function, params object?[] args)
    {
        try
        {
            var module = _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await module.InvokeVoidAsync(function, args);
        }
        catch (Exception e) when (IsBestEffort(e))
        {
            // The browser left, refused or did not answer: the page shows the call all the same.
        }
    }

    private async ValueTask<string> AskAsync(string function)
    {
        try
        {
            var module = _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            return await module.InvokeAsync<string?>(function) ?? "unsupported";
        }
        catch (Exception e) when (IsBestEffort(e))
        {
            return "unsupported";
        }
    }

    /// <summary>
    /// Alerts are extras beside what the page shows: a browser that went away, threw (Chrome for Android has no
    /// <c>new Notification</c>) or did not answer within the interop timeout must not end the page's circuit.
    /// </summary>
    private static bool IsBestEffort(Exception e) => e is JSDisconnectedException or JSException or TaskCanceledException;

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}
