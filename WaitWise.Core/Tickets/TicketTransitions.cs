using WaitWise.Core.Common;

namespace WaitWise.Core.Tickets;

/// <summary>
/// The transition table of SPEC.md, as data. Every command goes through <see cref="Decide"/>;
/// a pair not in the table is refused and nothing changes.
/// </summary>
public static class TicketTransitions
{
    private static readonly Dictionary<(TicketStatus? From, TicketCommand Command), TicketStatus> Table = Build();

    public static IReadOnlyDictionary<(TicketStatus? From, TicketCommand Command), TicketStatus> All => Table;

    /// <summary>The state a command leads to from <paramref name="from"/> (null: no ticket yet), or why it may not.</summary>
    public static Result<TicketStatus> Decide(TicketStatus? from, TicketCommand command) =>
        Table.TryGetValue((from, command), out var to)
            ? to
            : new Error(ErrorKind.InvalidTransition, Describe(from, command));

    private static string Describe(TicketStatus? from, TicketCommand command) => from switch
    {
        null => $"There is no ticket to {Verb(command)}.",
        { } status when status.IsTerminal() => $"The ticket is already {status.ToDb()}; a finished ticket cannot be changed.",
        { } status => $"A {status.ToDb()} ticket cannot be {Past(command)}.",
    };

    private static string Verb(TicketCommand command) => command switch
    {
        TicketCommand.CallNext or TicketCommand.CallSpecific => "call",
        TicketCommand.StartService => "start serving",
        TicketCommand.NoShow => "mark as no-show",
        TicketCommand.CallTimeout => "time out",
        TicketCommand.Attach => "take into an account",
        _ => command.ToString().ToLowerInvariant(),
    };

    private static string Past(TicketCommand command) => command switch
    {
        TicketCommand.Join => "joined again",
        TicketCommand.CallNext or TicketCommand.CallSpecific => "called",
        TicketCommand.StartService => "started",
        TicketCommand.Complete => "completed",
        TicketCommand.Hold => "held",
        TicketCommand.Resume => "resumed",
        TicketCommand.NoShow => "marked as a no-show",
        TicketCommand.CallTimeout => "timed out",
        TicketCommand.Rejoin => "rejoined",
        TicketCommand.Expire => "expired",
        TicketCommand.Cancel => "cancelled",
        TicketCommand.Recall => "recalled",
        TicketCommand.Attach => "taken into an account",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    private static Dictionary<(TicketStatus?, TicketCommand), TicketStatus> Build()
    {
        var table = new Dictionary<(TicketStatus?, TicketCommand), TicketStatus>
        {
            [(null, TicketCommand.Join)] = TicketStatus.Waiting,
            [(TicketStatus.Waiting, TicketCommand.CallNext)] = TicketStatus.Called,
            [(TicketStatus.Waiting, TicketCommand.CallSpecific)] = TicketStatus.Called,
            [(TicketStatus.Called, TicketCommand.StartService)] = TicketStatus.Serving,
            [(TicketStatus.Serving, TicketCommand.Complete)] = TicketStatus.Completed,
            [(TicketStatus.Called, TicketCommand.Hold)] = TicketStatus.Held,
            [(TicketStatus.Serving, TicketCommand.Hold)] = TicketStatus.Held,
            [(TicketStatus.Held, TicketCommand.Resume)] = TicketStatus.Serving,
            [(TicketStatus.Called, TicketCommand.NoShow)] = TicketStatus.Late,
            [(TicketStatus.Called, TicketCommand.CallTimeout)] = TicketStatus.Late,
            [(TicketStatus.Late, TicketCommand.Rejoin)] = TicketStatus.Waiting,
            [(TicketStatus.Late, TicketCommand.Expire)] = TicketStatus.Missed,
            [(TicketStatus.Called, TicketCommand.Recall)] = TicketStatus.Called,
        };
        foreach (var open in TicketStatuses.Open)
        {
            table[(open, TicketCommand.Cancel)] = TicketStatus.Cancelled;
        }
        return table;
    }
}
