using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Components;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Kiosk;

/// <summary>Self-service tickets at the door, issued in the name of the staff member who opened the kiosk.</summary>
public sealed partial class KioskPage
{
    /// <summary>How long a new ticket stays on the screen before the kiosk is ready for the next person.</summary>
    public static readonly TimeSpan ShowTicketFor = TimeSpan.FromSeconds(15);

    private QueueListing? _listing;
    private Actor? _staff;
    private GuestTicket? _issued;
    private string? _name;
    private string? _error;
    private string? _problem;
    private bool _busy;
    private QueueWatch? _watch;

    /// <summary>The business's language, which a board or kiosk speaks whatever the browser showing it asks for.</summary>
    private LanguageText? _words;

    /// <summary>The words of this page: in the business's language once it is known.</summary>
    private IStringLocalizer B => (IStringLocalizer?)_words ?? L;
    private CancellationTokenSource? _shown;

    [Parameter]
    public Guid QueueId { get; set; }

    [Inject] private ITicketService Tickets { get; set; } = null!;
    [Inject] private IOperatedQueues Operated { get; set; } = null!;
    [Inject] private IBusinessDirectory Directory { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<KioskPage> Logger { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        _staff = await CurrentActor.GetAsync();
        if (_staff is null || (await Operated.ListAsync(_staff)).All(q => q.Id != QueueId))
        {
            _problem = B["You do not operate this queue, so its kiosk cannot be opened here."];
            return;
        }
        await LoadAsync();
        if (RendererInfo.IsInteractive)
        {
            _watch ??= new QueueWatch(Notifier, RefreshAsync, Logger);
            _watch.Watch([QueueId]);
        }
    }

    private async Task LoadAsync()
    {
        var listing = await Directory.GetQueueAsync(_staff, QueueId);
        _listing = listing.Value;
        if (_listing is not null)
        {
            _words = new LanguageText(L, SiteLanguages.Find(_listing.Language));
        }
        _problem = listing.IsSuccess ? null : B["This queue does not exist."].Value;
    }

    private Task RefreshAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private async Task TakeAsync()
    {
        // A second tap queued behind the first must not issue a second ticket.
        if (_busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var issued = await Tickets.IssueWalkInAsync(_staff!, QueueId, _name);
            _error = issued.Error?.Fields?.Values.SelectMany(m => m).FirstOrDefault() ?? issued.Error?.Message;
            if (issued.IsSuccess)
            {
                _issued = issued.Value;
                _name = null;
                _ = StartOverAfterAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Back to the start once the ticket has been shown long enough (or at once with Done).</summary>
    private async Task StartOverAfterAsync()
    {
        _shown?.Cancel();
        _shown = new CancellationTokenSource();
        try
        {
            await Task.Delay(ShowTicketFor, Clock, _shown.Token);
            await InvokeAsync(() =>
            {
                _issued = null;
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
            // Done was pressed, another ticket was taken, or the kiosk closed.
        }
    }

    /// <summary>The ticket stays on the screen for <see cref="ShowTicketFor"/> again from now.</summary>
    private void MoreTime() => _ = StartOverAfterAsync();

    private void StartOver()
    {
        _shown?.Cancel();
        _issued = null;
    }

    public async ValueTask DisposeAsync()
    {
        _shown?.Cancel();
        _shown?.Dispose();
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }
}
