using System.Globalization;
using System.Text.Json;

namespace WaitWise.Bench;

/// <summary>One measured figure and, where the issue sets one, its target.</summary>
public sealed record Row(string Scenario, string Figure, double Value, string Unit, string Target, bool? Pass)
{
    public string Shown => Value.ToString(Value >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture) + " " + Unit;
}

/// <summary>The table a reader sees and the one line a machine parses.</summary>
public sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> CorrectnessFailures => _failures;

    public void Add(string scenario, string figure, double value, string unit, string target = "", bool? pass = null) =>
        _rows.Add(new Row(scenario, figure, value, unit, target, pass));

    /// <summary>A correctness check: a failure makes the whole run fail, whatever the speed.</summary>
    public void Check(string scenario, string what, bool ok)
    {
        _rows.Add(new Row(scenario, what, ok ? 1 : 0, ok ? "yes" : "NO", "yes", ok));
        if (!ok)
        {
            _failures.Add($"{scenario}: {what}");
        }
    }

    public void Print(TextWriter output, string mode)
    {
        var header = new[] { "scenario", "figure", "value", "target", "pass" };
        var cells = _rows.Select(r => new[] { r.Scenario, r.Figure, r.Unit is "yes" or "NO" ? r.Unit : r.Shown, r.Target, r.Pass switch { true => "pass", false => "FAIL", null => "" } }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] c) => "| " + string.Join(" | ", c.Select((x, i) => x.PadRight(widths[i]))) + " |";
        output.WriteLine(Line(header));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var c in cells)
        {
            output.WriteLine(Line(c));
        }
        var machine = new
        {
            mode,
            cores = Environment.ProcessorCount,
            at = DateTimeOffset.UtcNow,
            rows = _rows.Select(r => new { r.Scenario, r.Figure, r.Value, r.Unit, r.Target, r.Pass }),
        };
        output.WriteLine("BENCH " + JsonSerializer.Serialize(machine));
    }
}

public static class Stats
{
    /// <summary>The nearest-rank percentile of the samples (milliseconds).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
