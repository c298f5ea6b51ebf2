using WaitWise.Core.Common;

namespace WaitWise.Core.Queues;

/// <summary>SPEC.md: a paused queue stops calling, a closed one is done for the day. One rule for the service and the console.</summary>
public static class QueueCalling
{
    /// <summary>Why nobody may be called in a queue of this status, or null when calling goes on.</summary>
    public static Error? Stopped(QueueStatus status) => status switch
    {
        QueueStatus.Paused => new Error(ErrorKind.QueueNotOpen, "The queue is paused; resume it to call tickets."),
        QueueStatus.Closed => new Error(ErrorKind.QueueNotOpen, "The queue is closed."),
        _ => null,
    };
}
