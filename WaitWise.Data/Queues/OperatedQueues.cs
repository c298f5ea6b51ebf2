using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Auth;
using WaitWise.Core.Queues;
using WaitWise.Data.Tickets;

namespace WaitWise.Data.Queues;

/// <summary>The staff console's queue list, with the same rule the ticket commands check (<see cref="Rights"/>).</summary>
public sealed class OperatedQueues(IDbContextFactory<WaitWiseDbContext> factory) : IOperatedQueues
{
    public async Task<IReadOnlyList<OperatedQueue>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.IsSystem)
        {
            return [];
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Rights.OperableQueues(db, actor).AsNoTracking()
            .OrderBy(q => q.Business!.Name).ThenBy(q => q.BusinessId).ThenBy(q => q.Name)
            .Select(q => new OperatedQueue(
                q.Id, q.Name, q.BusinessId, q.Business!.Name, q.ServiceSlots, q.AutoCall, q.Status, q.Business.OwnerId == actor.Id))
            .ToListAsync(ct);
    }
}
