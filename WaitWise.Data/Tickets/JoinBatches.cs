using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace WaitWise.Data.Tickets;

/// <summary>
/// This node's one-call joins, gathered per queue. A queue's joins serialise on its row lock anyway, and when a
/// hundred people join in the same second, a hundred connections queued on one lock cost PostgreSQL more than the
/// joins themselves. So while a call for a queue runs, the joins that arrive for it wait here and then go together,
/// in arrival order, as the next call of waitwise_join. A join that finds its queue idle goes at once, alone. Each
/// node gathers only its own joins; the database still decides every one of them under the queue's lock.
/// </summary>
internal sealed class JoinBatches(IDbContextFactory<WaitWiseDbContext> factory)
{
    /// <summary>At most this many joins share one call, so no call holds the queue's lock for long.</summary>
    public const int MaxBatch = 100;

    private readonly ConcurrentDictionary<Guid, QueueJoins> _queues = new();
    private readonly IDbContextFactory<WaitWiseDbContext> _factory = factory;

    /// <summary>The join's outcome once its call has committed.</summary>
    public Task<JoinOutcome> JoinAsync(Guid queueId, JoinRequest join) =>
        _queues.GetOrAdd(queueId, id => new QueueJoins(id, this)).Add(join);

    /// <summary>
    /// The joins of one queue. It leaves the dictionary whenever nothing waits, so queues nobody joins (or ids of no
    /// queue at all) hold no memory. A join that found it just before it left still goes, as its own call; a join
    /// that comes after starts a new one. Two calls for one queue at once only wait on its lock in turn.
    /// </summary>
    private sealed class QueueJoins(Guid queueId, JoinBatches owner)
    {
        private readonly Lock _gate = new();
        private readonly Queue<Waiting> _waiting = new();
        private bool _running;

        public Task<JoinOutcome> Add(JoinRequest join)
        {
            var waiting = new Waiting(join, new TaskCompletionSource<JoinOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
            bool lead;
            lock (_gate)
            {
                _waiting.Enqueue(waiting);
                lead = !_running;
                _running = true;
            }
            if (lead)
            {
                // Runs until nobody waits, on the thread pool: not in the context of the caller (a Blazor circuit,
                // say), whose joins are only the first of many it may carry. It never throws; every failure goes to
                // the joins it concerns.
                _ = Task.Run(RunAsync);
            }
            return waiting.Outcome.Task;
        }

        private async Task RunAsync()
        {
            while (true)
            {
                var batch = new List<Waiting>();
                lock (_gate)
                {
                    while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
                    {
                        batch.Add(next);
                    }
                    if (batch.Count == 0)
                    {
                        _running = false;
                    }
                }
                if (batch.Count == 0)
                {
                    owner._queues.TryRemove(new KeyValuePair<Guid, QueueJoins>(queueId, this));
                    return;
                }
                try
                {
                    await CallAsync(batch);
                }
                catch (Exception) when (batch.Count > 1)
                {
                    // One join the database fails with an error (a foreign key, say, for an account deleted
                    // meanwhile) would fail every join that came with it: each goes again alone, so only it fails.
                    foreach (var waiting in batch)
                    {
                        try
                        {
                            await CallAsync([waiting]);
                        }
                        catch (Exception ex)
                        {
                            waiting.Outcome.TrySetException(ex);
                        }
                    }
                }
                catch (Exception ex)
                {
                    batch[0].Outcome.TrySetException(ex);
                }
            }
        }

        /// <summary>One call of waitwise_join for these joins; each gets its outcome once the call has committed.</summary>
        private async Task CallAsync(IReadOnlyList<Waiting> joins)
        {
            await using var db = await owner._factory.CreateDbContextAsync();
            var outcomes = await JoinStatement.RunAsync(db, queueId, joins.Select(w => w.Join).ToList(), fast: true, outsideHours: false, CancellationToken.None);
            for (var i = 0; i < joins.Count; i++)
            {
                joins[i].Outcome.SetResult(outcomes[i]);
            }
        }

        private sealed record Waiting(JoinRequest Join, TaskCompletionSource<JoinOutcome> Outcome);
    }
}
