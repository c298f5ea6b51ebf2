using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// The server memory each connected customer page costs: real headless Chromium pages on a queue page, each with
/// its Blazor circuit up, and the server's memory (after a full compacting collection) before and after.
/// </summary>
/// <remarks>
/// The figure checked against the target is what the circuits themselves hold: the growth of live managed objects
/// plus the growth of native memory (working set minus what the GC has committed), per page. The working set alone
/// is reported too but not checked: the server GC commits its heap in large regions per core and keeps them after a
/// collection, so the working set grows in steps of megabytes that depend on this machine's cores and on when the
/// GC last grew its budget, not on what a page holds (two runs of the same code measured 523 and 1,860 KB a page).
/// The managed part still counts the few objects the in-process Playwright client keeps per page (a few KB).
/// </remarks>
public static class CircuitMemory
{
    public static async Task RunAsync(BenchHost host, Report report, int pages)
    {
        var (_, queues) = await host.QueuesAsync("circuits", 1, maxSize: 100, slots: 1);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WAITWISE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var url = $"queues/{queues[0].Id}";

        // Pages first that are not measured, so what every page shares (compiled code, caches, thread pool growth)
        // is in the baseline; in rounds, each closed once the JIT has had nothing left to compile for a while. .NET
        // compiles a method quickly first, then again with counters, then optimised, each step after 30 calls, and
        // it counts calls only once no new method has run for a moment, which pages opened one after another never
        // give it. With a single round that recompiled code (some 15 MB, 2,000 methods) landed among the measured
        // pages as more than 200 KB a page that no page holds; the JIT is quiet after the third round.
        const int rounds = 4;
        var circuits = host.Services.GetRequiredService<OpenCircuits>();
        var warmUp = Math.Max(1, pages * 3 / 10);
        for (var round = 0; round < rounds; round++)
        {
            var opened = new List<IPage>();
            for (var i = 0; i < warmUp; i++)
            {
                opened.Add(await OpenAsync(context, url));
            }
            await JitSettledAsync();
            foreach (var page in opened)
            {
                await page.CloseAsync();
            }
            if (!await circuits.ReachAsync(0, TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"The server still holds {circuits.Count} circuits of closed pages.");
            }
        }
        var compiledBefore = JitInfo.GetCompiledMethodCount();
        var before = BenchHost.MemoryAfterCollection();
        for (var i = 0; i < pages; i++)
        {
            await OpenAsync(context, url);
        }
        // A page's script is up a moment before the server has set up its circuit: the figure counts them all.
        var allConnected = await circuits.ReachAsync(pages, TimeSpan.FromSeconds(30));
        var after = BenchHost.MemoryAfterCollection();
        var compiledWhileMeasuring = JitInfo.GetCompiledMethodCount() - compiledBefore;

        double PerPage(long growth) => growth / 1024.0 / pages;
        var managed = PerPage(after.ManagedLive - before.ManagedLive);
        var native = PerPage(Math.Max(0, after.Native - before.Native));
        var label = $"circuit memory ({pages} Chromium pages)";
        report.Add(label, "server working set before", before.WorkingSet / 1024.0 / 1024, "MB");
        report.Add(label, "server working set after", after.WorkingSet / 1024.0 / 1024, "MB");
        report.Add(label, "working set growth per page", PerPage(after.WorkingSet - before.WorkingSet), "KB");
        report.Add(label, "live managed objects per page", managed, "KB");
        report.Add(label, "native growth per page", native, "KB");
        report.Add(label, "methods compiled while measuring", compiledWhileMeasuring, "methods");
        report.Add(label, "per connected customer page", managed + native, "KB", "≤ 250 KB", managed + native <= 250);
        report.Check(label, "every page's circuit connected, and only theirs", context.Pages.Count == pages && allConnected);
    }

    /// <summary>Waits until the JIT has compiled nothing for two seconds (at most a minute).</summary>
    private static async Task JitSettledAsync()
    {
        var deadline = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        while (quiet.Elapsed < TimeSpan.FromSeconds(2) && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quiet.Restart();
            }
        }
    }

    /// <summary>Opens the page and waits until its circuit's WebSocket is up and the page is interactive.</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        var socket = page.WaitForWebSocketAsync(new() { Predicate = ws => ws.Url.Contains("_blazor", StringComparison.Ordinal), Timeout = 30_000 });
        await page.GotoAsync(url);
        await socket;
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = 30_000 });
        return page;
    }
}
