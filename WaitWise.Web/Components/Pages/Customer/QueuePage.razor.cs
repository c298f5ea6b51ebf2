using Microsoft.AspNetCore.Components;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>A queue's public page: its state, the line's length and wait, joining, your own ticket live, and its QR code.</summary>
public sealed partial class QueuePage
{
    private QueueListing? _listing;
    private QueueBoard? _board;
    private MyTicket? _mine;
    private Actor? _actor;
    private string _joinUrl = "";
    private string? _loadError;
    private TicketActions _actions = null!;
    private QueueWatch? _watch;
    private string? _guestName, _guestEmail, _guestPhone;
    private IReadOnlyDictionary<string, string[]> _guestErrors = new Dictionary<string, string[]>();
    /// <summary>An open guest ticket this browser holds in this queue, with the link that opens it.</summary>
    private (TicketView Ticket, string Link)? _guestTicket;

    [Parameter]
    public Guid QueueId { get; set; }

    /// <summary>
    /// What the prerender read, handed to the circuit in the page (Blazor's persistent component state, protected as
    /// the circuit is), so the circuit's first render is the page already on the screen, not a loading bar: the
    /// visitor who scanned the code sees no flicker, and the form they reach for is there. Only the prerender's: a
    /// circuit resumed after a pause reads afresh rather than show a snapshot that may be hours old.
    /// </summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public Prerendered? Reading { get; set; }

    [Inject] private IBusinessDirectory Directory { get; set; } = null!;
    [Inject] private ITicketQueries Queries { get; set; } = null!;
    [Inject] private ITicketService Tickets { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ILogger<QueuePage> Logger { get; set; } = null!;
    [Inject] private GuestTicketMemory Memory { get; set; } = null!;

    /// <summary>Whether a join would be let through now: the queue's state, its hours and its capacity (when the board is public).</summary>
    private bool TakesJoins => _listing is { } listing && QueueStatusText.TakesJoins(listing.Queue.Status) && listing.Reopens is null && _board?.Full != true;

    private string ReturnUrl => $"/queues/{QueueId}";
    private string SignInUrl => $"Account/Login?ReturnUrl={Uri.EscapeDataString(ReturnUrl)}";
    private string RegisterUrl => $"Account/Register?ReturnUrl={Uri.EscapeDataString(ReturnUrl)}";

    protected override void OnInitialized() => _actions = new TicketActions(L, Tickets, Dialogs, LoadAsync);

    protected override async Task OnParametersSetAsync()
    {
        if (_listing is null && Reading is { } reading && reading.Listing.Queue.Id == QueueId)
        {
            (_listing, _board, _mine) = reading;
            Reading = null;
        }
        _actor = await CurrentActor.GetAsync();
        _joinUrl = QueueQrCode.JoinUrl(Navigation, QueueId);
        // Read again even after a restore: the queue may have moved since the prerender, before the watch began.
        await LoadAsync();
        if (!RendererInfo.IsInteractive && _listing is not null)
        {
            Reading = new Prerendered(_listing, _board, _mine);
        }
        if (RendererInfo.IsInteractive && _watch is null)
        {
            _watch = new QueueWatch(Notifier, RefreshAsync, Logger);
        }
        _watch?.Watch([QueueId]);
        if (RendererInfo.IsInteractive && _actor is null)
        {
            _guestTicket = await RememberedTicketAsync();
        }
    }

    /// <summary>The open ticket in this queue among the guest tickets this browser remembers, if any.</summary>
    private async Task<(TicketView, string)?> RememberedTicketAsync() =>
        (await Memory.HeldAsync()).FirstOrDefault(h => h.Ticket.Ticket.Ticket.QueueId == QueueId && h.Ticket.Ticket.Ticket.Status.IsOpen()) is { } held
            ? (held.Ticket.Ticket.Ticket, held.Link)
            : null;

    /// <summary>Reads everything first and assigns it at once, so no render shows half of one read and half of another.</summary>
    private async Task LoadAsync()
    {
        var listing = await Directory.GetQueueAsync(_actor, QueueId);
        if (!listing.IsSuccess)
        {
            _loadError = L["This queue does not exist or is not public."];
            return;
        }
        var found = listing.Value!;
        // The board is public only for approved businesses; an owner previewing their own queue sees no counts.
        var board = await Queries.GetBoardAsync(QueueId, nextCount: 0);
        var mine = _actor is null ? (Result<TicketPosition>?)null : await Queries.GetMyTicketAsync(_actor, QueueId);
        _loadError = null;
        _listing = found;
        _board = board.Value;
        _mine = mine is { IsSuccess: true, Value: { } ticket }
            ? MyTicket.In(found, ticket)
            : null;
    }

    private Task RefreshAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        if (_guestTicket is not null)
        {
            // Left, served or missed since: the join is offered again.
            _guestTicket = await RememberedTicketAsync();
        }
        StateHasChanged();
    });

    private Task JoinAsync() => _actions.JoinAsync(_actor!, QueueId);

    private string? GuestError(string field) => _guestErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages.Select(m => L.Of(m))) : null;

    /// <summary>A ticket without an account; its page (whose link carries the ticket's key) takes over from here.</summary>
    private async Task JoinAsGuestAsync()
    {
        // One line, one ticket, for a browser too: a second guest join from it is refused as the signed-in one is.
        if (await RememberedTicketAsync() is { } held)
        {
            _guestTicket = held;
            return;
        }
        var joined = await Tickets.JoinAsGuestAsync(QueueId, new GuestDetails(_guestName, _guestEmail, _guestPhone) { Language = SiteLanguages.Current.Name });
        if (joined.IsSuccess)
        {
            Navigation.NavigateTo(GuestTicketPage.Link(Navigation, joined.Value!.Placed.Ticket.Id, joined.Value.Key));
            return;
        }
        _guestErrors = joined.Error!.Fields ?? new Dictionary<string, string[]>();
        _actions.Error = joined.Error.Fields is null ? L.Of(joined.Error.Message) : null;
    }

    private Task RejoinAsync(MyTicket ticket) => _actions.RejoinAsync(_actor!, ticket);

    private Task CancelAsync(MyTicket ticket) => _actions.CancelAsync(_actor!, ticket);

    /// <summary>The page's reading, as the prerender hands it to the circuit.</summary>
    public sealed record Prerendered(QueueListing Listing, QueueBoard? Board, MyTicket? Mine);

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }
}
