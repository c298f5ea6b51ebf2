namespace WaitWise.Web.Hosting;

/// <summary>Configuration keys of WaitWise (appsettings.json at the repository root, overridden by the environment).</summary>
public static class WaitWiseSettings
{
    public const string ConnectionStringName = "WaitWise";
    public const string SeedDemo = "WaitWise:SeedDemo";
    /// <summary>
    /// With the demo, four weeks of simulated history in its queues (default true). Development only: elsewhere there
    /// is never a simulated history, whatever this says.
    /// </summary>
    public const string SeedDemoHistory = "WaitWise:SeedDemoHistory";
    /// <summary>Run the Quartz scheduler in this instance (default true). Reads apply due transitions either way.</summary>
    public const string SchedulerEnabled = "WaitWise:Scheduler:Enabled";
    /// <summary>Seconds between safety-net sweeps of due time-based transitions (default 30).</summary>
    public const string SweepSeconds = "WaitWise:Scheduler:SweepSeconds";
    /// <summary>A folder all nodes share for the keys that protect sign-in cookies and bearer tokens (unset: this machine's default).</summary>
    public const string KeysDirectory = "WaitWise:KeysDirectory";
    /// <summary>Hours a request key and its answer are kept for retries (default 24); older ones are deleted hourly.</summary>
    public const string IdempotencyRetentionHours = "WaitWise:Idempotency:RetentionHours";
    /// <summary>Days a guest's name, e-mail and phone are kept after their last ticket ended (default 30); erased hourly after.</summary>
    public const string GuestDataDays = "WaitWise:Retention:GuestDataDays";
    /// <summary>Carry queue hints between the nodes over PostgreSQL LISTEN/NOTIFY (default true).</summary>
    public const string CrossNodeHints = "WaitWise:LiveUpdates:CrossNode";
    /// <summary>Seconds between an open page's re-reads without a hint (default 30 with cross-node hints, else 5).</summary>
    public const string ReReadSeconds = "WaitWise:LiveUpdates:ReReadSeconds";
    /// <summary>This node's name in /health and the logs (default: the machine's name and the process id).</summary>
    public const string NodeName = "WaitWise:NodeName";
}
