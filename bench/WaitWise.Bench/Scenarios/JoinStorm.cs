using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// The morning rush over HTTP: distinct signed-in customers join one queue, a fixed number of requests in flight,
/// more customers than places. Compared with pgbench's simple-update on the same server.
/// </summary>
public static class JoinStorm
{
    public static async Task RunAsync(BenchHost host, Report report, int customers, int maxSize, int inFlight, int pgbenchSeconds)
    {
        var label = $"join storm ({customers:N0} users, {inFlight} in flight, max {maxSize:N0})";
        var joinsPerSecond = await StormAsync(host, host.BaseAddress, report, label, "storm", customers, maxSize, inFlight);
        var tps = await PgbenchAsync(host, pgbenchSeconds);
        var ratio = joinsPerSecond / tps;
        report.Add(label, "pgbench simple-update, 16 clients", tps, "tps");
        report.Add(label, "joins/s ÷ pgbench tps", ratio * 100, "%", "≥ 50 %", ratio >= 0.5);
    }

    /// <summary>
    /// The rush itself, sent to <paramref name="address"/> (the node, or a proxy in front of several): a new queue and
    /// new accounts (named after <paramref name="name"/>) signed in, a warm-up rush on another queue, then the timed one. Returns the successful joins per second.
    /// </summary>
    public static async Task<double> StormAsync(BenchHost host, Uri address, Report report, string label, string name, int customers, int maxSize, int inFlight)
    {
        var (_, queues) = await host.QueuesAsync(name, 1, maxSize, slots: 1);
        var queue = queues[0];
        var (_, warmUp) = await host.QueuesAsync(name + "-warm-up", 1, customers, slots: 1);
        var users = await host.UsersAsync(name, customers);
        using var api = new ApiClients(address, inFlight);
        var signInStarted = Stopwatch.GetTimestamp();
        var tokens = await api.SignInAsync(users.Select(u => u.Email).ToList());
        report.Add(label, "sign-ins per second (password hashing)", customers / Stopwatch.GetElapsedTime(signInStarted).TotalSeconds, "/s");

        // The same rush once on another queue first, so the timed one meets a warm server: code compiled, the
        // connection pool full, each connection's plans made.
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (token, ct) =>
        {
            var (status, _) = await api.PostAsync(token, $"api/v1/queues/{warmUp[0].Id}/join", ct: ct);
            if (status != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"A warm-up join answered {status}.");
            }
        });

        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var codes = new ConcurrentDictionary<string, int>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (token, ct) =>
        {
            var sent = Stopwatch.GetTimestamp();
            var (status, body) = await api.PostAsync(token, $"api/v1/queues/{queue.Id}/join", ct: ct);
            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status != HttpStatusCode.Created && body.ValueKind == System.Text.Json.JsonValueKind.Object && body.TryGetProperty("code", out var code))
            {
                codes.AddOrUpdate(code.GetString()!, 1, (_, n) => n + 1);
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var admitted = statuses.GetValueOrDefault(HttpStatusCode.Created);
        var joinsPerSecond = admitted / elapsed;

        await using var db = await host.DbAsync();
        var numbers = await db.QueueEntries.Where(e => e.QueueId == queue.Id).Select(e => e.TicketNumber).OrderBy(n => n).ToListAsync();
        var p99 = Stats.Percentile(latencies.ToList(), 99);

        report.Add(label, "successful joins per second", joinsPerSecond, "/s");
        report.Add(label, "join latency p50", Stats.Percentile(latencies.ToList(), 50), "ms");
        report.Add(label, "join latency p99", p99, "ms", "≤ 250 ms", p99 <= 250);
        report.Check(label, $"exactly {maxSize:N0} admitted, the rest 409 queue_full",
            admitted == maxSize && statuses.GetValueOrDefault(HttpStatusCode.Conflict) == customers - maxSize &&
            codes.GetValueOrDefault("queue_full") == customers - maxSize && statuses.Count <= 2);
        report.Check(label, $"ticket numbers exactly 1..{maxSize:N0}", numbers.SequenceEqual(Enumerable.Range(1, maxSize)));
        report.Check(label, "invariants hold", await host.InvariantViolationsAsync() == 0);
        return joinsPerSecond;
    }

    /// <summary>pgbench's built-in simple-update script on the same server, in a database of its own.</summary>
    private static async Task<double> PgbenchAsync(BenchHost host, int seconds)
    {
        var connection = await host.Postgres.CreateDatabaseAsync("pgbench");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var pgbench = Path.Combine(DevPostgres.PrivatePostgres.FindBinaries(), "pgbench");
        string[] common = ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!];
        await RunAsync(pgbench, [.. common, "-i", "-q", "-s", "16", "pgbench"]);
        var output = await RunAsync(pgbench, [.. common, "-n", "-b", "simple-update", "-c", "16", "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), "pgbench"]);
        // pgbench leaves 1.6 million rows, a tenth of them just updated: autovacuum would take them on during the
        // scenarios that follow, on one of this machine's two cores.
        await host.Postgres.DropDatabaseAsync("pgbench");
        var line = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench failed: {await stderr}");
        }
        return await stdout + await stderr;
    }
}
