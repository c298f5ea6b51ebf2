using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WaitWise.Core.Queues;

namespace WaitWise.Data.Queues;

/// <summary>
/// The queue hints of every node sharing the database, through PostgreSQL LISTEN/NOTIFY. A hint published here goes to
/// this node's watchers at once and, a moment later, as a NOTIFY on <see cref="Channel"/> to every other node, whose
/// listening connection hands it to its own watchers. The payload names only queues: <c>1 node sequence queue id,id,…</c>
/// (format version, the sending node's id for this run, its count of notifications, what changed: the state of these
/// queues).
/// Hints stay hints: a node whose listening connection drops reconnects with back-off and then tells every watcher to
/// re-read, since what it missed meanwhile is gone; the watchers' own timer is the last safety net.
/// </summary>
public sealed partial class PostgresQueueNotifier : BackgroundService, IQueueNotifier
{
    public const string Channel = "waitwise_queues";
    private const string FormatVersion = "1";

    /// <summary>What a notification says changed: the state of the queues it names (the only kind so far).</summary>
    private const string QueueKind = "queue";

    /// <summary>Queue ids per NOTIFY: 37 characters each, well under PostgreSQL's 8,000-byte payload.</summary>
    private const int IdsPerNotification = 150;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(30);

    private readonly InProcessQueueNotifier _local;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresQueueNotifier> _logger;
    private readonly Channel<Guid> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<Guid>(new() { SingleReader = true });
    private readonly Dictionary<Guid, long> _lastSeen = [];
    private long _sent;
    private int _listening;

    public PostgresQueueNotifier(string connectionString, TimeSpan reReadEvery, ILogger<PostgresQueueNotifier> logger)
    {
        _local = new InProcessQueueNotifier(reReadEvery);
        _logger = logger;
        // A pool of its own: the hints must not wait behind a rush of commands, and the listening connection is held
        // for as long as the node runs. Keepalives find a connection the network dropped without a word.
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "WaitWise live updates",
            KeepAlive = 10,
            MaxPoolSize = 4,
        }.ConnectionString);
    }

    /// <summary>This node's id for this run: a hint carrying it came from here and was already given out.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    /// <summary>Whether the listening connection is up: while it is not, other nodes' changes arrive only by re-reads.</summary>
    public bool Listening => Volatile.Read(ref _listening) == 1;

    public TimeSpan ReReadEvery => _local.ReReadEvery;

    public void Publish(Guid queueId)
    {
        _local.Publish(queueId);
        _outgoing.Writer.TryWrite(queueId);
    }

    public IDisposable Subscribe(Guid queueId, Func<Task> onChanged) => _local.Subscribe(queueId, onChanged);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendAsync(stoppingToken), ListenAsync(stoppingToken));

    /// <summary>Sends what was published since the last NOTIFY, each queue once; a failed send is kept and tried again.</summary>
    private async Task SendAsync(CancellationToken ct)
    {
        var pending = new HashSet<Guid>();
        var backoff = FirstBackoff;
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(ct))
            {
                while (_outgoing.Reader.TryRead(out var id))
                {
                    pending.Add(id);
                }
                try
                {
                    await NotifyAsync(pending, ct);
                    pending.Clear();
                    backoff = FirstBackoff;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Whatever went wrong, the hints wait and go later: a failure here must never stop the node.
                    LogSendFailed(e, pending.Count, backoff);
                    await Task.Delay(backoff, ct);
                    backoff = Next(backoff);
                    // Wakes the loop again with the kept ids even when nothing new was published meanwhile.
                    _outgoing.Writer.TryWrite(pending.First());
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The node stops.
        }
    }

    private async Task NotifyAsync(IReadOnlyCollection<Guid> queueIds, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        foreach (var chunk in queueIds.Chunk(IdsPerNotification))
        {
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", string.Join(' ', FormatVersion, NodeId.ToString("N"),
                Interlocked.Increment(ref _sent).ToString(CultureInfo.InvariantCulture), QueueKind, string.Join(',', chunk)));
            await notify.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Holds one connection that LISTENs, for as long as the node runs; reconnects when it drops.</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        var backoff = FirstBackoff;
        var missed = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => Received(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                Volatile.Write(ref _listening, 1);
                backoff = FirstBackoff;
                if (missed)
                {
                    // What other nodes changed while this one was not listening is not coming: everyone re-reads.
                    LogListeningAgain();
                    _local.PublishEverything();
                    missed = false;
                }
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Volatile.Write(ref _listening, 0);
                missed = true;
                LogListenFailed(e, backoff);
                try
                {
                    await Task.Delay(backoff, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = Next(backoff);
            }
        }
    }

    private void Received(string payload)
    {
        var parts = payload.Split(' ');
        if (parts is not [FormatVersion, var nodeText, var sequenceText, QueueKind, var idsText] ||
            !Guid.TryParseExact(nodeText, "N", out var node) || node == NodeId ||
            !long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }
        lock (_lastSeen)
        {
            // PostgreSQL delivers each notification once and in commit order; a repeat (a sender's retry that had in
            // fact gone through) tells nothing new.
            if (_lastSeen.TryGetValue(node, out var last) && sequence <= last)
            {
                return;
            }
            _lastSeen[node] = sequence;
        }
        foreach (var id in idsText.Split(','))
        {
            if (Guid.TryParse(id, out var queueId))
            {
                _local.Publish(queueId);
            }
        }
    }

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 < LastBackoff ? backoff * 2 : LastBackoff;

    public override void Dispose()
    {
        base.Dispose();
        _dataSource.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} queue hints to the other nodes failed; trying again in {Backoff}")]
    private partial void LogSendFailed(Exception e, int count, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection listening for other nodes' queue hints failed; reconnecting in {Backoff}")]
    private partial void LogListenFailed(Exception e, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other nodes' queue hints again; every open page re-reads")]
    private partial void LogListeningAgain();
}
