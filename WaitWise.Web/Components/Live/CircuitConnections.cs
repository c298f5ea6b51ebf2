using Microsoft.AspNetCore.Components.Server;

namespace WaitWise.Web.Components.Live;

/// <summary>How the WebSocket under each interactive page (its circuit) is set up.</summary>
public static class CircuitConnections
{
    /// <summary>
    /// Keeps the WebSocket compression Blazor turns on, but without server context takeover: the deflate state
    /// (about 290 KB of native memory per open page, measured by the circuit memory benchmark) is let go after each
    /// message instead of living as long as the page is open. An open page gets a few small render batches a
    /// minute, which gain little from a dictionary shared across messages.
    /// </summary>
    public static void Configure(ServerComponentsEndpointOptions options) =>
        options.ConfigureWebSocketAcceptContext = (_, accept) =>
        {
            accept.DisableServerContextTakeover = true;
            return Task.CompletedTask;
        };
}
