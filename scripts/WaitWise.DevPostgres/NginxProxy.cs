using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace WaitWise.DevPostgres;

/// <summary>
/// Debian's nginx in front of app nodes, configured from scripts/nginx/waitwise.conf (the file the README tells users
/// to copy): sticky sessions by a cookie of its own, WebSocket upgrade, the next node when one refuses. Runs in the
/// foreground under a folder of its own (configuration, logs, pid) on a loopback port. For scripts/cluster, the tests
/// and the benchmark.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NginxProxy(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://localhost:{Port}/");

    /// <summary>What nginx wrote to its standard error (its error log goes there).</summary>
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

    /// <summary>The site configuration for these nodes, listening on this address.</summary>
    public static string SiteConfiguration(IEnumerable<Uri> nodes, string listen)
    {
        using var template = typeof(NginxProxy).Assembly.GetManifestResourceStream("WaitWise.DevPostgres.nginx.waitwise.conf")
            ?? throw new InvalidOperationException("The nginx template is not embedded.");
        using var reader = new StreamReader(template);
        return reader.ReadToEnd()
            .Replace("@NODES@", string.Join('\n', nodes.Select(n => $"    server {n.Host}:{n.Port} max_fails=1 fail_timeout=10s;")), StringComparison.Ordinal)
            .Replace("@LISTEN@", $"    listen {listen};", StringComparison.Ordinal);
    }

    /// <summary>Starts nginx in front of <paramref name="nodes"/> on <paramref name="port"/> (a free one if none) and waits until it listens.</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> nodes, string directory, int? port = null)
    {
        var binary = FindBinary();
        var listenPort = port ?? PrivatePostgres.FreePort();
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            // Run as root, nginx's workers are "nobody": they must be able to write their temporary files.
            var folder = Directory.CreateDirectory(Path.Combine(directory, temp));
            if (OperatingSystem.IsWindows())
            {
                continue;
            }
            folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                  UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                  UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "waitwise.conf"), SiteConfiguration(nodes, $"127.0.0.1:{listenPort}"));
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            daemon off;
            worker_processes 2;
            pid {{directory}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 8192; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/waitwise.conf;
            }
            """);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", "stderr" })
        {
            start.ArgumentList.Add(argument);
        }
        var proxy = new NginxProxy(new Process { StartInfo = start }, listenPort);
        proxy._process.OutputDataReceived += (_, line) => proxy.Read(line.Data);
        proxy._process.ErrorDataReceived += (_, line) => proxy.Read(line.Data);
        proxy._process.Start();
        proxy._process.BeginOutputReadLine();
        proxy._process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!await ListensAsync(listenPort))
        {
            if (proxy._process.HasExited || waited.Elapsed > StartDeadline)
            {
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start:\n{proxy.Output}");
            }
            await Task.Delay(50);
        }
        return proxy;
    }

    /// <summary>Debian's nginx, or the binary named by WAITWISE_NGINX.</summary>
    public static string FindBinary()
    {
        var configured = Environment.GetEnvironmentVariable("WAITWISE_NGINX");
        var binary = configured is { Length: > 0 } ? configured : "/usr/sbin/nginx";
        return File.Exists(binary)
            ? binary
            : throw new InvalidOperationException($"nginx was not found at {binary}. Install it (apt-get install nginx) or set WAITWISE_NGINX.");
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
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
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
