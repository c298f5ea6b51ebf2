using WaitWise.Core.Common;
using WaitWise.Core.Queues;

namespace WaitWise.Core.Tickets;

/// <summary>Why a join is refused. The names are also the outcomes the database's join function answers with.</summary>
public enum JoinRefusal
{
    BusinessNotApproved,
    Locked,
    Closed,
    OutsideHours,
    AlreadyInQueue,
    Full,
}

/// <summary>What the join's guards look at, read under the queue's lock.</summary>
public sealed record JoinFacts(bool BusinessApproved, QueueStatus Status, bool OutsideHours, bool AlreadyInQueue, int OpenTickets, int MaxSize);

/// <summary>
/// SPEC.md's join guards, in their order: the first that fails is the answer. The database's join function
/// (waitwise_join) checks the same in SQL for speed, and a parity test holds it to this on every combination.
/// </summary>
public static class JoinGuards
{
    public static JoinRefusal? Check(JoinFacts facts) => facts switch
    {
        { BusinessApproved: false } => JoinRefusal.BusinessNotApproved,
        { Status: QueueStatus.Locked } => JoinRefusal.Locked,
        { Status: QueueStatus.Closed } => JoinRefusal.Closed,
        { OutsideHours: true } => JoinRefusal.OutsideHours,
        { AlreadyInQueue: true } => JoinRefusal.AlreadyInQueue,
        _ when facts.OpenTickets >= facts.MaxSize => JoinRefusal.Full,
        _ => null,
    };

    /// <summary>The outcome's name as the join function writes it: <c>already_in_queue</c>.</summary>
    public static string Code(JoinRefusal refusal) => refusal switch
    {
        JoinRefusal.BusinessNotApproved => "business_not_approved",
        JoinRefusal.Locked => "locked",
        JoinRefusal.Closed => "closed",
        JoinRefusal.OutsideHours => "outside_hours",
        JoinRefusal.AlreadyInQueue => "already_in_queue",
        JoinRefusal.Full => "full",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    /// <summary>The refusal a join function outcome names, or null for any other outcome.</summary>
    public static JoinRefusal? FromCode(string code) =>
        Enum.GetValues<JoinRefusal>().Cast<JoinRefusal?>().FirstOrDefault(r => Code(r!.Value) == code);

    /// <summary>The refusal as the person is told it; <paramref name="outsideHours"/> names the next opening.</summary>
    public static Error Describe(JoinRefusal refusal, Error? outsideHours) => refusal switch
    {
        JoinRefusal.BusinessNotApproved => new Error(ErrorKind.QueueNotOpen, "This business is not taking customers on WaitWise yet."),
        JoinRefusal.Locked => new Error(ErrorKind.QueueNotOpen, "The queue is not taking new joins right now."),
        JoinRefusal.Closed => new Error(ErrorKind.QueueNotOpen, "The queue is closed."),
        JoinRefusal.OutsideHours => outsideHours ?? new Error(ErrorKind.OutsideHours, "The queue is outside its opening hours."),
        JoinRefusal.AlreadyInQueue => new Error(ErrorKind.AlreadyInQueue, "You already have a ticket in this queue."),
        JoinRefusal.Full => new Error(ErrorKind.QueueFull, "The queue is full; try again later."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };
}
