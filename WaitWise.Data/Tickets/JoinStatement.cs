using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Common;

namespace WaitWise.Data.Tickets;

/// <summary>The call of the database function waitwise_join, and what its outcomes mean.</summary>
internal static class JoinStatement
{
    public const string Joined = "joined";

    /// <summary>The fast call's answer when the join needs the general path; nothing was changed.</summary>
    public const string Slow = "slow";

    public static async Task<JoinOutcome> RunAsync(
        WaitWiseDbContext db, Guid queueId, string userId, Guid entryId, DateTimeOffset now, bool fast, bool outsideHours, CancellationToken ct) =>
        (await db.Database.SqlQuery<JoinOutcome>(
                $"SELECT * FROM waitwise_join({queueId}, {userId}, {entryId}, {now}, {fast}, {outsideHours})")
            .ToListAsync(ct)).Single();
}

/// <summary>One row of waitwise_join: the outcome, and for a join the number, time and the queue's ticket prefix.</summary>
internal sealed record JoinOutcome(string Outcome, int? TicketNumber, DateTimeOffset? JoinedAt, string? TicketPrefix)
{
    /// <summary>The refusal this outcome stands for; null when the ticket was written.</summary>
    public Error? Refusal(Error? outsideHours) => Outcome switch
    {
        JoinStatement.Joined => null,
        "no_queue" => Error.NotFound("The queue"),
        "business_not_approved" => new Error(ErrorKind.QueueNotOpen, "This business is not taking customers on WaitWise yet."),
        "locked" => new Error(ErrorKind.QueueNotOpen, "The queue is not taking new joins right now."),
        "closed" => new Error(ErrorKind.QueueNotOpen, "The queue is closed."),
        "outside_hours" when outsideHours is not null => outsideHours,
        "already_in_queue" => new Error(ErrorKind.AlreadyInQueue, "You already have a ticket in this queue."),
        "full" => new Error(ErrorKind.QueueFull, "The queue is full; try again later."),
        _ => throw new InvalidOperationException($"waitwise_join answered {Outcome}, which this build does not know."),
    };
}
