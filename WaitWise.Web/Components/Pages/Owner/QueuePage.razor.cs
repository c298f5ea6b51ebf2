using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using Refusal = WaitWise.Core.Common.Error;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Owner;

/// <summary>The owner's page of one queue: status, settings, hours, staff, tickets' audit trails and deletion.</summary>
public sealed partial class QueuePage : IAsyncDisposable
{
    private static readonly QueueCommand[] StatusCommands = [QueueCommand.Open, QueueCommand.Pause, QueueCommand.Lock, QueueCommand.Close];

    private QueueSetup? _setup;
    private QueueSettings? _settings;
    private string? _refused, _message;
    private Severity _messageSeverity;
    private bool _busy;
    private QueueWatch? _watch;

    [Parameter] public Guid QueueId { get; set; }

    [Inject] private IQueueAdmin Queues { get; set; } = null!;
    [Inject] private IQueueControl Control { get; set; } = null!;
    [Inject] private IQueueNotifier Notifier { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private CurrentActor CurrentActor { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<QueuePage> Logger { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        await ReloadAsync();
        // Staff calls and joins change the status (AutoCall) and the tickets: live as every page is.
        if (RendererInfo.IsInteractive && _watch is null)
        {
            _watch = new QueueWatch(Notifier, () => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }), Logger);
        }
        _watch?.Watch(_setup is null ? [] : [QueueId]);
    }

    /// <summary>The queue's status by its own name, as the owner's pages show it.</summary>
    public static string StatusText(IStringLocalizer l, QueueStatus status) => status switch
    {
        QueueStatus.Open => l["Open"].Value,
        QueueStatus.Paused => l["Paused"].Value,
        QueueStatus.Locked => l["Locked"].Value,
        QueueStatus.Closed => l["Closed"].Value,
        _ => status.ToString(),
    };

    private string CommandText(QueueCommand command) => command switch
    {
        QueueCommand.Open => L["Open (the queue)"].Value,
        QueueCommand.Pause => L["Pause"].Value,
        QueueCommand.Lock => L["Lock"].Value,
        QueueCommand.Close => L["Close"].Value,
        _ => command.ToString(),
    };

    private async Task<Actor?> ActorAsync() => await CurrentActor.GetAsync();

    private async Task ReloadAsync()
    {
        var setup = await ActorAsync() is { } actor ? await Queues.GetSetupAsync(actor, QueueId) : Refusal.Forbidden(L["Sign in first."].Value);
        (_setup, _refused) = (setup.Value, setup.Error?.Message);
        // A new instance only when the stored settings changed, so a hint does not wipe what the owner is typing.
        if (_setup is not null && _settings != Settings(_setup.Queue))
        {
            _settings = Settings(_setup.Queue);
        }
    }

    private static QueueSettings Settings(QueueDetails q) =>
        new(q.Name, q.TicketPrefix, q.MaxSize, q.ServiceSlots, q.GraceTimeSeconds, q.CallTimeoutSeconds, q.DefaultServiceSeconds, q.AutoCall, q.AllowGuests, q.NotifyAtPosition);

    private async Task ChangeStatusAsync(QueueCommand command)
    {
        if (await ActorAsync() is not { } actor)
        {
            return;
        }
        _busy = true;
        var changed = command switch
        {
            QueueCommand.Open => await Control.OpenAsync(actor, QueueId),
            QueueCommand.Pause => await Control.PauseAsync(actor, QueueId),
            QueueCommand.Lock => await Control.LockAsync(actor, QueueId),
            _ => await Control.CloseAsync(actor, QueueId),
        };
        _busy = false;
        Say(changed.Error, changed.Value switch
        {
            QueueStatus.Open => L["The queue is now open."].Value,
            QueueStatus.Paused => L["The queue is now paused."].Value,
            QueueStatus.Locked => L["The queue is now locked."].Value,
            _ => L["The queue is now closed."].Value,
        });
        await ReloadAsync();
    }

    private async Task<Refusal?> UpdateAsync(QueueChanges changes)
    {
        if (await ActorAsync() is not { } actor)
        {
            return Refusal.Forbidden(L["Sign in first."].Value);
        }
        var updated = await Queues.UpdateAsync(actor, QueueId, changes);
        if (updated.IsSuccess)
        {
            Say(null, L["Settings saved."]);
            await ReloadAsync();
        }
        return updated.Error;
    }

    private async Task DeleteAsync()
    {
        var sure = await Dialogs.ShowMessageBoxAsync(
            L["Delete queue"].Value, L["Delete \"{0}\" and all its history?", _setup?.Queue.Name ?? ""].Value, yesText: L["Delete"].Value, cancelText: L["Keep it"].Value);
        if (sure != true || await ActorAsync() is not { } actor)
        {
            return;
        }
        _busy = true;
        var deleted = await Queues.DeleteAsync(actor, QueueId);
        _busy = false;
        if (deleted.IsSuccess)
        {
            Navigation.NavigateTo($"owner/businesses/{deleted.Value!.BusinessId}");
            return;
        }
        Say(deleted.Error, "");
    }

    private void Say(Refusal? error, string success)
    {
        (_message, _messageSeverity) = error is null ? (success, Severity.Success) : (L.Of(error.Message), Severity.Error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }
}
