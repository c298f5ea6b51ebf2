namespace WaitWise.Bench;

/// <summary>
/// The process's memory: its working set; the bytes of live managed objects; and what the GC holds committed,
/// live or not. Working set minus GC committed is the native part (code, native buffers, the runtime itself).
/// </summary>
public readonly record struct ServerMemory(long WorkingSet, long ManagedLive, long GcCommitted)
{
    public long Native => WorkingSet - GcCommitted;
}
