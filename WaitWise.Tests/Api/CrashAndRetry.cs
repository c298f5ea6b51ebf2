using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// SPEC failure model, for real: the app runs as a child process and is killed with SIGKILL in the middle of a join
/// storm and of staff cycles, then started again. Every write it acknowledged is there, every request left without an
/// answer completes with 2xx when retried with its Idempotency-Key (once, never a second ticket), and the invariant
/// checker finds nothing. The in-process host only owns the database: it seeds it, mints tokens on the shared key
/// ring, and checks the invariants; it runs no jobs.
/// </summary>
public sealed class CrashAndRetry : IAsyncLifetime
{
    private const int People = 120;
    private const int Workers = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly string _keys = Path.Combine(Path.GetTempPath(), "waitwise-keys-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CancellationTokenSource _deadline = new(Deadline);
    private AppHost _host = null!;
    private AppProcess? _node;
    private HttpClient? _client;

    private Dictionary<string, string> NodeSettings => new()
    {
        [WaitWiseSettings.KeysDirectory] = _keys,
        [WaitWiseSettings.SeedDemo] = "true",
    };

    public async Task InitializeAsync()
    {
        _host = new AppHost { Settings = { [WaitWiseSettings.KeysDirectory] = _keys, [WaitWiseSettings.SchedulerEnabled] = "false" } };
        await _host.InitializeAsync();
    }

    [Fact]
    public async Task AKilledServerLosesNoAcknowledgedWriteAndEveryRetryCompletesOnce()
    {
        var owner = await _host.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var staff = await _host.SignedInClientAsync(DemoSeeder.Staff1Email);
        var queue = await _host.NewOpenQueueAsync(owner, maxSize: 500, serviceSlots: 2);
        var customers = await _host.CreateCustomersAsync("crash-", People);
        var joins = new List<Call>();
        foreach (var (id, i) in customers.Select((id, i) => (id, i)))
        {
            joins.Add(new Call($"api/v1/queues/{queue}/join", $"join-{i}", await _host.BearerTokenAsync(id), null) { UserId = id });
        }
        var counters = new[] { new Counter(1, TokenOf(owner), queue), new Counter(2, TokenOf(staff), queue) };
        await StartNodeAsync();

        // 1. The join storm, with both counters calling, starting and completing; killed when a third of the joins are answered.
        using var stop = new CancellationTokenSource();
        var (storm, third) = SendAll(joins, Workers);
        var cycles = counters.Select(c => Task.Run(() => CycleAsync(c, stop.Token))).ToList();
        await third.WaitAsync(_deadline.Token);
        await KillNodeAsync();
        await stop.CancelAsync();
        await Task.WhenAll(storm, Task.WhenAll(cycles));
        Assert.Contains(joins, j => j.TicketId is null);

        await StartNodeAsync();
        await RetryUnansweredAsync(joins, counters);

        // 2. The last in line leave while both counters go on; killed when a third of them have left.
        var leaves = await LeavesOfTheLastInLineAsync(queue, joins);
        var (leaving, someLeft) = SendAll(leaves, 2);
        cycles = counters.Select(c => Task.Run(() => CycleAsync(c, _deadline.Token))).ToList();
        await someLeft.WaitAsync(_deadline.Token);
        await KillNodeAsync();
        await Task.WhenAll(leaving, Task.WhenAll(cycles));
        Assert.Contains(leaves, l => l.Status is null);

        await StartNodeAsync();
        await RetryUnansweredAsync(joins, counters);
        foreach (var leave in leaves.Where(l => l.Status is null))
        {
            Assert.True(await SendAsync(leave), $"The retried leave {leave.Key} got no answer.");
        }
        Assert.All(leaves, l => Assert.True(l.Status == HttpStatusCode.OK, $"The leave {l.Key} was answered {l.Status}: {l.Body}"));

        await using var db = await _host.DbAsync();
        var tickets = await db.QueueEntries.Where(e => e.QueueId == queue).ToListAsync();
        // Every customer holds exactly one ticket, the one their (first or retried) join answered with.
        Assert.Equal(People, tickets.Count);
        Assert.All(joins, j => Assert.Equal(j.TicketId, Assert.Single(tickets, t => t.UserId == j.UserId).Id));
        // Every leave stands, and every staff command answered is there: the ticket is at least as far as the answer said.
        Assert.All(leaves, l => Assert.Equal(TicketStatus.Cancelled, tickets.Single(t => t.UserId == l.UserId).Status));
        var steps = new[] { TicketStatus.Called, TicketStatus.Serving, TicketStatus.Completed };
        foreach (var (ticketId, status) in counters.SelectMany(c => c.Acknowledged))
        {
            Assert.True(Array.IndexOf(steps, tickets.Single(t => t.Id == ticketId).Status) >= Array.IndexOf(steps, status),
                $"Ticket {ticketId} was answered {status} but is {tickets.Single(t => t.Id == ticketId).Status}.");
        }
        Assert.Contains(counters.SelectMany(c => c.Acknowledged), a => a.Status == TicketStatus.Completed);
        await _host.AssertInvariantsHoldAsync();
    }

    /// <summary>
    /// Sends the calls from <paramref name="workers"/> loops at once; the first task ends when they are all sent, the
    /// second when a third of them have been answered.
    /// </summary>
    private (Task All, Task AThirdAnswered) SendAll(IReadOnlyCollection<Call> calls, int workers)
    {
        var answered = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new ConcurrentQueue<Call>(calls);
        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (pending.TryDequeue(out var call))
            {
                if (await SendAsync(call) && Interlocked.Increment(ref answered) == calls.Count / 3)
                {
                    third.TrySetResult();
                }
            }
        }));
        return (Task.WhenAll(loops), third.Task);
    }

    /// <summary>Leave requests of the customers with the 20 last waiting tickets, far behind what the counters will call.</summary>
    private async Task<List<Call>> LeavesOfTheLastInLineAsync(Guid queue, List<Call> joins)
    {
        await using var db = await _host.DbAsync();
        var last = await db.QueueEntries.Where(e => e.QueueId == queue && e.Status == TicketStatus.Waiting)
            .OrderByDescending(e => e.TicketNumber).Take(20).Select(e => e.UserId).ToListAsync();
        return joins.Where(j => last.Contains(j.UserId!))
            .Select(j => new Call($"api/v1/queues/{queue}/leave", "leave-" + j.Key, j.Token, null) { UserId = j.UserId }).ToList();
    }

    /// <summary>Retries every request left without an answer, with its key: each must now complete.</summary>
    private async Task RetryUnansweredAsync(List<Call> joins, Counter[] counters)
    {
        foreach (var join in joins.Where(j => j.TicketId is null))
        {
            Assert.True(await SendAsync(join), $"The retried join {join.Key} got no answer.");
            Assert.True(join.Status == HttpStatusCode.Created, $"The retried join {join.Key} was answered {join.Status}: {join.Body}");
        }
        foreach (var counter in counters.Where(c => c.Unanswered is not null))
        {
            var call = counter.Unanswered!;
            Assert.True(await SendAsync(call), $"The retried {call.Path} got no answer.");
            Assert.True(call.Status == HttpStatusCode.OK, $"The retried {call.Path} was answered {call.Status}: {call.Body}");
            counter.Answer(call);
        }
    }

    /// <summary>One counter's loop: call the next, start, complete, again; stops at a request left without an answer.</summary>
    private async Task CycleAsync(Counter counter, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var call = counter.Next();
            if (!await SendAsync(call))
            {
                counter.Unanswered = call;
                return;
            }
            if (call.Status == HttpStatusCode.OK)
            {
                counter.Answer(call);
            }
            else
            {
                // Nobody waiting yet (the storm has only begun): call again.
                Assert.True(call.Status == HttpStatusCode.Conflict && call.Path.EndsWith("/call-next", StringComparison.Ordinal),
                    $"{call.Path} was answered {call.Status}: {call.Body}");
            }
        }
    }

    /// <summary>Sends the call with its key; false when the server gave no answer (killed, or not there).</summary>
    private async Task<bool> SendAsync(Call call)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, call.Path)
        {
            Content = call.Request is null ? null : JsonContent.Create(call.Request),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.Token);
        request.Headers.Add("Idempotency-Key", call.Key);
        try
        {
            using var response = await _client!.SendAsync(request, _deadline.Token);
            var text = await response.Content.ReadAsStringAsync(_deadline.Token);
            Assert.True((int)response.StatusCode < 500, $"{call.Path} was answered {response.StatusCode}: {text}");
            // No attempt outlives its process: nothing is left "in progress" for a retry to wait out.
            Assert.DoesNotContain("request_in_progress", text, StringComparison.Ordinal);
            call.Status = response.StatusCode;
            call.Body = text;
            if (call.UserId is not null && response.StatusCode == HttpStatusCode.Created)
            {
                call.TicketId = JsonDocument.Parse(text).RootElement.GetProperty("ticketId").GetGuid();
            }
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task StartNodeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        _client?.Dispose();
        _node = await AppProcess.StartedAsync(_host.ConnectionString, NodeSettings);
        _client = _node.Client();
    }

    private async Task KillNodeAsync() => await _node!.KillAsync();

    private static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        _client?.Dispose();
        await _host.DisposeAsync();
        _deadline.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    /// <summary>One counter worked through the API: what it asks next follows from the last answer it got.</summary>
    private sealed class Counter(int slot, string token, Guid queue)
    {
        private int _sent;
        private Guid? _ticket;
        private TicketStatus? _status;

        public List<(Guid TicketId, TicketStatus Status)> Acknowledged { get; } = [];
        public Call? Unanswered { get; set; }

        public Call Next()
        {
            var key = $"counter-{slot}-{++_sent}";
            return _status switch
            {
                TicketStatus.Called => new Call($"api/v1/tickets/{_ticket}/start", key, token, null),
                TicketStatus.Serving => new Call($"api/v1/tickets/{_ticket}/complete", key, token, null),
                _ => new Call($"api/v1/queues/{queue}/call-next", key, token, new { slot }),
            };
        }

        public void Answer(Call call)
        {
            var ticket = JsonDocument.Parse(call.Body!).RootElement;
            _ticket = ticket.GetProperty("ticketId").GetGuid();
            _status = Enum.Parse<TicketStatus>(ticket.GetProperty("status").GetString()!, ignoreCase: true);
            Acknowledged.Add((_ticket.Value, _status.Value));
            Unanswered = null;
        }
    }

    private sealed class Call(string path, string key, string token, object? request)
    {
        public string Path { get; } = path;
        public string Key { get; } = key;
        public string Token { get; } = token;
        public object? Request { get; } = request;
        public string? UserId { get; init; }
        public HttpStatusCode? Status { get; set; }
        public string? Body { get; set; }
        public Guid? TicketId { get; set; }
    }
}
