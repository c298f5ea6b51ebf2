using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Core.Simulation;

/// <summary>One join of the simulation: what its holder was shown, and when they were called.</summary>
public sealed class SimulatedJoin(Guid ticketId, DateTimeOffset joinedAt, int position, TimeSpan? shown, LinePace? pace)
{
    public Guid TicketId { get; } = ticketId;
    public DateTimeOffset JoinedAt { get; } = joinedAt;
    public int Position { get; } = position;

    /// <summary>The estimate the app answered the join with.</summary>
    public TimeSpan? Shown { get; } = shown;

    /// <summary>How the line moved as the ticket joined, when the caller reads it (<see cref="ClinicSimulation.ReadPace"/>).</summary>
    public LinePace? Pace { get; } = pace;

    /// <summary>The first call of the ticket; null if it was never called.</summary>
    public DateTimeOffset? CalledAt { get; internal set; }

    public TimeSpan? Actual => CalledAt - JoinedAt;
}

/// <summary>
/// Simulated days of a clinic (<see cref="ClinicDay"/>) driven through the real services on a simulated clock: people
/// join, staff at each counter call the next, serve, mark no-shows, hold and resume, take their breaks, and say from
/// their console that they are at their counter. Every draw comes from one random source seeded by the caller, and
/// events run one at a time in time order, so a run is the same each time. The queue must not call by itself
/// (AutoCall off): here the counters call.
/// </summary>
public sealed class ClinicSimulation(ITicketService tickets, ICounterPresences presences, SimulatedClock clock, ClinicDay day, int seed)
{
    private readonly Random _random = new(seed);
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset At, long Order)> _events = new();
    private readonly List<SimulatedJoin> _joins = [];
    private readonly Dictionary<Guid, SimulatedJoin> _byTicket = [];
    private readonly Queue<Actor> _people = new();
    private readonly Dictionary<Guid, Actor> _holders = [];
    private readonly List<Actor> _missed = [];
    private readonly List<(Guid Ticket, DateTimeOffset Ready, TimeSpan Left)> _held = [];
    private readonly List<string> _refusals = [];
    private List<Counter> _counters = [];
    private Guid _queueId;
    private long _order;
    private DateTimeOffset _now;
    private double? _lastCalledWaitSeconds;

    /// <summary>A look at how the line moves just before each join, for comparing estimators (the benchmark's).</summary>
    public Func<Guid, DateTimeOffset, Task<LinePace>>? ReadPace { get; init; }

    /// <summary>What the services refused that a real clinic's staff would not have been refused.</summary>
    public IReadOnlyList<string> Refusals => _refusals;

    /// <param name="staff">One person per counter: counter 1 is the first.</param>
    /// <param name="people">The people who join, each once at a time; enough for the longest line.</param>
    /// <param name="openOn">The days the clinic opens.</param>
    public async Task<IReadOnlyList<SimulatedJoin>> RunAsync(
        Guid queueId, IReadOnlyList<Actor> staff, IReadOnlyList<Actor> people, DateOnly firstDay, int days, TimeZoneInfo zone, Func<DateOnly, bool> openOn)
    {
        _queueId = queueId;
        foreach (var person in people)
        {
            _people.Enqueue(person);
        }
        for (var d = 0; d < days; d++)
        {
            var date = firstDay.AddDays(d);
            if (openOn(date))
            {
                await RunDayAsync(date, zone, staff);
            }
        }
        return _joins;
    }

    private async Task RunDayAsync(DateOnly date, TimeZoneInfo zone, IReadOnlyList<Actor> staff)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        var midnight = new DateTimeOffset(local, zone.GetUtcOffset(local));
        _counters = [.. staff.Select((s, i) => new Counter(i + 1, s, midnight + day.Opens.ToTimeSpan() + day.BreakAfter[i % day.BreakAfter.Count]))];
        foreach (var counter in _counters)
        {
            At(midnight + day.Opens.ToTimeSpan() + day.LatestStart * _random.NextDouble(), () => StartAsync(counter));
        }
        foreach (var arrival in day.DrawArrivals(_random))
        {
            At(midnight + arrival, JoinAsync);
        }
        while (_events.TryDequeue(out var next, out var when))
        {
            _now = when.At;
            clock.MoveTo(_now);
            await next();
        }
        foreach (var counter in _counters.Where(c => c.OnShift))
        {
            await presences.LeftAsync(counter.Staff, _queueId);
        }
        // Those who never came back are MISSED by the next morning, and may join again.
        foreach (var person in _missed)
        {
            _people.Enqueue(person);
        }
        _missed.Clear();
    }

    private void At(DateTimeOffset at, Func<Task> action) => _events.Enqueue(action, (at, _order++));

    private async Task StartAsync(Counter counter)
    {
        counter.OnShift = true;
        await SayAsync(counter);
        await FreeAsync(counter);
    }

    private async Task SayAsync(Counter counter)
    {
        await presences.SeenAsync(counter.Staff, _queueId, counter.Slot);
        counter.LastWord = _now;
    }

    private async Task JoinAsync()
    {
        if (!_people.TryDequeue(out var person))
        {
            _refusals.Add("the simulation ran out of people to join");
            return;
        }
        // Consoles speak every minute; the counters open now have spoken within the last one.
        foreach (var counter in _counters.Where(c => c.OnShift && _now - c.LastWord >= CounterPresences.Every))
        {
            await SayAsync(counter);
        }
        var pace = ReadPace is null ? null : (await ReadPace(_queueId, _now)) with { LastCalledWaitSeconds = _lastCalledWaitSeconds };
        var joined = await tickets.JoinAndPlaceAsync(person, _queueId);
        if (!joined.IsSuccess)
        {
            _refusals.Add("join: " + joined.Error!.Message);
            _people.Enqueue(person);
            return;
        }
        var placed = joined.Value!;
        var record = new SimulatedJoin(placed.Ticket.Id, placed.Ticket.JoinedAt, placed.Position ?? 0, placed.EstimatedWait, pace);
        _joins.Add(record);
        _byTicket[record.TicketId] = record;
        _holders[record.TicketId] = person;
        await WakeAsync();
    }

    /// <summary>Idle counters call, as staff do when someone joins while they wait.</summary>
    private async Task WakeAsync()
    {
        foreach (var counter in _counters.Where(c => c.OnShift && !c.Busy))
        {
            await FreeAsync(counter);
        }
    }

    /// <summary>The counter is free: a break if one is due, else a held ticket whose wait is over, else the next in line.</summary>
    private async Task FreeAsync(Counter counter)
    {
        if (!counter.OnShift || counter.Busy)
        {
            return;
        }
        if (!counter.BreakTaken && _now >= counter.BreakAt)
        {
            counter.BreakTaken = true;
            counter.OnShift = false;
            await presences.LeftAsync(counter.Staff, _queueId);
            At(_now + day.BreakLength, () => StartAsync(counter));
            return;
        }
        var ready = _held.FindIndex(h => h.Ready <= _now);
        if (ready >= 0)
        {
            var (ticket, _, left) = _held[ready];
            _held.RemoveAt(ready);
            if (Check("resume", await tickets.ResumeAsync(counter.Staff, ticket, counter.Slot)))
            {
                counter.Busy = true;
                At(_now + left, () => CompleteAsync(counter, ticket));
            }
            return;
        }
        var called = await tickets.CallNextAsync(counter.Staff, _queueId, counter.Slot);
        if (!called.IsSuccess)
        {
            return;
        }
        var id = called.Value!.Id;
        counter.Busy = true;
        if (_byTicket.TryGetValue(id, out var join))
        {
            join.CalledAt ??= _now;
            _lastCalledWaitSeconds = (_now - join.JoinedAt).TotalSeconds;
        }
        if (_random.NextDouble() < day.NoShowShare)
        {
            At(_now + TimeSpan.FromMinutes(day.NoShowAfterMinutes), () => NoShowAsync(counter, id));
        }
        else
        {
            At(_now + TimeSpan.FromMinutes(ClinicDay.Uniform(_random, day.WalkMinutes)), () => ServeAsync(counter, id));
        }
    }

    private async Task ServeAsync(Counter counter, Guid ticket)
    {
        if (!Check("start", await tickets.StartServiceAsync(counter.Staff, ticket)))
        {
            return;
        }
        var service = TimeSpan.FromMinutes(day.DrawServiceMinutes(_random));
        if (_random.NextDouble() < day.HoldShare)
        {
            var served = service * _random.NextDouble();
            At(_now + served, () => HoldAsync(counter, ticket, service - served));
        }
        else
        {
            At(_now + service, () => CompleteAsync(counter, ticket));
        }
    }

    private async Task HoldAsync(Counter counter, Guid ticket, TimeSpan left)
    {
        Check("hold", await tickets.HoldAsync(counter.Staff, ticket));
        var ready = _now + TimeSpan.FromMinutes(ClinicDay.Uniform(_random, day.HeldMinutes));
        _held.Add((ticket, ready, left));
        At(ready, WakeAsync);
        await FreedAsync(counter);
    }

    private async Task CompleteAsync(Counter counter, Guid ticket)
    {
        Check("complete", await tickets.CompleteAsync(counter.Staff, ticket));
        if (_holders.Remove(ticket, out var holder))
        {
            _people.Enqueue(holder);
        }
        await FreedAsync(counter);
    }

    private async Task NoShowAsync(Counter counter, Guid ticket)
    {
        Check("no-show", await tickets.NoShowAsync(counter.Staff, ticket));
        if (_random.NextDouble() < day.RejoinShare)
        {
            At(_now + TimeSpan.FromMinutes(ClinicDay.Uniform(_random, day.RejoinAfterMinutes)), () => RejoinAsync(ticket));
        }
        else if (_holders.Remove(ticket, out var holder))
        {
            _missed.Add(holder);
        }
        await FreedAsync(counter);
    }

    private async Task RejoinAsync(Guid ticket)
    {
        Check("rejoin", await tickets.RejoinAsync(_holders[ticket], ticket));
        await WakeAsync();
    }

    private async Task FreedAsync(Counter counter)
    {
        counter.Busy = false;
        await FreeAsync(counter);
    }

    private bool Check<T>(string command, Common.Result<T> result)
    {
        if (!result.IsSuccess)
        {
            _refusals.Add($"{command}: {result.Error!.Message}");
        }
        return result.IsSuccess;
    }

    private sealed class Counter(int slot, Actor staff, DateTimeOffset breakAt)
    {
        public int Slot { get; } = slot;
        public Actor Staff { get; } = staff;
        public DateTimeOffset BreakAt { get; } = breakAt;
        public bool OnShift { get; set; }
        public bool Busy { get; set; }
        public bool BreakTaken { get; set; }
        public DateTimeOffset LastWord { get; set; }
    }
}
