using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free loopback port, keeping what it accepts; the app's MailKit
/// client talks SMTP to it as to any mail server. <see cref="Hold"/> makes it wait before accepting a message.
/// </summary>
public sealed class LocalSmtp : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public int Port { get; private set; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>While set and not completed, a message's DATA waits here before it is accepted.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>A message held (<see cref="Hold"/>) is refused instead of accepted once the hold ends.</summary>
    public bool RefuseHeld { get; set; }

    /// <summary>A message reached the server and waits on <see cref="Hold"/>.</summary>
    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="port">A port of its own choosing, or the one a stopped server listened on (a mail server restarted).</param>
    public static LocalSmtp Start(int? port = null)
    {
        var smtp = new LocalSmtp { Port = port ?? FreePort() };
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, smtp.Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(smtp));
        smtp._running = new SmtpServer.SmtpServer(options, services).StartAsync(smtp._stop.Token);
        return smtp;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits, with a deadline, until <paramref name="count"/> messages arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} e-mails, got {Received.Count}.");
            await Task.Delay(25);
        }
        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
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

    private sealed class Store(LocalSmtp smtp) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            smtp.Arrived.TrySetResult();
            if (smtp.Hold is { } hold)
            {
                await hold.Task.WaitAsync(ct);
                if (smtp.RefuseHeld)
                {
                    return new SmtpResponse(SmtpReplyCode.Aborted, "held, then refused");
                }
            }
            using var stream = new MemoryStream(buffer.ToArray());
            smtp.Received.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }
}
