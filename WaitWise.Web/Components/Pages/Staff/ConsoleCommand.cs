using System.Globalization;
using Microsoft.Extensions.Localization;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Web.Components.Pages.Staff;

/// <summary>A console button: the command it sends, its label and its keyboard shortcut, if it has one.</summary>
public sealed record ConsoleCommand(TicketCommand Command, string? Key = null)
{
    public static ConsoleCommand CallNext { get; } = new(TicketCommand.CallNext, "N");
    public static ConsoleCommand Call { get; } = new(TicketCommand.CallSpecific);
    public static ConsoleCommand Start { get; } = new(TicketCommand.StartService, "S");
    public static ConsoleCommand Complete { get; } = new(TicketCommand.Complete, "C");
    public static ConsoleCommand Hold { get; } = new(TicketCommand.Hold, "H");
    public static ConsoleCommand Recall { get; } = new(TicketCommand.Recall, "R");
    public static ConsoleCommand NoShow { get; } = new(TicketCommand.NoShow);
    public static ConsoleCommand Resume { get; } = new(TicketCommand.Resume);
    public static ConsoleCommand Cancel { get; } = new(TicketCommand.Cancel);

    /// <summary>The button's label.</summary>
    public string Label(IStringLocalizer l) => Command switch
    {
        TicketCommand.CallNext => l["Call next"],
        TicketCommand.CallSpecific => l["Call"],
        TicketCommand.StartService => l["Start"],
        TicketCommand.Complete => l["Complete"],
        TicketCommand.Hold => l["Hold"],
        TicketCommand.Recall => l["Recall"],
        TicketCommand.NoShow => l["No-show"],
        TicketCommand.Resume => l["Resume"],
        TicketCommand.Cancel => l["Cancel"],
        _ => throw new ArgumentOutOfRangeException(nameof(Command), Command, "The console has no button for this command."),
    };

    /// <summary>What the counter card offers for the ticket at my counter, shortcuts first.</summary>
    public static IReadOnlyList<ConsoleCommand> AtMyCounter { get; } = [CallNext, Start, Complete, Hold, Recall, NoShow, Cancel];

    public static IReadOnlyList<ConsoleCommand> Shortcuts { get; } = [.. AtMyCounter.Where(c => c.Key is not null)];

    /// <summary>The command a key press stands for (letters in either case, without modifiers), or null.</summary>
    public static ConsoleCommand? ForKey(string key) =>
        Shortcuts.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>"4:05" for a countdown or a wait; "0:00" once it has run out.</summary>
    public static string Clock(TimeSpan span) => span <= TimeSpan.Zero
        ? "0:00"
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}:{span.Seconds:00}");

    /// <summary>Sends <paramref name="command"/> for the ticket (or, for call next, the queue) at or into <paramref name="counter"/>.</summary>
    public static Task<Result<TicketView>> SendAsync(
        ITicketService tickets, Actor actor, Guid queueId, TicketCommand command, Guid? ticketId, int counter, CancellationToken ct) => command switch
    {
        TicketCommand.CallNext => tickets.CallNextAsync(actor, queueId, counter, ct: ct),
        TicketCommand.CallSpecific => tickets.CallSpecificAsync(actor, ticketId!.Value, counter, ct: ct),
        TicketCommand.StartService => tickets.StartServiceAsync(actor, ticketId!.Value, ct: ct),
        TicketCommand.Complete => tickets.CompleteAsync(actor, ticketId!.Value, ct: ct),
        TicketCommand.Hold => tickets.HoldAsync(actor, ticketId!.Value, ct: ct),
        TicketCommand.Resume => tickets.ResumeAsync(actor, ticketId!.Value, counter, ct: ct),
        TicketCommand.NoShow => tickets.NoShowAsync(actor, ticketId!.Value, ct: ct),
        TicketCommand.Recall => tickets.RecallAsync(actor, ticketId!.Value, ct: ct),
        TicketCommand.Cancel => tickets.CancelAsync(actor, ticketId!.Value, ct: ct),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "The console does not send this command."),
    };
}
