using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Board;

/// <summary>
/// The public board for a screen by the door: who is at which counter and who is next, ticket codes only. Every
/// new call or recall (the board's last announcement moves) chimes and flashes.
/// </summary>
public sealed partial class BoardPage
{
    public const int NextShown = 6;

    private QueueBoard? _board;
    private string? _error;
    private string? _announcement;
    private int _announcements;
    private bool _chimePending;
    private bool _armed;
    private AlertsScript? _script;
    private QueueWatch? _watch;

    /// <summary>The business's language, which a board or kiosk speaks whatever the browser showing it asks for.</summary>
    private LanguageText? _words;

    /// <summary>The words of this page: in the business's language once it is known.</summary>
    private IStringLocalizer B => (IStringLocalizer?)_words ?? L;

    [Parameter]
    public Guid QueueId { get; set; }

    [Inject] private ITicketQueries Queries { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private ILogger<BoardPage> Logger { get; set; } = null!;

    /// <summary>Two identical animations by turns, so that each new announcement restarts the flash.</summary>
    private string FlashClass => _announcements == 0 ? "" : _announcements % 2 == 0 ? "flash-a" : "flash-b";

    protected override async Task OnParametersSetAsync()
    {
        _board = null;
        _announcements = 0;
        await LoadAsync();
        if (RendererInfo.IsInteractive && _watch is null)
        {
            _watch = new QueueWatch(Notifier, RefreshAsync, Logger);
        }
        _watch?.Watch([QueueId]);
    }

    private async Task LoadAsync()
    {
        var read = await Queries.GetBoardAsync(QueueId, NextShown);
        if (!read.IsSuccess)
        {
            _error = B["This board is not available."];
            return;
        }
        _error = null;
        var board = read.Value!;
        _words = new LanguageText(L, SiteLanguages.Find(board.Language));
        if (_board is not null && board.LastAnnouncementAt is { } at && at != _board.LastAnnouncementAt)
        {
            _announcements++;
            _chimePending = true;
            var called = board.AtCounters.Where(c => c.Status == TicketStatus.Called).Select(c => B["{0} to counter {1}", c.Code, c.Slot].Value);
            _announcement = B["Now calling: {0}", string.Join(", ", called)];
        }
        _board = board;
    }

    private Task RefreshAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        _script ??= new AlertsScript(JS);
        if (_chimePending)
        {
            _chimePending = false;
            await _script.ChimeAsync();
        }
    }

    private async Task ArmAsync()
    {
        _script ??= new AlertsScript(JS);
        _armed = await _script.ArmAsync() == "running";
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
        if (_script is not null)
        {
            await _script.DisposeAsync();
        }
    }
}
