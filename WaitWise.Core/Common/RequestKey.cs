namespace WaitWise.Core.Common;

/// <summary>
/// A caller's key for one request (the API's <c>Idempotency-Key</c>): a command sent again with the same key is not
/// run again but answered as the first time, refusal included. Only callers that may retry send one.
/// </summary>
public sealed class RequestKey(string value)
{
    public const int MaxLength = 100;

    public string Value => value;

    /// <summary>Set by the service when the answer is the one kept for this key, not a fresh run.</summary>
    public bool Replayed { get; set; }

    public static implicit operator RequestKey?(string? value) => value is null ? null : new RequestKey(value);

    public override string ToString() => value;
}
