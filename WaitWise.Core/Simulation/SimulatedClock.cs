namespace WaitWise.Core.Simulation;

/// <summary>A clock the simulation moves: the services it drives read the simulated time, never the machine's.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="at"/>; it never goes back.</summary>
    public void MoveTo(DateTimeOffset at)
    {
        if (at.UtcTicks > Interlocked.Read(ref _ticks))
        {
            Interlocked.Exchange(ref _ticks, at.UtcTicks);
        }
    }
}
