using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using WaitWise.Core.Notifications;
using WaitWise.Core.Tickets;

namespace WaitWise.Bench.Scenarios;

/// <summary>
/// Messages through the outbox to a real SMTP server: every queue's line is called at once (staff at every counter
/// of every queue), so each ticket is told "your turn" and most "almost your turn" within about a second. Measured
/// from each command's transaction to the SMTP server accepting the message, on a host of its own with e-mail on;
/// every message the outbox made must arrive exactly once.
/// </summary>
public static class MessagesToSmtp
{
    public static async Task RunAsync(Report report, int queues, int ticketsPerQueue)
    {
        await using var smtp = LocalSmtpServer.Start();
        await using var host = await BenchHost.StartAsync(
            "--WaitWise:Email:Host=127.0.0.1", $"--WaitWise:Email:Port={smtp.Port}", "--WaitWise:Email:From=queue@bench.test",
            "--WaitWise:Email:Security=None", "--WaitWise:WebPush:Enabled=false");
        var (owner, lines) = await host.QueuesAsync("notify", queues, maxSize: ticketsPerQueue + 10, slots: ticketsPerQueue);
        var users = await host.UsersAsync("notified", queues * ticketsPerQueue);
        for (var q = 0; q < lines.Count; q++)
        {
            await BulkTickets.WaitingAsync(host, lines[q].Id, [.. users.Skip(q * ticketsPerQueue).Take(ticketsPerQueue).Select(u => u.Id)]);
        }
        var tickets = host.Services.GetRequiredService<ITicketService>();

        var started = Stopwatch.StartNew();
        var calls = await Task.WhenAll(lines.SelectMany(q => Enumerable.Range(1, ticketsPerQueue).Select(slot => tickets.CallNextAsync(owner, q.Id, slot))));
        var calling = started.Elapsed;
        var duringCalls = smtp.Received.Count;

        List<Notification> rows;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        do
        {
            await Task.Delay(100);
            await using var db = await host.DbAsync();
            rows = await db.Notifications.AsNoTracking().ToListAsync();
        }
        while ((rows.Any(n => n.Status == DeliveryStatus.Pending) || smtp.Received.Count < rows.Count) && DateTime.UtcNow < deadline);
        var delivered = started.Elapsed;

        var received = smtp.Received.ToList();
        var byMessage = received.GroupBy(m => (m.To, Almost: m.Subject.StartsWith("Almost", StringComparison.Ordinal))).ToDictionary(g => g.Key, g => g.ToList());
        var latencies = new List<double>();
        var once = rows.Count > 0 && received.Count == rows.Count && rows.All(n => n.Status == DeliveryStatus.Sent);
        foreach (var row in rows)
        {
            if (byMessage.TryGetValue((row.Recipient, row.Kind == NotificationKind.Almost), out var arrived) && arrived.Count == 1)
            {
                latencies.Add((arrived[0].At - row.CreatedAt).TotalMilliseconds);
            }
            else
            {
                once = false;
            }
        }

        var label = $"messages to SMTP ({queues} queues × {ticketsPerQueue} tickets)";
        var p99 = Stats.Percentile(latencies, 99);
        report.Add(label, "messages (called + almost your turn)", rows.Count, "");
        report.Add(label, "all calls committed in", calling.TotalMilliseconds, "ms");
        report.Add(label, "messages accepted by then", duringCalls, "");
        report.Add(label, "throughput", rows.Count / delivered.TotalSeconds, "messages/s");
        report.Add(label, "command → SMTP accepted p50", Stats.Percentile(latencies, 50), "ms");
        report.Add(label, "command → SMTP accepted p99", p99, "ms", "≤ 5,000 ms", p99 <= 5_000);
        report.Check(label, "every call succeeded", calls.All(c => c.IsSuccess));
        report.Check(label, "every message the outbox made arrived exactly once", once);
        report.Check(label, "invariants hold", await host.InvariantViolationsAsync() == 0);
    }

    /// <summary>A real SMTP server (the SmtpServer library) on a free loopback port, keeping who got what and when.</summary>
    private sealed class LocalSmtpServer : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _running = Task.CompletedTask;

        public int Port { get; private init; }
        public ConcurrentQueue<(string To, string Subject, DateTimeOffset At)> Received { get; } = new();

        public static LocalSmtpServer Start()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var smtp = new LocalSmtpServer { Port = ((IPEndPoint)listener.LocalEndpoint).Port };
            listener.Stop();
            var options = new SmtpServerOptionsBuilder().ServerName("localhost")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, smtp.Port))).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new Store(smtp));
            smtp._running = new SmtpServer.SmtpServer(options, services).StartAsync(smtp._stop.Token);
            return smtp;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // Stopped, as asked.
            }
            _stop.Dispose();
        }

        private sealed class Store(LocalSmtpServer smtp) : MessageStore
        {
            public override async Task<SmtpResponse> SaveAsync(
                ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
            {
                var at = DateTimeOffset.UtcNow;
                using var stream = new MemoryStream(buffer.ToArray());
                var message = await MimeMessage.LoadAsync(stream, ct);
                smtp.Received.Enqueue((message.To.Mailboxes.Single().Address, message.Subject ?? "", at));
                return SmtpResponse.Ok;
            }
        }
    }
}
