using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace WaitWise.Tests.Infrastructure;

/// <summary>Watches one Quartz job of a running <see cref="AppHost"/>, so a test can wait for a run to finish instead of sleeping.</summary>
public sealed class JobRuns : IJobListener
{
    private readonly Channel<JobExecutionException?> _finished = Channel.CreateUnbounded<JobExecutionException?>();

    public string Name { get; } = "test-" + Guid.NewGuid().ToString("N");

    public static async Task<(JobRuns Runs, IScheduler Scheduler)> WatchAsync(AppHost app, JobKey job)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var runs = new JobRuns();
        scheduler.ListenerManager.AddJobListener(runs, [Matchers.Key(job)]);
        return (runs, scheduler);
    }

    /// <summary>Watches the job on every node's scheduler at once: clustered, a firing runs on whichever node takes it.</summary>
    public static async Task<(JobRuns Runs, IScheduler[] Schedulers)> WatchAsync(JobKey job, params AppHost[] apps)
    {
        var runs = new JobRuns();
        var schedulers = new List<IScheduler>();
        foreach (var app in apps)
        {
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            scheduler.ListenerManager.AddJobListener(runs, [Matchers.Key(job)]);
            schedulers.Add(scheduler);
        }
        return (runs, schedulers.ToArray());
    }

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
        _finished.Writer.WriteAsync(jobException, cancellationToken);

    /// <summary>Forgets the runs seen so far.</summary>
    public void Clear()
    {
        while (_finished.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits for the next run to finish, and fails the test if it failed or none finishes in time.</summary>
    public async Task NextAsync(TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        var failure = await _finished.Reader.ReadAsync(timeout.Token);
        Assert.Null(failure);
    }
}
