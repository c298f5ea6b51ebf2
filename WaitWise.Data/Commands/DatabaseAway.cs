using Npgsql;

namespace WaitWise.Data.Commands;

/// <summary>What an error from Npgsql says when the database itself is not there: the caller should try again shortly.</summary>
public static class DatabaseAway
{
    public const string Message =
        "The database could not be reached just now, so this may not have been done. Try again in a moment.";

    /// <summary>
    /// The database is not there to ask: no connection (refused, broken, timed out, the pool exhausted waiting), the
    /// server shutting down, or a server that became a read-only standby (a failover's old primary).
    /// </summary>
    public static bool Is(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
            {
                return pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                    or PostgresErrorCodes.ReadOnlySqlTransaction || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
            }
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }
}
