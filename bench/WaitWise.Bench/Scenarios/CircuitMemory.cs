using Microsoft.Playwright;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// The server memory each connected customer page costs: real headless Chromium pages on a queue page, each with
/// its Blazor circuit up, and the server's working set (after a full collection) before and after.
/// </summary>
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

        // One page first, so what every later page shares (compiled components, caches) is in the baseline.
        await OpenAsync(context, url);
        var before = BenchHost.WorkingSetAfterCollection();
        for (var i = 1; i < pages; i++)
        {
            await OpenAsync(context, url);
        }
        var after = BenchHost.WorkingSetAfterCollection();

        var perCircuit = (after - before) / 1024.0 / Math.Max(1, pages - 1);
        var label = $"circuit memory ({pages} Chromium pages)";
        report.Add(label, "server working set before", before / 1024.0 / 1024, "MB");
        report.Add(label, "server working set after", after / 1024.0 / 1024, "MB");
        report.Add(label, "per connected customer page", perCircuit, "KB", "≤ 250 KB", perCircuit <= 250);
        report.Check(label, "every page's circuit connected", context.Pages.Count == pages);
    }

    /// <summary>Opens the page and waits until its circuit's WebSocket is up and the page is interactive.</summary>
    private static async Task OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        var socket = page.WaitForWebSocketAsync(new() { Predicate = ws => ws.Url.Contains("_blazor", StringComparison.Ordinal), Timeout = 30_000 });
        await page.GotoAsync(url);
        await socket;
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = 30_000 });
    }
}
