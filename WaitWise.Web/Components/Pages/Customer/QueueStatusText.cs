using Microsoft.Extensions.Localization;
using MudBlazor;
using WaitWise.Core.Queues;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>A queue's state in the customer's words.</summary>
public static class QueueStatusText
{
    public static string Of(IStringLocalizer l, QueueStatus status) => status switch
    {
        QueueStatus.Open => l["Open"],
        QueueStatus.Paused => l["Paused"],
        QueueStatus.Locked => l["Not taking new people"],
        QueueStatus.Closed => l["Closed"],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Explain(IStringLocalizer l, QueueStatus status) => status switch
    {
        QueueStatus.Open => l["You can join now."],
        QueueStatus.Paused => l["You can join; calling resumes shortly."],
        QueueStatus.Locked => l["No new people are taken; everyone already in line is still served."],
        QueueStatus.Closed => l["This queue is closed. Come back when it opens."],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Mirrors the join guard so the button is not offered in vain; the service still decides.</summary>
    public static bool TakesJoins(QueueStatus status) => status is QueueStatus.Open or QueueStatus.Paused;

    public static Color ColorOf(QueueStatus status) => status switch
    {
        QueueStatus.Open => Color.Success,
        QueueStatus.Paused => Color.Warning,
        _ => Color.Error,
    };
}
