using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;
using WaitWise.Web.Languages;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>
/// What a customer does to their own tickets from a page: join, rejoin, and cancel after a confirmation. Each
/// command's refusal becomes <see cref="Error"/>; afterwards the page re-reads.
/// </summary>
public sealed class TicketActions(IStringLocalizer l, ITicketService tickets, IDialogService dialogs, Func<Task> reload)
{
    /// <summary>A command is running: the page disables its buttons, so a double click sends one.</summary>
    public bool Busy { get; private set; }

    public string? Error { get; set; }

    public Task JoinAsync(Actor actor, Guid queueId) => RunAsync(() => tickets.JoinAsync(actor, queueId));

    public Task RejoinAsync(Actor actor, MyTicket ticket) => RunAsync(() => tickets.RejoinAsync(actor, ticket.Ticket.Ticket.Id));

    public async Task CancelAsync(Actor actor, MyTicket ticket)
    {
        var code = ticket.Ticket.Ticket.Code;
        var confirmed = await dialogs.ShowMessageBoxAsync(
            l["Leave the queue?"].Value,
            l["Cancel ticket {0}? You lose your place in line; joining again puts you at the back.", code].Value,
            yesText: l["Cancel ticket"].Value,
            noText: l["Keep my place"].Value);
        if (confirmed == true)
        {
            await RunAsync(() => tickets.CancelAsync(actor, ticket.Ticket.Ticket.Id));
        }
    }

    public async Task SetNotifyAsync(Actor actor, MyTicket ticket, bool on)
    {
        Error = InPageWords((await tickets.SetNotifyAsync(actor, ticket.Ticket.Ticket.Id, on)).Error?.Message);
        await reload();
    }

    private async Task RunAsync(Func<Task<Result<TicketView>>> command)
    {
        Busy = true;
        try
        {
            Error = InPageWords((await command()).Error?.Message);
            await reload();
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A refusal in the page's language; none stays none.</summary>
    private string? InPageWords(string? refusal) => refusal is null ? null : l.Of(refusal);
}
