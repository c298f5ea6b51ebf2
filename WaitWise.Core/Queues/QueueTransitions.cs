using WaitWise.Core.Common;

namespace WaitWise.Core.Queues;

/// <summary>The owner's commands on a queue's own state.</summary>
public enum QueueCommand
{
    Open,
    Pause,
    Lock,
    Close,
}

/// <summary>
/// The queue's state machine (SPEC.md, second wave), as data like the ticket's: every command goes through
/// <see cref="Decide"/>, and a pair not in the table is refused with a reason and changes nothing.
/// </summary>
public static class QueueTransitions
{
    private static readonly Dictionary<(QueueStatus From, QueueCommand Command), QueueStatus> Table = new()
    {
        [(QueueStatus.Paused, QueueCommand.Open)] = QueueStatus.Open,
        [(QueueStatus.Locked, QueueCommand.Open)] = QueueStatus.Open,
        [(QueueStatus.Closed, QueueCommand.Open)] = QueueStatus.Open,
        // Pausing a closed queue lets the line form before the counters start calling.
        [(QueueStatus.Open, QueueCommand.Pause)] = QueueStatus.Paused,
        [(QueueStatus.Closed, QueueCommand.Pause)] = QueueStatus.Paused,
        [(QueueStatus.Open, QueueCommand.Lock)] = QueueStatus.Locked,
        [(QueueStatus.Paused, QueueCommand.Lock)] = QueueStatus.Locked,
        [(QueueStatus.Open, QueueCommand.Close)] = QueueStatus.Closed,
        [(QueueStatus.Paused, QueueCommand.Close)] = QueueStatus.Closed,
        [(QueueStatus.Locked, QueueCommand.Close)] = QueueStatus.Closed,
    };

    public static IReadOnlyDictionary<(QueueStatus From, QueueCommand Command), QueueStatus> All => Table;

    /// <summary>
    /// The state <paramref name="command"/> leads to from <paramref name="from"/>, or why it may not.
    /// <paramref name="opensOutsideHours"/>: an open queue outside its opening hours takes no joins, and "open"
    /// then opens it by hand until the next scheduled opening, with no change of state.
    /// </summary>
    public static Result<QueueStatus> Decide(QueueStatus from, QueueCommand command, bool opensOutsideHours = false)
    {
        if (Table.TryGetValue((from, command), out var to))
        {
            return to;
        }
        if (from == QueueStatus.Open && command == QueueCommand.Open && opensOutsideHours)
        {
            return QueueStatus.Open;
        }
        // Asking for the state the queue is in is a conflict with it, as a repeated click is; any other pair is a wrong move.
        return from == Target(command)
            ? new Error(ErrorKind.Conflict, $"The queue is already {Name(from)}.")
            : new Error(ErrorKind.InvalidTransition, $"A {Name(from)} queue cannot be {Past(command)}.");
    }

    /// <summary>Whether the owner's page offers <paramref name="command"/> for a queue in <paramref name="from"/>.</summary>
    public static bool Offers(QueueStatus from, QueueCommand command) => Table.ContainsKey((from, command));

    private static QueueStatus Target(QueueCommand command) => command switch
    {
        QueueCommand.Open => QueueStatus.Open,
        QueueCommand.Pause => QueueStatus.Paused,
        QueueCommand.Lock => QueueStatus.Locked,
        QueueCommand.Close => QueueStatus.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    private static string Name(QueueStatus status) => status.ToString().ToLowerInvariant();

    private static string Past(QueueCommand command) => command switch
    {
        QueueCommand.Open => "opened",
        QueueCommand.Pause => "paused",
        QueueCommand.Lock => "locked",
        QueueCommand.Close => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };
}
