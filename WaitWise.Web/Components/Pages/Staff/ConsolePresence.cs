using WaitWise.Core.Auth;
using WaitWise.Core.Queues;

namespace WaitWise.Web.Components.Pages.Staff;

/// <summary>
/// A console's word that its person is at their counter (<see cref="ICounterPresences"/>): said when the queue or
/// counter is picked and every minute while the console is open, taken back when it moves on or closes. Wait
/// estimates count the counter as serving for that while. A failure to say it is logged and tried again on the next
/// minute; the console works on without it.
/// </summary>
public sealed class ConsolePresence : IAsyncDisposable
{
    private readonly ICounterPresences _presences;
    private readonly Actor _actor;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Task _repeating;
    private (Guid Queue, int Counter)? _here;
    private Guid? _said;

    public ConsolePresence(ICounterPresences presences, Actor actor, ILogger logger)
    {
        _presences = presences;
        _actor = actor;
        _logger = logger;
        _repeating = RepeatAsync();
    }

    /// <summary>I am at <paramref name="counter"/> of <paramref name="queue"/>, or at no queue's counter (null).</summary>
    public async Task AtAsync(Guid? queue, int counter)
    {
        _here = queue is { } id ? (id, counter) : null;
        await SayAsync();
    }

    private async Task RepeatAsync()
    {
        using var timer = new PeriodicTimer(CounterPresences.Every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SayAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The console closed.
        }
    }

    private async Task SayAsync()
    {
        await _gate.WaitAsync(_stop.Token);
        try
        {
            if (_said is { } before && before != _here?.Queue)
            {
                await _presences.LeftAsync(_actor, before, _stop.Token);
                _said = null;
            }
            if (_here is { } here)
            {
                await _presences.SeenAsync(_actor, here.Queue, here.Counter, _stop.Token);
                _said = here.Queue;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "The console could not say its counter; it tries again in a minute.");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _repeating;
        if (_said is { } queue)
        {
            try
            {
                await _presences.LeftAsync(_actor, queue, CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "The console could not take back its counter; the word lapses in two minutes.");
            }
        }
        _stop.Dispose();
        _gate.Dispose();
    }
}
