using Microsoft.Extensions.Localization;
using WaitWise.Core.Queues;

namespace WaitWise.Web.Components.Pages.Staff;

/// <summary>What the console's link (<c>/staff?queue=…&amp;slot=…</c>) asks for, among the queues I operate.</summary>
public static class ConsoleLink
{
    /// <summary>The queue and counter the link asks for, the first queue and counter 1 without one, or why not.</summary>
    public static (OperatedQueue? Queue, int Counter, string? Problem) Pick(IStringLocalizer l, IReadOnlyList<OperatedQueue> mine, string? queue, string? slot)
    {
        if (mine.Count == 0)
        {
            return (null, 1, null);
        }
        if (queue is null)
        {
            return (mine[0], 1, null);
        }
        // An unknown id and a queue of someone else read the same, so a guessed link learns nothing.
        if (!Guid.TryParse(queue, out var id) || mine.FirstOrDefault(q => q.Id == id) is not { } picked)
        {
            return (null, 1, l["You do not operate this queue. Pick one of your queues above."].Value);
        }
        if (slot is null)
        {
            return (picked, 1, null);
        }
        return int.TryParse(slot, out var counter) && counter >= 1 && counter <= picked.ServiceSlots
            ? (picked, counter, null)
            : (picked, 1, l["Counter \"{0}\" does not exist in {1}; it has counters 1 to {2}. Showing counter 1.", slot, picked.Name, picked.ServiceSlots].Value);
    }
}
