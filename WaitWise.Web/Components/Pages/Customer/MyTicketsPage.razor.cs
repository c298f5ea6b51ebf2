using Microsoft.AspNetCore.Components;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>Every open ticket of the signed-in person, live, with cancel and rejoin; and the recent past ones.</summary>
public sealed partial class MyTicketsPage
{
    private const int PastShown = 10;

    private MyTickets? _tickets;
    private Actor? _actor;
    private string? _loadError;
    private TicketActions _actions = null!;
    private QueueWatch? _watch;

    [Inject] private ITicketQueries Queries { get; set; } = null!;
    [Inject] private ITicketService Tickets { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ILogger<MyTicketsPage> Logger { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _actions = new TicketActions(Tickets, Dialogs, ReloadAsync);
        _actor = await CurrentActor.GetAsync();
        await LoadAsync();
        if (RendererInfo.IsInteractive)
        {
            _watch = new QueueWatch(Notifier, RefreshAsync, Logger);
            WatchOpenQueues();
        }
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

    private void WatchOpenQueues() => _watch?.Watch(_tickets?.Open.Select(t => t.Ticket.Ticket.QueueId) ?? []);

    /// <summary>The open tickets, and so the queues to watch, change with every read.</summary>
    private async Task ReloadAsync()
    {
        await LoadAsync();
        WatchOpenQueues();
    }

    private Task RefreshAsync() => InvokeAsync(async () =>
    {
        await ReloadAsync();
        StateHasChanged();
    });

    private Task RejoinAsync(MyTicket ticket) => _actions.RejoinAsync(_actor!, ticket);

    private Task CancelAsync(MyTicket ticket) => _actions.CancelAsync(_actor!, ticket);

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }
}
