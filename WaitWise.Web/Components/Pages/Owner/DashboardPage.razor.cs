using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WaitWise.Core.Analytics;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Owner;

/// <summary>SPEC.md's metrics for one queue and a range of days, as figures, charts and a CSV download.</summary>
public sealed partial class DashboardPage
{
    private static readonly string[] HourLabels = Enumerable.Range(0, 24).Select(h => h % 3 == 0 ? h.ToString("00", CultureInfo.InvariantCulture) : "").ToArray();

    private QueueDashboard? _dashboard;
    private DateTime? _from, _to;
    private string? _refused, _rangeError;
    private List<ChartSeries<double>> _byHour = [], _byDay = [];
    private string[] _dayLabels = [];

    [Parameter] public Guid QueueId { get; set; }

    [Inject] private IQueueAnalytics Analytics { get; set; } = null!;
    [Inject] private IQueueAdmin Queues { get; set; } = null!;
    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        if (await CurrentActor.GetAsync() is not { } actor)
        {
            return;
        }
        var setup = await Queues.GetSetupAsync(actor, QueueId);
        if (!setup.IsSuccess)
        {
            _refused = setup.Error!.Message;
            return;
        }
        // The last seven days, today included, in the business's time zone.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(setup.Value!.TimeZoneId);
        var today = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).Date;
        await ChangeAsync(today.AddDays(-6), today);
    }

    private async Task ChangeAsync(DateTime? from, DateTime? to)
    {
        (_from, _to) = (from, to);
        if (from is not { } f || to is not { } t || await CurrentActor.GetAsync() is not { } actor)
        {
            return;
        }
        var result = await Analytics.GetDashboardAsync(actor, QueueId, new Core.Analytics.DateRange(DateOnly.FromDateTime(f), DateOnly.FromDateTime(t)));
        if (result.Error is { } error)
        {
            if (error.Fields is null)
            {
                _refused = error.Message;
            }
            _rangeError = error.Fields is { } fields ? string.Join(" ", fields.Values.SelectMany(m => m).Select(m => L.Of(m))) : null;
            return;
        }
        _rangeError = null;
        _dashboard = result.Value!;
        _byHour = [new ChartSeries<double> { Name = L["Served"], Data = new ChartData<double>(_dashboard.ServedByHour.Select(n => (double)n).ToList()) }];
        _byDay =
        [
            new ChartSeries<double> { Name = L["Joined"], Data = new ChartData<double>(_dashboard.Days.Select(d => (double)d.Joined).ToList()) },
            new ChartSeries<double> { Name = L["Served"], Data = new ChartData<double>(_dashboard.Days.Select(d => (double)d.Served).ToList()) },
            new ChartSeries<double> { Name = L["Average wait (min)"], Data = new ChartData<double>(_dashboard.Days.Select(d => Math.Round(d.AverageWait?.TotalMinutes ?? 0, 1)).ToList()) },
        ];
        _dayLabels = _dashboard.Days.Select(d => d.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToArray();
    }

    private string CsvUrl(QueueDashboard d) =>
        string.Create(CultureInfo.InvariantCulture, $"owner/queues/{QueueId}/figures.csv?from={d.Range.From:yyyy-MM-dd}&to={d.Range.To:yyyy-MM-dd}");

    private string ChannelName(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => L["E-mail"].Value,
        NotificationChannel.Sms => L["SMS"].Value,
        NotificationChannel.Push => L["Web Push"].Value,
        _ => NotificationChannels.Name(channel),
    };

    private static string Duration(TimeSpan? span) => span is { } s ? s.ToString(s.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "—";

    private static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "—";
}
