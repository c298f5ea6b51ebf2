using Microsoft.Extensions.Logging;
using Npgsql;
using WaitWise.Core.Common;

namespace WaitWise.Data.Commands;

/// <summary>
/// What PostgreSQL's answers mean for a command: deadlocks and serialization failures ask for a retry, and a clash on
/// a request key means a twin committed first (the retry answers as it did); a unique, check or foreign-key
/// violation anywhere else is a rule missing in code, which the database kept: refuse, log loudly, change nothing.
/// </summary>
internal static partial class PostgresRetries
{
    public const int MaxAttempts = 20;

    private const string RuleBroken = "The change was refused because it would break a rule of the queue.";

    /// <summary>Runs one try after another until one is not transient.</summary>
    public static Task<Result<T>> RunAsync<T>(ILogger logger, string name, Guid queueId, CancellationToken ct, Func<Task<Result<T>>> attempt) =>
        RunAsync(logger, name, queueId, error => (Result<T>)error, ct, attempt);

    /// <summary>As above, for a try whose answer is not a plain result; <paramref name="refuse"/> makes the refusal.</summary>
    public static async Task<TAnswer> RunAsync<TAnswer>(
        ILogger logger, string name, Guid queueId, Func<Error, TAnswer> refuse, CancellationToken ct, Func<Task<TAnswer>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (n < MaxAttempts && IsTransient(ex))
            {
                LogRetry(logger, name, queueId, n, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * n)), ct);
            }
            catch (Exception ex) when (Postgres(ex) is { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation or PostgresErrorCodes.ForeignKeyViolation } pg)
            {
                LogConstraint(logger, name, queueId, pg.ConstraintName);
                return refuse(new Error(ErrorKind.Conflict, RuleBroken));
            }
            catch (Exception ex) when (DatabaseAway.Is(ex))
            {
                // Not tried again here: a connection that broke during the commit leaves it unknown whether the command
                // was made, and only a caller with a request key can safely ask again (it then gets the first answer).
                LogDatabaseAway(logger, name, queueId, ex.Message);
                return refuse(new Error(ErrorKind.Unavailable, DatabaseAway.Message));
            }
        }
    }

    public static bool IsTransient(Exception ex) => Postgres(ex) is { } pg && (
        pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected ||
        pg is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "IdempotencyKeys" });

    public static PostgresException? Postgres(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException pg)
            {
                return pg;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Command} on queue {QueueId} could not reach the database: {Reason}")]
    private static partial void LogDatabaseAway(ILogger logger, string command, Guid queueId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Command} on queue {QueueId} (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, string command, Guid queueId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} on queue {QueueId} hit database constraint {Constraint}")]
    private static partial void LogConstraint(ILogger logger, string command, Guid queueId, string? constraint);
}
