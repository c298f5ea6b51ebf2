using Microsoft.AspNetCore.Components;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Staff;

/// <summary>
/// The staff console: one of my queues, my counter, and every command on its tickets. All rights are the
/// services' (the queue list and every read and command check them in the database); the page only hides
/// what it was refused. Live as every page is (<see cref="QueueWatch"/>): a hint re-reads at once, a timer as a
/// safety net; each read is one round trip, and a click costs one read.
/// </summary>
public sealed partial class StaffConsole
{
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
    private int _reads;
    private QueueWatch? _watch;
    private ConsolePresence? _presence;

    private string? Problem => _linkProblem ?? _readProblem;

    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private IOperatedQueues Operated { get; set; } = null!;
    [Inject] private ITicketQueries Queries { get; set; } = null!;
    [Inject] private ITicketService Tickets { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private ICounterPresences Presences { get; set; } = null!;
    [Inject] private ILogger<StaffConsole> Logger { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "queue")] public string? QueueParameter { get; set; }
    [SupplyParameterFromQuery(Name = "slot")] public string? SlotParameter { get; set; }

    protected override async Task OnInitializedAsync() => _actor = await CurrentActor.GetAsync();

    protected override async Task OnParametersSetAsync()
    {
        _queues = _actor is null ? [] : await Operated.ListAsync(_actor, _stop.Token);
        (_queue, _counter, _linkProblem) = ConsoleLink.Pick(L, _queues, QueueParameter, SlotParameter);
        _watch ??= new QueueWatch(Notifier, () => InvokeAsync(ReadAndRenderAsync), Logger);
        _watch.Watch(_queue is null ? [] : [_queue.Id]);
        if (_actor is not null)
        {
            _presence ??= new ConsolePresence(Presences, _actor, Logger);
            await _presence.AtAsync(_queue?.Id, _counter);
        }
        _snapshot = null;
        _readProblem = null;
        await ReadAsync();
    }

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
        _readProblem = snapshot.Error switch
        {
            null => null,
            { Kind: ErrorKind.Forbidden or ErrorKind.NotFound } => L["You no longer operate this queue."].Value,
            { } error => L.Of(error.Message),
        };
    }

    private async Task ReadAndRenderAsync()
    {
        await ReadAsync();
        StateHasChanged();
    }

    /// <summary>
    /// Sends one command. While it runs every button is disabled and further clicks and keys are ignored, so a double
    /// click sends one command; nothing retries it, so it needs no request key. A refusal is shown as the service
    /// worded it. One read follows: the watch's, on the hint a committed command publishes, or after a refusal this
    /// page's own, since what it showed was out of date (a refusal publishes only when due transitions moved tickets
    /// on the way, and then the watch reads too).
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
            // The page may have gone while the dialog was open.
            if (command == TicketCommand.Cancel && (!await ConfirmCancelAsync(ticket!) || _stop.IsCancellationRequested))
            {
                return;
            }
            var result = await ConsoleCommand.SendAsync(Tickets, _actor, _queue.Id, command, ticket?.Id, _counter, _stop.Token);
            if (!result.IsSuccess)
            {
                Snackbar.Add(L.Of(result.Error!.Message), Severity.Warning);
                await ReadAsync();
            }
        }
        finally
        {
            _running = false;
            StateHasChanged();
        }
    }

    private async Task<bool> ConfirmCancelAsync(TicketView ticket) =>
        await Dialogs.ShowMessageBoxAsync(
            L["Cancel {0}?", ticket.Code].Value,
            L["Ticket {0} leaves the queue for good; its holder has to join again for a new ticket.", ticket.Code].Value,
            yesText: L["Cancel ticket"].Value,
            cancelText: L["Keep it"].Value) == true;

    public async ValueTask DisposeAsync()
    {
        // Cancelled first, so a read under way stops rather than holding the watch's disposal for a round trip.
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
        if (_presence is not null)
        {
            await _presence.DisposeAsync();
        }
        _stop.Dispose();
    }
}
