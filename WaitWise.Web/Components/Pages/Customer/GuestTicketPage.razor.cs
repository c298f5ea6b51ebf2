using Microsoft.AspNetCore.Components;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>A guest's ticket, live: where it stands, the call, leaving and rejoining, all held by the key in the link.</summary>
public sealed partial class GuestTicketPage
{
    public const string KeyPrefix = "#key=";

    /// <summary>The ticket's own page, the key in its fragment (which no request carries): the link a guest keeps.</summary>
    public static string Link(NavigationManager navigation, Guid ticketId, string key) =>
        navigation.ToAbsoluteUri($"tickets/{ticketId}").AbsoluteUri + KeyPrefix + Uri.EscapeDataString(key);

    /// <summary>The key in the address's fragment, or null; only the circuit sees it (the prerendered pass has no fragment).</summary>
    public static string? KeyFrom(NavigationManager navigation)
    {
        var fragment = new Uri(navigation.Uri).Fragment;
        return fragment.StartsWith(KeyPrefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(fragment[KeyPrefix.Length..]) : null;
    }

    private MyTicket? _mine;
    private Actor? _holder;
    private Guid _queueId;
    private string? _problem;
    private TicketActions _actions = null!;
    private QueueWatch? _watch;

    [Parameter]
    public Guid TicketId { get; set; }

    [Inject] private ITicketService Tickets { get; set; } = null!;
    [Inject] private ITicketQueries Queries { get; set; } = null!;
    [Inject] private IBusinessDirectory Directory { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ILogger<GuestTicketPage> Logger { get; set; } = null!;
    [Inject] private GuestTicketMemory Memory { get; set; } = null!;

    protected override void OnInitialized() => _actions = new TicketActions(L, Tickets, Dialogs, LoadAsync);

    protected override async Task OnParametersSetAsync()
    {
        // The first, prerendered pass has no fragment to read (the browser keeps it); the circuit has the whole address.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        var key = KeyFrom(Navigation);
        var held = await Tickets.GuestHolderAsync(TicketId, key);
        if (!held.IsSuccess)
        {
            _problem = L["This ticket link is not complete: open the whole link you were given (it ends with #key=…)."];
            return;
        }
        await Memory.RememberAsync(TicketId, key!);
        (_holder, _queueId) = held.Value;
        await LoadAsync();
        _watch ??= new QueueWatch(Notifier, RefreshAsync, Logger);
        _watch.Watch([_queueId]);
    }

    private async Task LoadAsync()
    {
        var ticket = await Queries.GetTicketAsync(_holder!, TicketId);
        var listing = await Directory.GetQueueAsync(null, _queueId);
        if (!ticket.IsSuccess || !listing.IsSuccess)
        {
            _problem = L["This ticket's queue is no longer open to the public."];
            return;
        }
        _mine = MyTicket.In(listing.Value!, ticket.Value!);
    }

    private Task RefreshAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private Task RejoinAsync(MyTicket ticket) => _actions.RejoinAsync(_holder!, ticket);

    private Task CancelAsync(MyTicket ticket) => _actions.CancelAsync(_holder!, ticket);

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }
}
