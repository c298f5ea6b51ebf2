namespace WaitWise.Core.Common;

/// <summary>Why a command was refused. The code is stable and shown to API clients.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    InvalidTransition,
    QueueFull,
    AlreadyInQueue,
    NoFreeSlot,
    QueueNotOpen,
    OutsideHours,
    GraceExpired,
    Conflict,
    /// <summary>A request key sent again with a different request.</summary>
    KeyReused,
    /// <summary>A guest asked to join a queue that takes only signed-in customers.</summary>
    GuestsNotAllowed,
    /// <summary>Again too soon after the last time (a message to everyone, at most one a minute).</summary>
    TooSoon,
    /// <summary>The database could not be reached (it restarted, or a standby is taking over): try again shortly.</summary>
    Unavailable,
}

public sealed record Error(ErrorKind Kind, string Message)
{
    /// <summary>For validation errors: the message(s) for each offending field, keyed by its camelCase name.</summary>
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }

    public string Code => Kind switch
    {
        ErrorKind.Validation => "validation",
        ErrorKind.NotFound => "not_found",
        ErrorKind.Forbidden => "forbidden",
        ErrorKind.InvalidTransition => "invalid_transition",
        ErrorKind.QueueFull => "queue_full",
        ErrorKind.AlreadyInQueue => "already_in_queue",
        ErrorKind.NoFreeSlot => "no_free_slot",
        ErrorKind.QueueNotOpen => "queue_not_open",
        ErrorKind.OutsideHours => "outside_hours",
        ErrorKind.GraceExpired => "grace_expired",
        ErrorKind.Conflict => "conflict",
        ErrorKind.KeyReused => "idempotency_key_reused",
        ErrorKind.GuestsNotAllowed => "guests_not_allowed",
        ErrorKind.TooSoon => "too_soon",
        ErrorKind.Unavailable => "unavailable",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    public static Error NotFound(string what) => new(ErrorKind.NotFound, $"{what} was not found.");
    public static Error Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static Error Invalid(string message) => new(ErrorKind.Validation, message);

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "One or more fields are invalid.") { Fields = fields };
}

/// <summary>The outcome of a command: a value, or the reason it was refused (and nothing changed).</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Error error) => Fail(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value!) : Error!;

    public override string ToString() => IsSuccess ? $"Ok({Value})" : $"Fail({Error!.Code}: {Error.Message})";
}
