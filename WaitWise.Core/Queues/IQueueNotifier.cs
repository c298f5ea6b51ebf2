using System.Collections.Concurrent;

namespace WaitWise.Core.Queues;

/// <summary>
/// Tells watchers that a queue changed, after the change committed. A hint only: watchers re-read state
/// and also re-read on a timer, so a lost message costs freshness, never correctness.
/// </summary>
public interface IQueueNotifier
{
    /// <summary>
    /// How often a watcher re-reads even without a hint: often where hints reach only this node's watchers (a change
    /// made on another node shows up only so), seldom where every node's hints arrive.
    /// </summary>
    TimeSpan ReReadEvery { get; }

    void Publish(Guid queueId);
    IDisposable Subscribe(Guid queueId, Func<Task> onChanged);
}

/// <summary>In-process fan-out. A cross-node channel (PostgreSQL LISTEN/NOTIFY) hands its hints to one of these.</summary>
public sealed class InProcessQueueNotifier(TimeSpan reReadEvery) : IQueueNotifier
{
    /// <summary>The re-read of a node whose hints do not leave it.</summary>
    public static readonly TimeSpan NodeOnlyReRead = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _watchers = new();

    public InProcessQueueNotifier() : this(NodeOnlyReRead)
    {
    }

    public TimeSpan ReReadEvery => reReadEvery;

    /// <summary>Every watcher of every queue re-reads: for when hints may have been missed.</summary>
    public void PublishEverything()
    {
        foreach (var queueId in _watchers.Keys)
        {
            Publish(queueId);
        }
    }

    public void Publish(Guid queueId)
    {
        if (!_watchers.TryGetValue(queueId, out var subscriptions))
        {
            return;
        }
        foreach (var subscription in subscriptions.Keys)
        {
            _ = subscription.InvokeAsync();
        }
    }

    public IDisposable Subscribe(Guid queueId, Func<Task> onChanged)
    {
        var subscription = new Subscription(this, queueId, onChanged);
        _watchers.GetOrAdd(queueId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        if (_watchers.TryGetValue(subscription.QueueId, out var subscriptions))
        {
            subscriptions.TryRemove(subscription, out _);
        }
    }

    private sealed class Subscription(InProcessQueueNotifier owner, Guid queueId, Func<Task> onChanged) : IDisposable
    {
        public Guid QueueId => queueId;

        public async Task InvokeAsync()
        {
            try
            {
                await onChanged();
            }
            catch (ObjectDisposedException)
            {
                // The watcher's circuit went away between the publish and the call; it has nothing to refresh.
                owner.Remove(this);
            }
        }

        public void Dispose() => owner.Remove(this);
    }
}
