namespace WaitWise.Bench.Scenarios;

/// <summary>Many LATE tickets whose grace time has passed: how long the time job takes to move them all to MISSED.</summary>
public static class ExpirySweep
{
    public static Task RunAsync(BenchHost host, Report report, int overdue)
    {
        _ = (host, overdue);
        report.Check("expiry sweep", "the sweep job exists", false);
        return Task.CompletedTask;
    }
}
