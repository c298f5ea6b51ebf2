using System.Diagnostics;
using WaitWise.Bench;
using WaitWise.Bench.Scenarios;

// bench: every scenario at full size; bench --quick: small sizes, so CI checks that the benchmark still runs
// and that WaitWise stays correct under it. Speed targets are reported, correctness failures fail the run.
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var report = new Report();
var total = Stopwatch.StartNew();

await using (var host = await BenchHost.StartAsync())
{
    var scenarios = new (string Name, Func<Task> Run)[]
    {
        ("join", () => JoinStorm.RunAsync(host, report, quick ? 200 : 2_000, quick ? 150 : 1_500, inFlight: 100, pgbenchSeconds: quick ? 3 : 15)),
        ("guests", () => GuestStorm.RunAsync(host, report, quick ? 200 : 2_000, quick ? 150 : 1_500, inFlight: 100)),
        ("staff", () => StaffThroughput.RunAsync(host, report, 1, slots: 5, clientsPerQueue: 20, quick ? 500 : 20_000, TimeSpan.FromSeconds(quick ? 2 : 10))),
        ("staff", () => StaffThroughput.RunAsync(host, report, 50, slots: 1, clientsPerQueue: 1, quick ? 40 : 1_000, TimeSpan.FromSeconds(quick ? 2 : 10))),
        ("reads", () => ReadsAtScale.RunAsync(host, report, quick ? 5_000 : 100_000, samples: quick ? 100 : 1_000)),
        ("sweep", () => ExpirySweep.RunAsync(host, report, quick ? 5_000 : 100_000, sweeps: quick ? 1 : 3)),
        ("fanout", () => FanOut.RunAsync(host, report, quick ? 100 : 1_000, commits: quick ? 20 : 200)),
        ("circuits", () => CircuitMemory.RunAsync(host, report, quick ? 5 : 100)),
        ("nodes", () => SeveralNodes.RunAsync(host, report, quick ? 100 : 1_000, commits: quick ? 20 : 200, quick ? 200 : 2_000, quick ? 150 : 1_500, inFlight: 100)),
        ("estimates", () => Estimates.RunAsync(host, report, days: quick ? 3 : 20)),
        ("notify", () => MessagesToSmtp.RunAsync(report, queues: quick ? 10 : 100, ticketsPerQueue: 10)),
    };
    foreach (var (name, run) in scenarios.Where(s => only is null || s.Name == only))
    {
        Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {name}...");
        try
        {
            await run();
        }
        catch (Exception ex)
        {
            report.Check(name, $"ran to the end ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})", false);
            Console.Error.WriteLine(ex);
        }
    }
}

Console.WriteLine($"WaitWise benchmark, {(quick ? "quick" : "full")} mode, {Environment.ProcessorCount} cores, {total.Elapsed.TotalSeconds:N0} s");
report.Print(Console.Out, quick ? "quick" : "full");
foreach (var failure in report.CorrectnessFailures)
{
    Console.Error.WriteLine("FAILED: " + failure);
}
return report.CorrectnessFailures.Count == 0 ? 0 : 1;
