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
        if (outcomes.Count != joins.Count)
        {
            throw new InvalidOperationException($"waitwise_join answered {outcomes.Count} outcomes for {joins.Count} joins.");
        }
        await KeepEstimatesAsync(db, outcomes, joins, ct);
        return outcomes;
    }

    /// <summary>
    /// Writes on each new ticket the wait its holder is shown, so the dashboard can later set it beside the actual
    /// wait. In the caller's transaction when it has one; after the one-call join otherwise, so a crash between the
    /// two leaves a ticket with no estimate kept (it is then left out of the accuracy figures), never a wrong one.
    /// </summary>
    private static async Task KeepEstimatesAsync(WaitWiseDbContext db, IReadOnlyList<JoinOutcome> outcomes, IReadOnlyList<JoinRequest> joins, CancellationToken ct)
    {
        var kept = outcomes.Select((o, i) => (Estimate: o.Outcome == Joined ? o.Estimate() : null, joins[i].EntryId))
            .Where(k => k.Estimate is not null)
            .Select(k => (k.EntryId, Wait: k.Estimate!.Value, Range: WaitRange.Bounds(k.Estimate!.Value)))
            .ToList();
        if (kept.Count == 0)
        {
            return;
        }
        var ids = kept.Select(k => k.EntryId).ToArray();
        var seconds = kept.Select(k => (int)Math.Round(k.Wait.TotalSeconds)).ToArray();
        var lows = kept.Select(k => k.Range.Low).ToArray();
        var highs = kept.Select(k => k.Range.High).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "QueueEntries" e
            SET "EstimatedWaitSeconds" = k.seconds, "EstimatedLowMinutes" = k.low, "EstimatedHighMinutes" = k.high
            FROM unnest({ids}, {seconds}, {lows}, {highs}) AS k(id, seconds, low, high)
            WHERE e."Id" = k.id
            """, ct);
    }
}

/// <summary>One person's join: who, the id their ticket will have, and when they asked.</summary>
internal sealed record JoinRequest(string UserId, Guid EntryId, DateTimeOffset Now);

/// <summary>
/// One row of waitwise_join: the outcome; for a join the number, time and the queue's ticket prefix, its position,
/// and how the queue's line moved as the ticket joined, for its estimate.
/// </summary>
internal sealed record JoinOutcome(
    string Outcome, int? TicketNumber, DateTimeOffset? JoinedAt, string? TicketPrefix, int? Position,
    string? QueueStatus, int? DefaultServiceSeconds, int? CountersServing, int? AtCounters, double? ServiceSeconds, double? CallSeconds)
{
    /// <summary>The ticket written for this join, where it stands and how long it should wait.</summary>
    public TicketPosition Placed(Guid queueId, JoinRequest join)
    {
        var ticket = TicketView.From(QueueEntry.Join(queueId, join.UserId, TicketNumber!.Value, JoinedAt!.Value), TicketPrefix!) with { Id = join.EntryId };
        return new TicketPosition(ticket, Position!.Value, Estimate());
    }

    /// <summary>The wait shown to the holder of the ticket this join wrote.</summary>
    public TimeSpan? Estimate() =>
        WaitEstimate.For(Enum.Parse<QueueStatus>(QueueStatus!), DefaultServiceSeconds!.Value, Position!.Value,
            new LinePace(CountersServing!.Value, AtCounters!.Value, ServiceSeconds, CallSeconds));

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
