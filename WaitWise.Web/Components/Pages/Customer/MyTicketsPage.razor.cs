using Microsoft.AspNetCore.Components;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>
/// Every open ticket of the signed-in person, live, with cancel and rejoin, and the recent past ones; and the guest
/// tickets this browser holds, for a visitor as for a signed-in person, who may take them into the account.
/// </summary>
public sealed partial class MyTicketsPage
{
    private const int PastShown = 10;
    private const string ReturnUrl = "/my-tickets";

    private MyTickets? _tickets;
    private IReadOnlyList<HeldGuestTicket> _guest = [];
    private bool _guestRead;
    private bool _attaching;
    private IReadOnlyList<string> _attachProblems = [];
    private Actor? _actor;
    private string? _loadError;
    private TicketActions _actions = null!;
    private QueueWatch? _watch;

    /// <summary>
    /// The account's tickets as the prerender read them, handed to the circuit in the page (as the queue page does),
    /// so the installed app, which opens here, shows them at once and not a loading bar in between. Only the
    /// prerender's: a circuit resumed after a pause reads afresh.
    /// </summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public MyTickets? Reading { get; set; }

    [Inject] private ITicketQueries Queries { get; set; } = null!;
    [Inject] private ITicketService Tickets { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private GuestTicketMemory Memory { get; set; } = null!;
    [Inject] private ILogger<MyTicketsPage> Logger { get; set; } = null!;

    private static string SignInUrl => $"Account/Login?ReturnUrl={Uri.EscapeDataString(ReturnUrl)}";
    private static string RegisterUrl => $"Account/Register?ReturnUrl={Uri.EscapeDataString(ReturnUrl)}";

    /// <summary>Every open ticket on the page, the account's and the guest ones: each may be called.</summary>
    private IReadOnlyList<MyTicket> OpenTickets =>
        [.. _tickets?.Open ?? [], .. _guest.Select(h => h.Ticket).Where(t => t.Ticket.Ticket.Status.IsOpen())];

    protected override async Task OnInitializedAsync()
    {
        _actions = new TicketActions(L, Tickets, Dialogs, ReloadAsync);
        (_tickets, Reading) = (Reading, null);
        _actor = await CurrentActor.GetAsync();
        // Read again even after a restore: a ticket may have moved since the prerender, before the watch began.
        await LoadAsync();
        if (!RendererInfo.IsInteractive)
        {
            Reading = _tickets;
            return;
        }
        // Only the circuit can ask the browser for its guest tickets.
        await LoadGuestAsync();
        _watch = new QueueWatch(Notifier, RefreshAsync, Logger);
        WatchOpenQueues();
    }

    private async Task LoadAsync()
    {
        if (_actor is null)
        {
            return;
        }
        var tickets = await Queries.GetMyTicketsAsync(_actor, PastShown);
        _loadError = tickets.Error?.Message;
        _tickets = tickets.Value ?? _tickets;
    }

    private async Task LoadGuestAsync()
    {
        _guest = await Memory.HeldAsync();
        _guestRead = true;
    }

    private void WatchOpenQueues() => _watch?.Watch(OpenTickets.Select(t => t.Ticket.Ticket.QueueId));

    /// <summary>The open tickets, and so the queues to watch, change with every read.</summary>
    private async Task ReloadAsync()
    {
        await LoadAsync();
        if (_guestRead)
        {
            await LoadGuestAsync();
        }
        WatchOpenQueues();
    }

    private Task RefreshAsync() => InvokeAsync(async () =>
    {
        await ReloadAsync();
        StateHasChanged();
    });

    /// <summary>A guest ticket is acted on by the guest its key holds it for; the account's own, by the account.</summary>
    private Actor HolderOf(MyTicket ticket) =>
        _guest.FirstOrDefault(h => h.Ticket.Ticket.Ticket.Id == ticket.Ticket.Ticket.Id)?.Holder ?? _actor!;

    private Task RejoinAsync(MyTicket ticket) => _actions.RejoinAsync(HolderOf(ticket), ticket);

    private Task CancelAsync(MyTicket ticket) => _actions.CancelAsync(HolderOf(ticket), ticket);

    private Task NotifyAsync((MyTicket Ticket, bool On) choice) => _actions.SetNotifyAsync(HolderOf(choice.Ticket), choice.Ticket, choice.On);

    /// <summary>Takes every guest ticket of this browser into the account; one that cannot go says why, the rest go.</summary>
    private async Task AttachAsync()
    {
        _attaching = true;
        try
        {
            var problems = new List<string>();
            foreach (var held in _guest)
            {
                var view = held.Ticket.Ticket.Ticket;
                if ((await Tickets.AttachGuestTicketAsync(_actor!, view.Id, held.Key)).Error is { } refused)
                {
                    problems.Add(L["{0} ({1}): {2}", view.Code, held.Ticket.QueueName, L.Of(refused.Message)]);
                }
            }
            _attachProblems = problems;
            // The re-read finds the attached tickets' keys open them no more, and the browser forgets them.
            await ReloadAsync();
        }
        finally
        {
            _attaching = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }
}
