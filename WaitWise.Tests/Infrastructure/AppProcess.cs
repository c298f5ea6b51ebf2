using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// The real WaitWise web app as a child process (the build's WaitWise.Web.dll under <c>dotnet</c>), on a free loopback
/// port, over a given database: what a crash or a start-up race needs that a host inside the test process cannot give,
/// a process that can be killed with SIGKILL. It reads the real clock.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => _process = process;

    public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully
        ? _listening.Task.Result
        : throw new InvalidOperationException("The app is not listening yet.");

    /// <summary>What the process wrote to its standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and returns at once; <see cref="ReadyAsync"/> waits until it listens.</summary>
    public static AppProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in (string[])
                 [
                     Path.Combine(AppContext.BaseDirectory, "WaitWise.Web.dll"),
                     "--environment", "Development",
                     "--urls", "http://127.0.0.1:0",
                     $"--ConnectionStrings:{WaitWiseSettings.ConnectionStringName}={connectionString}",
                     "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
                     $"--{WaitWiseSettings.SeedDemoHistory}=false",
                     .. (settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"),
                 ])
        {
            start.ArgumentList.Add(argument);
        }
        var app = new AppProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        app._process.OutputDataReceived += (_, line) => app.Read(line.Data);
        app._process.ErrorDataReceived += (_, line) => app.Read(line.Data);
        app._process.Exited += (_, _) => app._listening.TrySetException(
            new InvalidOperationException($"The app exited with {app._process.ExitCode} before it listened:\n{app.Output}"));
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Starts the app and waits until it listens.</summary>
    public static async Task<AppProcess> StartedAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = Start(connectionString, settings);
        await app.ReadyAsync();
        return app;
    }

    /// <summary>Waits until the app listens (it migrates and seeds before that); throws with its output when it died first.</summary>
    public async Task ReadyAsync() => await _listening.Task.WaitAsync(StartDeadline);

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no flush, connections dropped mid-request.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
