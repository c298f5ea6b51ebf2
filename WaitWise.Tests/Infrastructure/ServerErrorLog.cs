using Microsoft.Extensions.Logging;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// Keeps what a test host's server logs at Error level or above (a circuit's unhandled exception, a failed request)
/// and appends it to artifacts/server-errors.log, which scripts/test prints when a run fails: a browser test
/// that sees "An unhandled error has occurred" otherwise leaves no trace of the exception behind it.
/// Entries name the host by its database.
/// </summary>
public sealed class ServerErrorLog(string hostName) : ILoggerProvider
{
    private string HostName { get; } = hostName;

    private static readonly Lock FileLock = new();

    public static string FilePath { get; } = Path.Combine(Browser.RepositoryRoot(), "artifacts", "server-errors.log");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    private void Add(string entry)
    {
        lock (FileLock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.AppendAllText(FilePath, entry + Environment.NewLine);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{DateTimeOffset.UtcNow:O} [{log.HostName}] {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
        }
    }
}
