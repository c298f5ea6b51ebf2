using WaitWise.Core.Queues;

namespace WaitWise.Web.Components.Live;

/// <summary>
/// Keeps a component in step with the queues it shows: it re-reads on every hint from the notifier and, since
/// hints are only hints (a lost message, a node that was not listening), also on the notifier's timer. One re-read runs at a time.
/// </summary>
public sealed class QueueWatch : IAsyncDisposable
{
    private readonly IQueueNotifier _notifier;
    private readonly Func<Task> _refresh;
    private readonly ILogger _logger;
    private readonly Dictionary<Guid, IDisposable> _subscriptions = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _ticking;

    /// <param name="refresh">Re-reads state and re-renders; the component wraps it in <c>InvokeAsync</c>.</param>
    public QueueWatch(IQueueNotifier notifier, Func<Task> refresh, ILogger logger, TimeSpan? period = null)
    {
        _notifier = notifier;
        _refresh = refresh;
        _logger = logger;
        _timer = new PeriodicTimer(period ?? notifier.ReReadEvery);
        _ticking = TickAsync();
    }

    /// <summary>
    /// Watches exactly these queues from now on. A queue newly watched is read once more right after when the timer is
    /// long: the caller read it before the subscription was there, and a change committed in between would otherwise
    /// wait for the timer.
    /// </summary>
    public void Watch(IEnumerable<Guid> queueIds)
    {
        var wanted = queueIds.ToHashSet();
        var added = false;
        lock (_subscriptions)
        {
            foreach (var gone in _subscriptions.Keys.Where(id => !wanted.Contains(id)).ToList())
            {
                _subscriptions[gone].Dispose();
                _subscriptions.Remove(gone);
            }
            foreach (var id in wanted.Where(id => !_subscriptions.ContainsKey(id)))
            {
                _subscriptions[id] = _notifier.Subscribe(id, RefreshAsync);
                added = true;
            }
        }
        // With the node-only notifier the 5 s timer closes that window soon enough; with the cross-node one it is 30 s.
        if (added && _notifier.ReReadEvery > InProcessQueueNotifier.NodeOnlyReRead)
        {
            _ = RefreshAsync();
        }
    }

    private async Task TickAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
            {
                await RefreshAsync();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed: the component (or its whole circuit) went away.
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await _gate.WaitAsync(_stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        try
        {
            await _refresh();
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException))
        {
            // The next hint or tick tries again; the page keeps showing what it last read.
            _logger.LogWarning(e, "Re-reading a watched queue failed.");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.Dispose();
            }
            _subscriptions.Clear();
        }
        await _stop.CancelAsync();
        _timer.Dispose();
        await _ticking;
        _stop.Dispose();
    }
}
