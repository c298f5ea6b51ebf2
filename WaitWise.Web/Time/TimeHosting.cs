using Quartz;
using WaitWise.Web.Hosting;
using WaitWise.Web.Notifications;

namespace WaitWise.Web.Time;

/// <summary>
/// Quartz with its persistent job store in WaitWise's own PostgreSQL (tables from the QuartzJobStore migration,
/// which runs before Quartz starts), clustered: several app instances share the store and each firing runs on
/// one of them. Quartz reads the app's <see cref="TimeProvider"/>, so tests that set the clock drive it too.
/// </summary>
internal static class TimeHosting
{
    public const string TablePrefix = "qrtz_";
    public static readonly TriggerKey SweepTrigger = new("due-transitions-sweep", "waitwise");
    public static readonly TriggerKey KeyRetentionTrigger = new("idempotency-key-retention", "waitwise");
    public static readonly TriggerKey GuestRetentionTrigger = new("guest-data-retention", "waitwise");
    public static readonly TriggerKey NotificationSweepTrigger = new("notification-sweep", "waitwise");

    public static void AddWaitWiseTime(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        if (!configuration.GetValue(WaitWiseSettings.SchedulerEnabled, true))
        {
            return;
        }
        var sweepEvery = TimeSpan.FromSeconds(configuration.GetValue(WaitWiseSettings.SweepSeconds, 30));
        services.AddSingleton(new KeyRetention(TimeSpan.FromHours(configuration.GetValue(WaitWiseSettings.IdempotencyRetentionHours, 24.0))));
        services.AddSingleton(new GuestDataRetention(TimeSpan.FromDays(configuration.GetValue(WaitWiseSettings.GuestDataDays, 30.0))));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(options => options.InstanceName = "WaitWise");
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
                store.ConfigureStore(options => options.TablePrefix = TablePrefix);
            });
            q.AddJob<DueTransitionsJob>(job => job.WithIdentity(DueTransitionsJob.Key).StoreDurably());
            q.AddTrigger(trigger => trigger
                .ForJob(DueTransitionsJob.Key)
                .WithIdentity(SweepTrigger)
                .StartNow()
                // After downtime, sweep at once rather than waiting for the next slot of the old rhythm.
                .WithSimpleSchedule(s => s.WithInterval(sweepEvery).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
            q.AddJob<NotificationSweepJob>(job => job.WithIdentity(NotificationSweepJob.Key).StoreDurably());
            q.AddTrigger(trigger => trigger
                .ForJob(NotificationSweepJob.Key)
                .WithIdentity(NotificationSweepTrigger)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(sweepEvery).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
            Hourly<IdempotencyRetentionJob>(q, IdempotencyRetentionJob.Key, KeyRetentionTrigger);
            Hourly<GuestDataRetentionJob>(q, GuestDataRetentionJob.Key, GuestRetentionTrigger);
        });
        services.AddQuartzHostedService(options =>
        {
            // A stopping app lets a running sweep finish its transaction (the sweep honours cancellation too).
            options.WaitForJobsToComplete = true;
        });
    }

    /// <summary>A housekeeping job, at start and then every hour; after downtime it runs at once.</summary>
    private static void Hourly<TJob>(IQuartzBuilder q, JobKey job, TriggerKey trigger) where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(job).StoreDurably());
        q.AddTrigger(t => t
            .ForJob(job)
            .WithIdentity(trigger)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
    }
}
