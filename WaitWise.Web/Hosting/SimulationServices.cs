using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Queues;
using WaitWise.Core.Simulation;
using WaitWise.Core.Tickets;
using WaitWise.Data;
using WaitWise.Data.Notifications;
using WaitWise.Data.Queues;
using WaitWise.Data.Tickets;

namespace WaitWise.Web.Hosting;

/// <summary>
/// The app's own ticket and console services on a simulated clock, for <see cref="ClinicSimulation"/> (the demo's
/// history and the benchmark): the same database and code as the app's, but they send no messages (the people are
/// simulated, and their days are past) and their hints reach no page (a notifier of their own).
/// </summary>
public static class SimulationServices
{
    public static (ITicketService Tickets, ICounterPresences Presences) On(IServiceProvider services, SimulatedClock clock)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>();
        var tickets = new TicketService(factory, clock, new InProcessQueueNotifier(), OutboxChannels.None,
            services.GetRequiredService<IDataProtectionProvider>(), services.GetRequiredService<ILoggerFactory>());
        return (tickets, new CounterPresenceStore(factory, clock));
    }
}
