using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WaitWise.DevPostgres;

/// <summary>
/// scripts/cluster: the app built once and run as several processes on one database and one key ring, each on a
/// loopback port of its own, behind nginx (scripts/nginx/waitwise.conf) on the address it prints.
/// </summary>
public static class Cluster
{
    public static async Task<int> RunAsync(string root, string dataDirectory, string connectionString, int count, string[] args, CancellationToken stop)
    {
        if (await RunToEndAsync(Start(root, "dotnet", ["build", "WaitWise.Web", "--nologo", "-v", "q"], null)) != 0)
        {
            return 1;
        }
        var web = Path.Combine(root, "WaitWise.Web");
        var dll = Path.Combine(web, "bin", "Debug", "net10.0", "WaitWise.Web.dll");
        var proxyPort = PortFrom(8080);
        var ports = Enumerable.Range(0, count).Select(_ => PrivatePostgres.FreePort()).ToList();
        var nodes = ports.Select((port, i) => Start(web, "dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", .. args], new()
        {
            ["ConnectionStrings__WaitWise"] = connectionString,
            ["WaitWise__KeysDirectory"] = Path.Combine(dataDirectory, "keys"),
            ["WaitWise__NodeName"] = $"node-{i + 1}",
            // The links in messages name the proxy, and each node trusts the client address nginx passes on (the
            // nodes listen on loopback only, so only the proxy can reach them).
            ["WaitWise__PublicUrl"] = Environment.GetEnvironmentVariable("WaitWise__PublicUrl") ?? $"http://localhost:{proxyPort}",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        })).ToList();
        try
        {
            foreach (var port in ports)
            {
                await ListeningAsync(port, nodes, stop);
            }
            await using var proxy = await NginxProxy.StartAsync(ports.Select(p => new Uri($"http://127.0.0.1:{p}")).ToList(),
                Path.Combine(dataDirectory, "nginx"), proxyPort);
            Console.WriteLine($"WaitWise on {count} nodes ({string.Join(", ", ports.Select(p => $"127.0.0.1:{p}"))}) behind nginx: " +
                              $"{proxy.BaseAddress}  (Ctrl+C stops everything)");
            // Ctrl+C stops every node; a node that dies alone is gone from the proxy until the whole cluster is restarted.
            await Task.WhenAll(nodes.Select(n => n.WaitForExitAsync())).WaitAsync(stop).ContinueWith(_ => { }, TaskScheduler.Default);
            return 0;
        }
        finally
        {
            await StopAsync(nodes);
        }
    }

    private static Process Start(string directory, string file, IEnumerable<string> args, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    private static async Task<int> RunToEndAsync(Process process)
    {
        using (process)
        {
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
    }

    /// <summary>Waits until a node listens (it migrates and seeds first); gives up when a node died.</summary>
    private static async Task ListeningAsync(int port, IReadOnlyList<Process> nodes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (!nodes.Any(n => n.HasExited))
            {
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>The first free loopback port from <paramref name="port"/>.</summary>
    private static int PortFrom(int port)
    {
        for (; ; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: the next one.
            }
        }
    }

    /// <summary>Stops the nodes still running (SIGTERM: a graceful shutdown) and waits for them.</summary>
    private static async Task StopAsync(IReadOnlyList<Process> nodes)
    {
        foreach (var node in nodes.Where(n => !n.HasExited))
        {
            Process.Start("kill", ["-TERM", node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.Dispose();
        }
        foreach (var node in nodes)
        {
            await node.WaitForExitAsync();
        }
    }
}
