using System.Diagnostics;
using WaitWise.DevPostgres;

// scripts/run without a configured database: a private PostgreSQL cluster under the repository's .data folder
// (git-ignored, kept between runs), the app run against it, and the cluster stopped when the app stops.
var root = RepositoryRoot();
var dataDirectory = Environment.GetEnvironmentVariable("WAITWISE_DATA_DIRECTORY") is { Length: > 0 } configured
    ? Path.GetFullPath(configured, root)
    : Path.Combine(root, ".data");
await using var server = await PrivatePostgres.StartAsync(Path.Combine(dataDirectory, "postgres"), "waitwise", throwaway: false);
Console.WriteLine($"Started a private PostgreSQL on 127.0.0.1:{server.Port} (data in {dataDirectory}).");

var app = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
foreach (var arg in new[] { "run", "--project", "WaitWise.Web", "--launch-profile", "http", "--" }.Concat(args))
{
    app.ArgumentList.Add(arg);
}
app.Environment["ConnectionStrings__WaitWise"] = server.ConnectionString;
using var process = Process.Start(app) ?? throw new InvalidOperationException("Could not start the app.");
// Ctrl+C reaches the app too (one process group); this process waits for it to stop, then stops the cluster.
Console.CancelKeyPress += (_, e) => e.Cancel = true;
await process.WaitForExitAsync();
return process.ExitCode;

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
