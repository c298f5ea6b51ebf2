using MudBlazor;
using WaitWise.Core.Queues;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>A queue's state in the customer's words.</summary>
public static class QueueStatusText
{
    public static string Of(QueueStatus status) => status switch
    {
        QueueStatus.Open => "Open",
        QueueStatus.Paused => "Paused",
        QueueStatus.Locked => "Not taking new people",
        QueueStatus.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Explain(QueueStatus status) => status switch
    {
        QueueStatus.Open => "You can join now.",
        QueueStatus.Paused => "You can join; calling resumes shortly.",
        QueueStatus.Locked => "No new people are taken; everyone already in line is still served.",
        QueueStatus.Closed => "This queue is closed. Come back when it opens.",
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
