using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace WaitWise.Web.Hosting;

/// <summary>
/// The headers every answer carries (pages, API, static files, and problems written after a response was cleared),
/// set as the response starts so nothing written later drops them: no content-type sniffing, no address of this
/// site sent as a Referer elsewhere (a ticket's link may carry a key), and a Content-Security-Policy that Blazor
/// Server and MudBlazor work under. Scripts come from the site only, and the one inline script, the import map
/// Blazor renders, is allowed by its hash (the same on every page of a build, so enhanced navigation passes too).
/// Styles allow inline ones: MudBlazor writes style attributes and the theme's stylesheet into the page. The
/// circuit's WebSocket is the site's own origin.
/// </summary>
internal static class SecurityHeaders
{
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> Hashes = new();

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = Policy(context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>());
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static string Policy(ImportMapDefinition? importMap)
    {
        var scripts = importMap is null ? "'self'" : $"'self' '{Hashes.GetValue(importMap, HashOf)}'";
        return $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
               "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    }

    private static string HashOf(ImportMapDefinition importMap) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())));
}
