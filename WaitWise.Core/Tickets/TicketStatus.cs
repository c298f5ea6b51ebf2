namespace WaitWise.Core.Tickets;

/// <summary>The ticket states of SPEC.md. Stored upper case ("WAITING").</summary>
public enum TicketStatus
{
    Waiting,
    Called,
    Serving,
    Held,
    Late,
    Completed,
    Cancelled,
    Missed,
}

public enum TicketCommand
{
    Join,
    CallNext,
    CallSpecific,
    StartService,
    Complete,
    Hold,
    Resume,
    NoShow,
    CallTimeout,
    Rejoin,
    Expire,
    Cancel,
    Recall,
    /// <summary>A guest ticket handed to its holder's account; the status does not change.</summary>
    Attach,
}

public static class TicketStatuses
{
    public static IReadOnlyList<TicketStatus> Open { get; } =
        [TicketStatus.Waiting, TicketStatus.Called, TicketStatus.Serving, TicketStatus.Held, TicketStatus.Late];

    public static IReadOnlyList<TicketStatus> Terminal { get; } =
        [TicketStatus.Completed, TicketStatus.Cancelled, TicketStatus.Missed];

    /// <summary>States that occupy a service slot.</summary>
    public static IReadOnlyList<TicketStatus> AtCounter { get; } = [TicketStatus.Called, TicketStatus.Serving];

    public static bool IsOpen(this TicketStatus status) => Open.Contains(status);
    public static bool IsTerminal(this TicketStatus status) => !status.IsOpen();
    public static bool HoldsSlot(this TicketStatus status) => AtCounter.Contains(status);

    public static string ToDb(this TicketStatus status) => status.ToString().ToUpperInvariant();
    public static TicketStatus FromDb(string value) => Enum.Parse<TicketStatus>(value, ignoreCase: true);
}
