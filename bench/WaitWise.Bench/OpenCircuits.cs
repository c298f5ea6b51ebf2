using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace WaitWise.Bench;

/// <summary>The Blazor circuits the server holds right now: counted as they open and as they are let go.</summary>
public sealed class OpenCircuits
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Waits until <paramref name="count"/> circuits are held, at most <paramref name="timeout"/>; returns whether they were.</summary>
    public async Task<bool> ReachAsync(int count, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (Count != count && waited.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        return Count == count;
    }

    /// <summary>Each circuit's handler, which counts it.</summary>
    public sealed class Counter(OpenCircuits open) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref open._count);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref open._count);
            return Task.CompletedTask;
        }
    }
}
