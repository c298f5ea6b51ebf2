using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WaitWise.DevPostgres;

/// <summary>
/// A private PostgreSQL cluster started from the installed server binaries: loopback only, a free port,
/// run as the unprivileged "postgres" user when this process is root (the server refuses root).
/// A development and testing tool, not part of the app: scripts/run, the tests and the benchmark start one.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;
    private bool _stopped;

    private PrivatePostgres(string bin, string dataDir, int port, string database)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = 200,
        }.ConnectionString;
    }

    public int Port { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// Starts (initialising on first use) the cluster in <paramref name="dataDir"/> and creates <paramref name="database"/>.
    /// A throwaway cluster (tests, benchmarks) skips fsync; the app's own cluster keeps PostgreSQL's durable defaults.
    /// </summary>
    /// <param name="port">The port to listen on (a cluster started again where its clients expect it); a free one if none.</param>
    public static async Task<PrivatePostgres> StartAsync(string dataDir, string database, bool throwaway, CancellationToken ct = default, int? port = null)
    {
        var bin = FindBinaries();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        if (runAs is not null)
        {
            await RunAsync("chown", ["-R", $"{runAs}:{runAs}", dataDir], null, ct);
        }
        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], runAs, ct);
        }
        // A cluster left running by a process that was killed would hold the data folder: stop it first.
        if (File.Exists(Path.Combine(dataDir, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", "immediate", "-w"], runAs, ct, allowFailure: true);
        }
        port ??= FreePort();
        var options = $"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300";
        if (throwaway)
        {
            // Tests run many app hosts at once, each with its pools and its live-update connections.
            options = options.Replace("max_connections=300", "max_connections=600", StringComparison.Ordinal) +
                      " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["start", "-D", dataDir, "-w", "-t", "60", "-l", Path.Combine(dataDir, "server.log"), "-o", options], runAs, ct);
        var server = new PrivatePostgres(bin, dataDir, port.Value, database) { RunAs = runAs };
        await server.CreateDatabaseAsync(database, ct);
        return server;
    }

    private string? RunAs { get; init; }

    /// <summary>Creates a database if it is missing, optionally as a copy of a template database.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default, string? template = null)
    {
        await using var connection = await OpenAdminAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            var from = template is null ? "" : $" TEMPLATE \"{template}\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database if it exists, ending any sessions still connected to it.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await OpenAdminAsync(ct);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }

    /// <summary>An unpooled connection to the server's "postgres" database, for creating and dropping others.</summary>
    private async Task<NpgsqlConnection> OpenAdminAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", _dataDir, "-m", "fast", "-w"], RunAs, CancellationToken.None, allowFailure: true);
    }

    /// <summary>The newest installed server, or the folder named by WAITWISE_PG_BIN.</summary>
    public static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("WAITWISE_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries were found under /usr/lib/postgresql. Install them (apt-get install postgresql) " +
            "or set ConnectionStrings__WaitWise to an existing server.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, string? runAs, CancellationToken ct, bool allowFailure = false)
    {
        var info = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var a in new[] { "-u", runAs, "--", file })
            {
                info.ArgumentList.Add(a);
            }
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
