using System.Globalization;
using System.Text;

namespace WaitWise.Core.Analytics;

/// <summary>
/// The dashboard as CSV (RFC 4180): one row per day, then a total row. Durations in whole seconds; the share of
/// waits inside the shown range as a fraction (0.8 is 80 %).
/// </summary>
public static class DashboardCsv
{
    public const string Header = "day,joined,served,no_shows,cancelled,average_wait_seconds,average_service_seconds," +
        "estimates_compared,estimate_mean_error_seconds,estimates_inside_range";

    public static string Write(QueueDashboard dashboard)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var day in dashboard.Days)
        {
            Row(csv, day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Joined, day.Served, day.NoShows, day.Cancelled, day.AverageWait, day.AverageService, day.Estimates);
        }
        Row(csv, "total", dashboard.Joined, dashboard.Served, dashboard.NoShows, dashboard.Cancelled, dashboard.AverageWait, dashboard.AverageService, dashboard.Estimates);
        return csv.ToString();
    }

    /// <summary>A file name safe for any browser: the range, no queue name (names may hold anything).</summary>
    public static string FileName(QueueDashboard dashboard) =>
        string.Create(CultureInfo.InvariantCulture, $"waitwise-{dashboard.Range.From:yyyy-MM-dd}-to-{dashboard.Range.To:yyyy-MM-dd}.csv");

    private static void Row(
        StringBuilder csv, string label, int joined, int served, int noShows, int cancelled, TimeSpan? wait, TimeSpan? service, EstimateAccuracy estimates) =>
        csv.Append(CultureInfo.InvariantCulture,
            $"{label},{joined},{served},{noShows},{cancelled},{Seconds(wait)},{Seconds(service)},{estimates.Compared},{Seconds(estimates.MeanAbsoluteError)},{estimates.InsideShare:0.###}\r\n");

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? Math.Round(s.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "";
}
