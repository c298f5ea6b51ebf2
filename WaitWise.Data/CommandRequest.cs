namespace WaitWise.Data;

/// <summary>
/// The first successful result of a command sent with a client request id, kept so a repeat of the
/// same request (a double click, a retried HTTP call) returns it instead of acting again.
/// </summary>
public sealed class CommandRequest
{
    public const int RequestIdMaxLength = 100;

    public required string ActorId { get; set; }
    public required string RequestId { get; set; }
    public required string Command { get; set; }
    public required string ResultJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
