using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.Extensions;
using QRCoder;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>
/// The QR code of a queue's join link, as an SVG image of its own (sharp at any size, on screen and on paper).
/// Pages show it with an &lt;img&gt;: drawn inline, its markup (tens of KB) would be held by every open page's circuit.
/// </summary>
public static class QueueQrCode
{
    /// <summary>
    /// A day, in the browser only: the link a queue's code points at never changes for a host, but it is built from
    /// the request's host, so no shared cache may hand one host's code to another.
    /// </summary>
    private const string Caching = "private, max-age=86400";

    public static string JoinUrl(NavigationManager navigation, Guid queueId) =>
        navigation.ToAbsoluteUri($"queues/{queueId}").AbsoluteUri;

    /// <summary>The image's address, relative to the app's base.</summary>
    public static string ImageUrl(Guid queueId) => $"queues/{queueId}/qr.svg";

    public static void MapQueueQrCode(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/queues/{queueId:guid}/qr.svg", (Guid queueId, HttpContext http) =>
        {
            var request = http.Request;
            var joinUrl = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, $"/queues/{queueId}");
            http.Response.Headers.CacheControl = Caching;
            return Results.Text(Svg(joinUrl), "image/svg+xml; charset=utf-8");
        });

    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        using var code = new SvgQRCode(data);
        return code.GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
