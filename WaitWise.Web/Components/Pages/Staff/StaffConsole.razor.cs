using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;

namespace WaitWise.Web.Components.Pages.Staff;

/// <summary>
/// The staff console: one of my queues, my counter, and every command on its tickets. All rights are the
/// services' (the queue list and every read and command check them in the database); the page only hides
/// what it was refused. Live as every page is (<see cref="QueueWatch"/>): a hint re-reads at once, a timer as a
/// safety net; each read is one round trip, and a click costs one read.
/// </summary>
public sealed partial class StaffConsole
{
    /// <summary>How often the countdowns move; the data itself is re-read by the watch.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private static readonly IReadOnlyList<ConsoleCommand> LineCommands = [ConsoleCommand.Call, ConsoleCommand.Cancel];
    private static readonly IReadOnlyList<ConsoleCommand> HeldCommands = [ConsoleCommand.Resume, ConsoleCommand.Cancel];
    private static readonly IReadOnlyList<ConsoleCommand> LateCommands = [ConsoleCommand.Cancel];
    private static IReadOnlyList<ConsoleCommand> Shortcuts => ConsoleCommand.Shortcuts;

    private readonly CancellationTokenSource _stop = new();
    private Actor? _actor;
    private IReadOnlyList<OperatedQueue>? _queues;
    private OperatedQueue? _queue;
    private int _counter = 1;
    private ConsoleSnapshot? _snapshot;
    /// <summary>What is wrong with the link (not my queue, no such counter); stays until the link changes.</summary>
    private string? _linkProblem;
    /// <summary>Why the last read was refused (for example, I was taken off the queue); cleared by a good read.</summary>
    private string? _readProblem;
    private bool _running;
    private bool _focusKeys;
    private int _reads;
    private QueueWatch? _watch;
    private ElementReference _keys;

    private string? Problem => _linkProblem ?? _readProblem;

    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private IOperatedQueues Operated { get; set; } = null!;
    [Inject] private ITicketQueries Queries { get; set; } = null!;
    [Inject] private ITicketService Tickets { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private ILogger<StaffConsole> Logger { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "queue")] public string? QueueParameter { get; set; }
    [SupplyParameterFromQuery(Name = "slot")] public string? SlotParameter { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _ = TickAsync(_stop.Token);
    }

    protected override async Task OnParametersSetAsync()
    {
        _queues = _actor is null ? [] : await Operated.ListAsync(_actor, _stop.Token);
        (_queue, _counter, _linkProblem) = Pick(_queues, QueueParameter, SlotParameter);
        _watch ??= new QueueWatch(Notifier, () => InvokeAsync(ReadAndRenderAsync), Logger);
        _watch.Watch(_queue is null ? [] : [_queue.Id]);
        _snapshot = null;
        _readProblem = null;
        await ReadAsync();
        _focusKeys = true;
    }

    /// <summary>The queue and counter the link asks for, the first queue and counter 1 without one, or why not.</summary>
    private static (OperatedQueue? Queue, int Counter, string? Problem) Pick(IReadOnlyList<OperatedQueue> mine, string? queue, string? slot)
    {
        if (mine.Count == 0)
        {
            return (null, 1, null);
        }
        if (queue is null)
        {
            return (mine[0], 1, null);
        }
        // An unknown id and a queue of someone else read the same, so a guessed link learns nothing.
        if (!Guid.TryParse(queue, out var id) || mine.FirstOrDefault(q => q.Id == id) is not { } picked)
        {
            return (null, 1, "You do not operate this queue. Pick one of your queues above.");
        }
        if (slot is null)
        {
            return (picked, 1, null);
        }
        return int.TryParse(slot, out var counter) && counter >= 1 && counter <= picked.ServiceSlots
            ? (picked, counter, null)
            : (picked, 1, $"Counter \"{slot}\" does not exist in {picked.Name}; it has counters 1 to {picked.ServiceSlots}. Showing counter 1.");
    }

    // The pickers may report their current value again; only a real change navigates.
    private void PickQueue(Guid? queueId)
    {
        if (queueId is { } id && id != _queue?.Id)
        {
            Go(id, 1);
        }
    }

    private void PickCounter(int counter)
    {
        if (_queue is not null && counter != _counter)
        {
            Go(_queue.Id, counter);
        }
    }

    private void Go(Guid queueId, int counter) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("staff", new Dictionary<string, object?>
        {
            ["queue"] = queueId.ToString(),
            ["slot"] = counter,
        }));

    /// <summary>Re-reads the queue (it may have been paused, or I taken off it) and its tickets. A later read always wins.</summary>
    private async Task ReadAsync()
    {
        // Counted before anything else, so a read still under way for the previous link can never land.
        var read = ++_reads;
        if (_actor is null || _queue is null)
        {
            return;
        }
        var snapshot = await ConsoleSnapshot.ReadAsync(Queries, _actor, _queue.Id, _stop.Token);
        if (read != _reads)
        {
            return;
        }
        _snapshot = snapshot.Value;
        _readProblem = snapshot.Error is { Kind: ErrorKind.Forbidden or ErrorKind.NotFound } ? "You no longer operate this queue." : snapshot.Error?.Message;
    }

    private async Task ReadAndRenderAsync()
    {
        await ReadAsync();
        StateHasChanged();
    }

    /// <summary>Moves the countdowns every second; re-reading is the watch's.</summary>
    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Tick, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Repeat || e.CtrlKey || e.AltKey || e.MetaKey || _snapshot is null || ConsoleCommand.ForKey(e.Key) is not { } shortcut)
        {
            return;
        }
        var ticket = _snapshot.AtCounter(_counter);
        if (_snapshot.Allows(shortcut.Command, ticket, _counter))
        {
            await RunAsync(shortcut.Command, ticket);
        }
    }

    /// <summary>
    /// Sends one command. While it runs every button is disabled and further clicks and keys are ignored, so a double
    /// click sends one command; nothing retries it, so it needs no request key. A refusal is shown as the service
    /// worded it. One read follows: the watch's, on the hint a committed command publishes, or after a refusal (which
    /// publishes nothing) this page's own, since what it showed was out of date.
    /// </summary>
    private async Task RunAsync(TicketCommand command, TicketView? ticket)
    {
        if (_running || _actor is null || _queue is null)
        {
            return;
        }
        _running = true;
        StateHasChanged();
        try
        {
            if (command == TicketCommand.Cancel && !await ConfirmCancelAsync(ticket!))
            {
                return;
            }
            var result = await SendAsync(_actor, _queue.Id, command, ticket?.Id);
            if (!result.IsSuccess)
            {
                Snackbar.Add(result.Error!.Message, Severity.Warning);
                await ReadAsync();
            }
        }
        finally
        {
            _running = false;
            _focusKeys = true;
            StateHasChanged();
        }
    }

    private async Task<bool> ConfirmCancelAsync(TicketView ticket) =>
        await Dialogs.ShowMessageBoxAsync(
            $"Cancel {ticket.Code}?",
            $"Ticket {ticket.Code} leaves the queue for good; its holder has to join again for a new ticket.",
            yesText: "Cancel ticket",
            cancelText: "Keep it") == true;

    private Task<Result<TicketView>> SendAsync(Actor actor, Guid queueId, TicketCommand command, Guid? ticketId) => command switch
    {
        TicketCommand.CallNext => Tickets.CallNextAsync(actor, queueId, _counter, ct: _stop.Token),
        TicketCommand.CallSpecific => Tickets.CallSpecificAsync(actor, ticketId!.Value, _counter, ct: _stop.Token),
        TicketCommand.StartService => Tickets.StartServiceAsync(actor, ticketId!.Value, ct: _stop.Token),
        TicketCommand.Complete => Tickets.CompleteAsync(actor, ticketId!.Value, ct: _stop.Token),
        TicketCommand.Hold => Tickets.HoldAsync(actor, ticketId!.Value, ct: _stop.Token),
        TicketCommand.Resume => Tickets.ResumeAsync(actor, ticketId!.Value, _counter, ct: _stop.Token),
        TicketCommand.NoShow => Tickets.NoShowAsync(actor, ticketId!.Value, ct: _stop.Token),
        TicketCommand.Recall => Tickets.RecallAsync(actor, ticketId!.Value, ct: _stop.Token),
        TicketCommand.Cancel => Tickets.CancelAsync(actor, ticketId!.Value, ct: _stop.Token),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "The console does not send this command."),
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Shortcuts work while focus is inside the console; after each command focus comes back to it.
        if (_focusKeys && _snapshot is not null && !_running)
        {
            _focusKeys = false;
            await _keys.FocusAsync();
        }
    }

    private static Color StatusColor(QueueStatus status) => status switch
    {
        QueueStatus.Open => Color.Success,
        QueueStatus.Paused or QueueStatus.Locked => Color.Warning,
        _ => Color.Default,
    };

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
