using WaitWise.Core.Auth;
using WaitWise.Core.Common;

namespace WaitWise.Core.Queues;

/// <summary>
/// A counter chosen in an open staff console, as that console last said so. It makes the counter one of those
/// serving (<see cref="Tickets.LinePace.CountersServing"/>) for <see cref="CounterPresences.Lasts"/> after.
/// </summary>
public sealed class CounterPresence
{
    public Guid QueueId { get; set; }
    public int Slot { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>Staff at their counters, as their consoles tell it: in the database, so every node counts the same counters.</summary>
public interface ICounterPresences
{
    /// <summary>I am at <paramref name="slot"/> of the queue, now (a console says so on opening and every minute).</summary>
    Task<Result<bool>> SeenAsync(Actor staff, Guid queueId, int slot, CancellationToken ct = default);

    /// <summary>I left the queue's counters (the console was closed or moved to another queue or counter).</summary>
    Task LeftAsync(Actor staff, Guid queueId, CancellationToken ct = default);
}

public static class CounterPresences
{
    /// <summary>How long one word from a console counts; consoles speak every <see cref="Every"/>.</summary>
    public static readonly TimeSpan Lasts = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
}
