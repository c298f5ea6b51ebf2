namespace WaitWise.Data.Idempotency;

/// <summary>
/// One request key a caller used (SPEC.md failure model: retries, duplicate requests): what it was used for and the
/// answer given, so a repeat is answered the same without acting again. One row per (caller, key). Rows expire after
/// the retention period (<c>WaitWise:Idempotency:RetentionHours</c>).
/// </summary>
public sealed class IdempotencyKey
{
    public const int ScopeMaxLength = 450;
    public const int NameMaxLength = 200;

    /// <summary>Whose key: the actor's id, or for an anonymous caller a name derived from the request itself.</summary>
    public required string Scope { get; set; }
    public required string Key { get; set; }
    /// <summary>The command (or, for an HTTP request kept whole, "HTTP").</summary>
    public required string Command { get; set; }
    /// <summary>What it acted on: a queue, ticket or business id; empty for an HTTP request kept whole, whose fingerprint is its request.</summary>
    public required string Target { get; set; }
    /// <summary>The rest of the request (a counter number, the body's hash): a repeat must match it.</summary>
    public required string Request { get; set; }
    /// <summary>The answer as JSON.</summary>
    public required string Outcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
