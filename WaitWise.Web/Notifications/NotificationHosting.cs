using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using WaitWise.Core.Notifications;
using WaitWise.Data;
using WaitWise.Data.Notifications;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Notifications;

/// <summary>
/// The channels the configuration turns on, the delivery, the worker that runs it after each commit's hint, and the
/// health check that reports settings that cannot work.
/// </summary>
internal static class NotificationHosting
{
    public const string PublicUrl = "WaitWise:PublicUrl";

    public static void AddWaitWiseNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var email = configuration.GetSection(EmailSettings.Section).Get<EmailSettings>() ?? new EmailSettings();
        var sms = configuration.GetSection(SmsSettings.Section).Get<SmsSettings>() ?? new SmsSettings();
        services.AddSingleton(email);
        services.AddSingleton(sms);
        var enabled = new List<NotificationChannel>();
        if (email.Enabled && email.Problem() is null)
        {
            enabled.Add(NotificationChannel.Email);
            services.AddSingleton<IMessageChannel, EmailChannel>();
        }
        if (sms.Enabled && sms.Problem() is null)
        {
            enabled.Add(NotificationChannel.Sms);
            services.AddSingleton<IMessageChannel, TwilioSmsChannel>();
        }
        var push = configuration.GetSection(WebPushSettings.Section).Get<WebPushSettings>() ?? new WebPushSettings();
        services.AddSingleton(push);
        services.AddSingleton(provider => new VapidKeyStore(provider.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>(), push.Configured));
        services.AddSingleton(PushServiceHosts.Parse(push.PushServices));
        services.AddSingleton<IPushSubscriptions, PushSubscriptions>();
        if (push.Enabled && push.Problem() is null)
        {
            enabled.Add(NotificationChannel.Push);
            services.AddSingleton<IMessageChannel, WebPushChannel>();
        }
        services.AddSingleton(new OutboxChannels(enabled));
        services.AddSingleton(provider => new TicketLinks(() => PublicAddress(configuration, provider)));
        services.AddSingleton<IMessageLanguages, MessageLanguages>();
        services.AddSingleton<NotificationDelivery>();
        services.AddHostedService<DeliveryWorker>();
        services.AddHealthChecks().AddCheck<NotificationSettingsHealthCheck>("notifications");
    }

    /// <summary>Where the app is reached, for the links in messages: the configured address, else the first one it listens on.</summary>
    private static Uri PublicAddress(IConfiguration configuration, IServiceProvider provider)
    {
        var address = configuration[PublicUrl] is { Length: > 0 } configured
            ? configured
            : provider.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}

/// <summary>
/// Delivers on this node: after each commit's hint (and at least every half minute), until nothing is due. Several
/// nodes each run one; the claim in <see cref="NotificationDelivery"/> keeps them off each other's rows.
/// </summary>
internal sealed partial class DeliveryWorker(NotificationDelivery delivery, OutboxChannels channels, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (channels.Enabled.Count == 0)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await delivery.DeliverAllDueAsync(stoppingToken);
                await channels.WaitAsync(Idle, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was away, say: the rows wait, and the next hint or the Quartz sweep tries again.
                LogDeliveryFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification delivery failed; it tries again shortly")]
    private partial void LogDeliveryFailed(Exception e);
}

/// <summary>The clustered sweep: delivers what is due on whichever node Quartz picks, whatever the hints did.</summary>
[DisallowConcurrentExecution]
public sealed class NotificationSweepJob(NotificationDelivery delivery) : IJob
{
    public static readonly JobKey Key = new("notification-sweep", "waitwise");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await delivery.DeliverAllDueAsync(cancellationToken);
}

/// <summary>Degraded, with the reason, while an e-mail or SMS setting cannot work (that channel is then off).</summary>
internal sealed class NotificationSettingsHealthCheck(EmailSettings email, SmsSettings sms, WebPushSettings push) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var problems = new[] { email.Problem(), sms.Problem(), push.Problem() }.OfType<string>().ToList();
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(Describe())
            : HealthCheckResult.Degraded(string.Join(" ", problems)));
    }

    private string Describe() => (email.Enabled, sms.Enabled) switch
    {
        (true, true) => "E-mail and SMS are on.",
        (true, false) => "E-mail is on; SMS is not configured.",
        (false, true) => "SMS is on; e-mail is not configured.",
        _ => "E-mail and SMS are not configured.",
    } + (push.Enabled ? " Web Push is on." : " Web Push is off.");
}
