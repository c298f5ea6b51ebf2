namespace WaitWise.Core.Auth;

/// <summary>Who performs a command. The service checks the actor's rights against the database.</summary>
public sealed record Actor(string Id)
{
    public const string SystemId = "system";

    /// <summary>The background jobs and lazy reads: may apply time-based transitions only.</summary>
    public static Actor System { get; } = new(SystemId);

    public bool IsSystem => Id == SystemId;
}
