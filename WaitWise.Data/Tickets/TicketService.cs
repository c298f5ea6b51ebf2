using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WaitWise.Data.Notifications;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Commands;

namespace WaitWise.Data.Tickets;

/// <summary>
/// The ticket state machine's commands against PostgreSQL, one file each under Tickets/Commands. Every command goes
/// through <see cref="QueueTransaction"/> (lock, due transitions, request key, AutoCall, commit, publish); what is
/// here is what the ticket commands share: finding a ticket's queue, and moving the ticket with its audit event.
/// </summary>
public sealed partial class TicketService : ITicketService
{
    private readonly IDbContextFactory<WaitWiseDbContext> _factory;
    private readonly TimeProvider _clock;
    private readonly IQueueNotifier _notifier;
    private readonly ILogger<TicketService> _logger;
    private readonly QueueTransaction _pipeline;
    private readonly JoinBatches _joins;
    /// <summary>Seals a guest ticket's key for the guest's messages (<see cref="GuestTicketKeys"/>).</summary>
    private readonly IDataProtector _guestKeys;

    public TicketService(
        IDbContextFactory<WaitWiseDbContext> factory, TimeProvider clock, IQueueNotifier notifier, OutboxChannels channels,
        IDataProtectionProvider protection, ILoggerFactory loggers)
    {
        _guestKeys = protection.CreateProtector(GuestTicketKeys.Purpose);
        _factory = factory;
        _clock = clock;
        _notifier = notifier;
        _logger = loggers.CreateLogger<TicketService>();
        _pipeline = new QueueTransaction(factory, clock, notifier, channels, loggers.CreateLogger<QueueTransaction>());
        _joins = new JoinBatches(factory);
    }

    private static Error NotOperator() =>
        Error.Forbidden("Only the owner and the staff assigned to this queue can do that.");

    /// <summary>A command that belongs to the queue's owner and assigned staff.</summary>
    private Task<Result<TicketView>> StaffCommandAsync(
        Actor actor, Guid ticketId, TicketCommand command, RequestKey? key, CancellationToken ct,
        Func<CommandContext, QueueEntry, Task<Result<TicketStatus>>> move, int? slot = null) =>
        OnTicketAsync(actor, ticketId, command, key, ct, async (ctx, entry) =>
            await ctx.CanOperateAsync() ? await MoveAsync(ctx, entry, command, () => move(ctx, entry)) : NotOperator(), slot);

    /// <summary>Moves the ticket as <paramref name="move"/> says and audits the move; a refusal changes nothing.</summary>
    private static async Task<Result<QueueEntry>> MoveAsync(CommandContext ctx, QueueEntry entry, TicketCommand command, Func<Task<Result<TicketStatus>>> move)
    {
        var from = entry.Status;
        var moved = await move();
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }
        ctx.Audit(entry, from, command);
        return entry;
    }

    /// <summary>
    /// A move that takes a counter (call, resume): the transition table first, so a ticket in the wrong state is told
    /// so whatever the counters, then the requested or lowest free counter (<see cref="Core.Queues.Counters.Pick"/>).
    /// </summary>
    private static async Task<Result<TicketStatus>> AtCounterAsync(
        CommandContext ctx, QueueEntry entry, TicketCommand command, int? slot, Func<int, Result<TicketStatus>> move)
    {
        var allowed = TicketTransitions.Decide(entry.Status, command);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }
        var picked = await ctx.PickSlotAsync(slot);
        return picked.IsSuccess ? move(picked.Value) : picked.Error!;
    }

    /// <summary>A command on one ticket: the pipeline on the ticket's queue, with the ticket read under its lock.</summary>
    private async Task<Result<TicketView>> OnTicketAsync(
        Actor actor, Guid ticketId, TicketCommand command, RequestKey? key, CancellationToken ct,
        Func<CommandContext, QueueEntry, Task<Result<QueueEntry>>> decide, int? slot = null)
    {
        Guid queueId;
        await using (var db = await _factory.CreateDbContextAsync(ct))
        {
            queueId = await db.QueueEntries.AsNoTracking().Where(e => e.Id == ticketId).Select(e => e.QueueId).SingleOrDefaultAsync(ct);
        }
        if (queueId == Guid.Empty)
        {
            return Error.NotFound("The ticket");
        }
        var request = new CommandRequest(actor, queueId, command.ToString(), key, ticketId, slot?.ToString() ?? "");
        return await _pipeline.RunAsync(request,
            async ctx => await decide(ctx, await ctx.Db.QueueEntries.SingleAsync(e => e.Id == ticketId, ct)),
            (ctx, entry) => Task.FromResult(ctx.View(entry)), ct);
    }
}
