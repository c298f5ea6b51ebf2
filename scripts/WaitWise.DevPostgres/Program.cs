using System.Diagnostics;
using System.Runtime.InteropServices;
using WaitWise.DevPostgres;

// scripts/run: the app against a private PostgreSQL cluster under the repository's .data folder (git-ignored, kept
// between runs), or against ConnectionStrings__WaitWise when it is set; the cluster stops when the app stops.
// scripts/cluster (--nodes N): N app processes on that database behind nginx, all stopped together on Ctrl+C.
var root = RepositoryRoot();
var dataDirectory = Environment.GetEnvironmentVariable("WAITWISE_DATA_DIRECTORY") is { Length: > 0 } configured
    ? Path.GetFullPath(configured, root)
    : Path.Combine(root, ".data");
var nodes = args is ["--nodes", var count, ..] ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : 0;
var appArgs = nodes > 0 ? args[2..] : args;

PrivatePostgres? server = null;
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__WaitWise");
if (string.IsNullOrEmpty(connectionString))
{
    server = await PrivatePostgres.StartAsync(Path.Combine(dataDirectory, "postgres"), "waitwise", throwaway: false);
    connectionString = server.ConnectionString;
    Console.WriteLine($"Started a private PostgreSQL on 127.0.0.1:{server.Port} (data in {dataDirectory}).");
}
try
{
    // Ctrl+C reaches the app processes too (one process group); this process waits for them, then stops the rest. A
    // cluster also passes Ctrl+C or a SIGTERM on to its nodes itself, wherever they were started from.
    using var stop = new CancellationTokenSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    return nodes > 0
        ? await Cluster.RunAsync(root, dataDirectory, connectionString, nodes, appArgs, stop.Token)
        : await RunOneAsync(root, connectionString, appArgs);

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}

static async Task<int> RunOneAsync(string root, string connectionString, string[] args)
{
    var app = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
    foreach (var arg in new[] { "run", "--project", "WaitWise.Web", "--launch-profile", "http", "--" }.Concat(args))
    {
        app.ArgumentList.Add(arg);
    }
    app.Environment["ConnectionStrings__WaitWise"] = connectionString;
    using var process = Process.Start(app) ?? throw new InvalidOperationException("Could not start the app.");
    await process.WaitForExitAsync();
    return process.ExitCode;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "WaitWise.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("Run this from the WaitWise repository (scripts/run).");
}
