using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Tickets;

/// <summary>The call of the database function waitwise_join, and what its outcomes mean.</summary>
internal static class JoinStatement
{
    public const string Joined = "joined";

    /// <summary>The fast call's answer when the join needs the general path; nothing was changed.</summary>
    public const string Slow = "slow";

    /// <summary>The joins in the order given; one outcome for each, in the same order.</summary>
    public static async Task<IReadOnlyList<JoinOutcome>> RunAsync(
        WaitWiseDbContext db, Guid queueId, IReadOnlyList<JoinRequest> joins, bool fast, bool outsideHours, CancellationToken ct)
    {
        var users = joins.Select(j => j.UserId).ToArray();
        var entries = joins.Select(j => j.EntryId).ToArray();
        var nows = joins.Select(j => j.Now).ToArray();
        var outcomes = await db.Database.SqlQuery<JoinOutcome>(
                $"SELECT * FROM waitwise_join({queueId}, {users}, {entries}, {nows}, {fast}, {outsideHours})")
            .ToListAsync(ct);
        return outcomes.Count == joins.Count
            ? outcomes
            : throw new InvalidOperationException($"waitwise_join answered {outcomes.Count} outcomes for {joins.Count} joins.");
    }
}

/// <summary>One person's join: who, the id their ticket will have, and when they asked.</summary>
internal sealed record JoinRequest(string UserId, Guid EntryId, DateTimeOffset Now);

/// <summary>
/// One row of waitwise_join: the outcome; for a join the number, time and the queue's ticket prefix; and for a
/// ticket written by the one-call form, its position and the queue's figures for the estimate.
/// </summary>
internal sealed record JoinOutcome(
    string Outcome, int? TicketNumber, DateTimeOffset? JoinedAt, string? TicketPrefix, int? Position,
    string? QueueStatus, int? ServiceSlots, int? DefaultServiceSeconds, double? RecentServiceSeconds)
{
    /// <summary>The ticket written for this join, where it stands and how long it should wait.</summary>
    public TicketPosition Placed(Guid queueId, JoinRequest join)
    {
        var ticket = TicketView.From(QueueEntry.Join(queueId, join.UserId, TicketNumber!.Value, JoinedAt!.Value), TicketPrefix!) with { Id = join.EntryId };
        var position = Position!.Value;
        return new TicketPosition(ticket, position,
            WaitEstimate.For(Enum.Parse<QueueStatus>(QueueStatus!), ServiceSlots!.Value, DefaultServiceSeconds!.Value, position, RecentServiceSeconds));
    }

    /// <summary>The refusal this outcome stands for (<see cref="JoinGuards"/>); null when the ticket was written.</summary>
    public Error? Refusal(Error? outsideHours)
    {
        if (Outcome == JoinStatement.Joined)
        {
            return null;
        }
        if (Outcome == "no_queue")
        {
            return Error.NotFound("The queue");
        }
        return JoinGuards.FromCode(Outcome) is { } refusal
            ? JoinGuards.Describe(refusal, outsideHours)
            : throw new InvalidOperationException($"waitwise_join answered {Outcome}, which this build does not know.");
    }
}
