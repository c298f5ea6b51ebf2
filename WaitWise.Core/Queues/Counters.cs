using WaitWise.Core.Common;

namespace WaitWise.Core.Queues;

/// <summary>
/// SPEC.md invariant 1 as pure rules: which counter (service slot) a call or a resume takes, and which free counters
/// AutoCall fills. The service reads the busy counters under the queue's lock and asks here.
/// </summary>
public static class Counters
{
    /// <summary>The counters 1..<paramref name="serviceSlots"/> not in <paramref name="busy"/>, lowest first.</summary>
    public static IReadOnlyList<int> Free(int serviceSlots, IReadOnlyCollection<int> busy) =>
        Enumerable.Range(1, serviceSlots).Where(slot => !busy.Contains(slot)).ToList();

    /// <summary>The requested counter if it exists and is free; without one, the lowest free counter; or why not.</summary>
    public static Result<int> Pick(int serviceSlots, IReadOnlyCollection<int> busy, int? requested)
    {
        if (requested is { } wanted)
        {
            if (wanted < 1 || wanted > serviceSlots)
            {
                return Error.Invalid($"Counter {wanted} does not exist; this queue has counters 1 to {serviceSlots}.");
            }
            return busy.Contains(wanted) ? new Error(ErrorKind.NoFreeSlot, $"Counter {wanted} is busy.") : wanted;
        }
        var free = Free(serviceSlots, busy);
        return free.Count > 0 ? free[0] : new Error(ErrorKind.NoFreeSlot, $"All {serviceSlots} counters are busy.");
    }

    /// <summary>Whether AutoCall calls at all: it is on, and calling has not stopped (a paused or closed queue).</summary>
    public static bool AutoCalls(bool autoCall, QueueStatus status) => autoCall && QueueCalling.Stopped(status) is null;

    /// <summary>AutoCall's plan: the free counters to call the head of the line into, in order; none when it does not call.</summary>
    public static IReadOnlyList<int> ToFill(bool autoCall, QueueStatus status, int serviceSlots, IReadOnlyCollection<int> busy) =>
        AutoCalls(autoCall, status) ? Free(serviceSlots, busy) : [];
}
