using Microsoft.Extensions.Logging.Abstractions;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Components.Live;

namespace WaitWise.Tests.Components;

/// <summary>
/// A page reads its state, then starts watching: a change committed between the two would wait for the re-read timer,
/// so a newly watched queue is read once more right after it is subscribed, and a hint reads again.
/// </summary>
public sealed class QueueWatchReads
{
    [Fact]
    public async Task ANewlyWatchedQueueIsReadOnceMoreAndAQueueAlreadyWatchedIsNot()
    {
        var notifier = new InProcessQueueNotifier(TimeSpan.FromHours(1));
        var reads = 0;
        await using var watch = new QueueWatch(notifier, () =>
        {
            Interlocked.Increment(ref reads);
            return Task.CompletedTask;
        }, NullLogger.Instance);
        var first = Guid.NewGuid();

        watch.Watch([first]);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref reads) == 1), "read once after the subscription");
        watch.Watch([first]);
        notifier.Publish(first);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref reads) == 2), "read again on the hint");
        watch.Watch([first, Guid.NewGuid()]);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref reads) == 3), "read once after the second queue's subscription");

        notifier.Publish(Guid.NewGuid());
        watch.Watch([first]);
        notifier.Publish(first);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref reads) == 4), "read on the next hint");
        Assert.Equal(4, Volatile.Read(ref reads));
    }
}
