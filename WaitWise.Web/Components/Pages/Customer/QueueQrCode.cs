using Microsoft.AspNetCore.Components;
using QRCoder;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>The QR code of a queue's join link, as inline SVG: sharp at any size, on screen and on paper.</summary>
public static class QueueQrCode
{
    public static string JoinUrl(NavigationManager navigation, Guid queueId) =>
        navigation.ToAbsoluteUri($"queues/{queueId}").AbsoluteUri;

    public static MarkupString Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        using var code = new SvgQRCode(data);
        return new MarkupString(code.GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute));
    }
}
