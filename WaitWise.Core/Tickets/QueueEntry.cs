using WaitWise.Core.Common;

namespace WaitWise.Core.Tickets;

/// <summary>
/// A ticket. Its status changes only through the command methods below, each of which asks the
/// transition table first and sets exactly the timestamps its new state implies (SPEC.md invariant 5).
/// Guards that need the whole queue (capacity, free slots, authorisation) are the service's.
/// </summary>
public sealed class QueueEntry
{
    public Guid Id { get; set; }
    public Guid QueueId { get; set; }
    public required string UserId { get; set; }
    public int TicketNumber { get; set; }
    public TicketStatus Status { get; set; }
    public int PriorityBoost { get; set; }
    public int? Slot { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? CalledAt { get; set; }
    public DateTimeOffset? ServedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? LateAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    /// <summary>For a guest's ticket, the hash of the key that holds it (<see cref="TicketKey"/>); null otherwise.</summary>
    public string? KeyHash { get; set; }
    /// <summary>Whether its holder is sent messages about it (they may turn them off for this ticket).</summary>
    public bool Notify { get; set; } = true;
    /// <summary>The wait its holder was shown when joining (<see cref="WaitEstimate.Shown"/>); null when it was unknown.</summary>
    public int? EstimatedWaitSeconds { get; set; }
    /// <summary>The range shown with it, in whole minutes (<see cref="WaitRange.Bounds"/>).</summary>
    public int? EstimatedLowMinutes { get; set; }
    public int? EstimatedHighMinutes { get; set; }

    public static QueueEntry Join(Guid queueId, string userId, int ticketNumber, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        QueueId = queueId,
        UserId = userId,
        TicketNumber = ticketNumber,
        Status = TicketStatus.Waiting,
        JoinedAt = now,
    };

    public Result<TicketStatus> Call(TicketCommand command, int slot, DateTimeOffset now) =>
        Move(command, () =>
        {
            Slot = slot;
            CalledAt = Later(now, JoinedAt);
        });

    public Result<TicketStatus> StartService(DateTimeOffset now) =>
        Move(TicketCommand.StartService, () => ServedAt = Later(now, CalledAt ?? JoinedAt));

    public Result<TicketStatus> Complete(DateTimeOffset now) =>
        Move(TicketCommand.Complete, () =>
        {
            CompletedAt = Later(now, ServedAt ?? JoinedAt);
            Slot = null;
        });

    /// <summary>Frees the slot and wipes ServedAt, so the break never counts as service time.</summary>
    public Result<TicketStatus> Hold() =>
        Move(TicketCommand.Hold, () =>
        {
            Slot = null;
            ServedAt = null;
        });

    /// <summary>Serves a held ticket at once, bypassing the line.</summary>
    public Result<TicketStatus> Resume(int slot, DateTimeOffset now) =>
        Move(TicketCommand.Resume, () =>
        {
            Slot = slot;
            ServedAt = Later(now, CalledAt ?? JoinedAt);
        });

    /// <summary>
    /// Staff say nobody came (NoShow, <paramref name="at"/> now), or the call timed out (CallTimeout, at
    /// <see cref="TimesOutAt"/>): the ticket is late from that moment and may rejoin for the grace time after it. The
    /// background sweep writes the same in SQL (DueTransitions), held to this by a test.
    /// </summary>
    public Result<TicketStatus> MarkLate(TicketCommand command, TimeSpan graceTime, DateTimeOffset at) =>
        Move(command, () =>
        {
            Slot = null;
            LateAt = Later(at, CalledAt ?? JoinedAt);
            ExpiresAt = LateAt + graceTime;
        });

    /// <summary>When a CALLED ticket turns LATE by itself, nobody having started its service; null in any other state.</summary>
    public DateTimeOffset? TimesOutAt(TimeSpan callTimeout) => Status == TicketStatus.Called ? CalledAt + callTimeout : null;

    /// <summary>
    /// Back into the line within the grace time. After it the ticket is MISSED (or due to be, which every command
    /// applies first), and the holder is told the grace time is over, not that a missed ticket cannot move.
    /// </summary>
    public Result<TicketStatus> Rejoin(DateTimeOffset now)
    {
        if ((Status == TicketStatus.Late && now >= ExpiresAt) || Status == TicketStatus.Missed)
        {
            return new Error(ErrorKind.GraceExpired, "The grace time to rejoin has passed; join the queue again for a new ticket.");
        }
        return Move(TicketCommand.Rejoin, () =>
        {
            PriorityBoost = 1;
            CalledAt = null;
            LateAt = null;
            ExpiresAt = null;
        });
    }

    public Result<TicketStatus> Expire(DateTimeOffset now)
    {
        if (Status == TicketStatus.Late && now < ExpiresAt)
        {
            return new Error(ErrorKind.Conflict, "The ticket is still inside its grace time.");
        }
        return Move(TicketCommand.Expire, () => { });
    }

    public Result<TicketStatus> Cancel(string actorId, DateTimeOffset now) =>
        Move(TicketCommand.Cancel, () =>
        {
            Slot = null;
            ServedAt = null;
            ExpiresAt = null;
            CancelledAt = Later(now, JoinedAt);
            CancelledBy = actorId;
        });

    public Result<TicketStatus> Recall() => Move(TicketCommand.Recall, () => { });

    private Result<TicketStatus> Move(TicketCommand command, Action apply)
    {
        var decision = TicketTransitions.Decide(Status, command);
        if (!decision.IsSuccess)
        {
            return decision;
        }
        apply();
        Status = decision.Value;
        return decision;
    }

    /// <summary>A clock that moved backwards must not make a timestamp precede the one before it.</summary>
    private static DateTimeOffset Later(DateTimeOffset now, DateTimeOffset floor) => now < floor ? floor : now;
}
