using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WaitWise.Core.Businesses;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Idempotency;
using WaitWise.Data.Identity;
using WaitWise.Data.Notifications;
using WaitWise.Data.Tickets;

namespace WaitWise.Data;

public sealed class WaitWiseDbContext(DbContextOptions<WaitWiseDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<Queue> Queues => Set<Queue>();
    public DbSet<QueueStaff> QueueStaff => Set<QueueStaff>();
    public DbSet<CounterPresence> CounterPresence => Set<CounterPresence>();
    public DbSet<OpeningHours> OpeningHours => Set<OpeningHours>();
    public DbSet<QueueEntry> QueueEntries => Set<QueueEntry>();
    public DbSet<QueueEvent> QueueEvents => Set<QueueEvent>();
    public DbSet<QueueStatusChange> QueueStatusChanges => Set<QueueStatusChange>();
    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();
    public DbSet<ApiSession> ApiSessions => Set<ApiSession>();
    public DbSet<Guest> Guests => Set<Guest>();
    public DbSet<TicketNumberGap> TicketNumberGaps => Set<TicketNumberGap>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<QueueMessage> QueueMessages => Set<QueueMessage>();
    public DbSet<WebPushSubscription> WebPushSubscriptions => Set<WebPushSubscription>();
    public DbSet<VapidKeyPair> VapidKeyPairs => Set<VapidKeyPair>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WaitWiseDbContext).Assembly);
        builder.HasDbFunction(() => StandingFunctions.IsDue(default, default)).HasName("waitwise_is_due");
        builder.HasDbFunction(() => StandingFunctions.Position(default)).HasName("waitwise_position");
        builder.HasDbFunction(() => StandingFunctions.RecentServiceSeconds(default)).HasName("waitwise_recent_service_seconds");
        builder.HasDbFunction(() => StandingFunctions.CallSeconds(default)).HasName("waitwise_call_seconds");
        builder.HasDbFunction(() => StandingFunctions.CountersServing(default, default)).HasName("waitwise_counters_serving");
        builder.HasDbFunction(() => StandingFunctions.AtCounters(default)).HasName("waitwise_at_counters");
    }
}
