using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data.Identity;

namespace WaitWise.Data.Configurations;

internal sealed class QueueEntryConfiguration : IEntityTypeConfiguration<QueueEntry>
{
    public void Configure(EntityTypeBuilder<QueueEntry> b)
    {
        b.Property(x => x.Status).HasConversion(Sql.StatusConverter).HasMaxLength(16);
        b.Property(x => x.CancelledBy).HasMaxLength(450);
        b.Property(x => x.KeyHash).HasMaxLength(64).IsFixedLength();
        b.HasOne<Queue>().WithMany().HasForeignKey(x => x.QueueId).OnDelete(DeleteBehavior.Cascade);
        // A closed account keeps its tickets, anonymised (AccountClosure): the line and its audit never lose a row to it.
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(x => new { x.QueueId, x.TicketNumber }).IsUnique();
        b.HasIndex(x => new { x.QueueId, x.UserId }).IsUnique()
            .HasFilter($"\"Status\" IN {Sql.OpenStatuses}")
            .HasDatabaseName("IX_QueueEntries_OneOpenTicketPerUser");
        b.HasIndex(x => new { x.QueueId, x.Slot }).IsUnique()
            .HasFilter($"\"Status\" IN {Sql.AtCounterStatuses}")
            .HasDatabaseName("IX_QueueEntries_OneTicketPerSlot");
        // Serving order (SPEC.md invariant 6) over the WAITING tickets only: positions and call-next read it.
        b.HasIndex(x => new { x.QueueId, x.PriorityBoost, x.JoinedAt, x.TicketNumber })
            .IsDescending(false, true, false, false)
            .HasFilter("\"Status\" = 'WAITING'")
            .HasDatabaseName("IX_QueueEntries_ServingOrder");
        // The numbers that break the run of waiting, unboosted tickets: positions count these instead of the whole line.
        b.HasIndex(x => new { x.QueueId, x.TicketNumber }, "IX_QueueEntries_LineGaps")
            .HasFilter("\"Status\" <> 'WAITING' OR \"PriorityBoost\" <> 0");
        // Recent service times, newest first, for the estimates.
        b.HasIndex(x => new { x.QueueId, x.CompletedAt }, "IX_QueueEntries_RecentlyCompleted")
            .IsDescending(false, true)
            .HasFilter("\"Status\" = 'COMPLETED'");
        b.HasIndex(x => x.ExpiresAt).HasFilter("\"Status\" = 'LATE'").HasDatabaseName("IX_QueueEntries_LateExpiry");
        b.HasIndex(x => x.CalledAt).HasFilter("\"Status\" = 'CALLED'").HasDatabaseName("IX_QueueEntries_CalledAt");
        // The open tickets per queue (the join's size check counts them under the queue lock). Only open ones: a ticket
        // that closes (completed, cancelled, missed) is written once more into fewer indexes, which a sweep of many
        // missed tickets feels most.
        b.HasIndex(x => new { x.QueueId, x.Status }, "IX_QueueEntries_OpenByQueue")
            .HasFilter($"\"Status\" IN {Sql.OpenStatuses}");
        b.HasIndex(x => x.UserId);

        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_QueueEntries_Status", $"\"Status\" IN {Sql.InList(Enum.GetValues<TicketStatus>())}");
            t.HasCheckConstraint("CK_QueueEntries_TicketNumber", "\"TicketNumber\" > 0");
            t.HasCheckConstraint("CK_QueueEntries_PriorityBoost", "\"PriorityBoost\" IN (0, 1)");
            t.HasCheckConstraint("CK_QueueEntries_Slot",
                $"(\"Slot\" IS NOT NULL) = (\"Status\" IN {Sql.AtCounterStatuses}) AND (\"Slot\" IS NULL OR \"Slot\" >= 1)");
            t.HasCheckConstraint("CK_QueueEntries_CalledAt",
                "(\"Status\" = 'WAITING') = (\"CalledAt\" IS NULL) OR \"Status\" IN ('CANCELLED')");
            t.HasCheckConstraint("CK_QueueEntries_ServedAt", "(\"ServedAt\" IS NOT NULL) = (\"Status\" IN ('SERVING', 'COMPLETED'))");
            t.HasCheckConstraint("CK_QueueEntries_CompletedAt", "(\"CompletedAt\" IS NOT NULL) = (\"Status\" = 'COMPLETED')");
            t.HasCheckConstraint("CK_QueueEntries_ExpiresAt",
                "(\"ExpiresAt\" IS NOT NULL) = (\"Status\" IN ('LATE', 'MISSED')) AND (\"ExpiresAt\" IS NULL OR \"LateAt\" IS NOT NULL)");
            t.HasCheckConstraint("CK_QueueEntries_Cancelled",
                "(\"CancelledAt\" IS NOT NULL) = (\"Status\" = 'CANCELLED') AND (\"CancelledAt\" IS NULL) = (\"CancelledBy\" IS NULL)");
            t.HasCheckConstraint("CK_QueueEntries_TimeOrder",
                "\"CalledAt\" >= \"JoinedAt\" AND \"ServedAt\" >= \"JoinedAt\" AND \"CompletedAt\" >= \"ServedAt\" " +
                "AND \"LateAt\" >= \"JoinedAt\" AND \"ExpiresAt\" > \"LateAt\" AND \"CancelledAt\" >= \"JoinedAt\"");
        });
    }
}

internal sealed class QueueEventConfiguration : IEntityTypeConfiguration<QueueEvent>
{
    public void Configure(EntityTypeBuilder<QueueEvent> b)
    {
        b.Property(x => x.FromStatus).HasConversion(Sql.StatusConverter).HasMaxLength(16);
        b.Property(x => x.ToStatus).HasConversion(Sql.StatusConverter).HasMaxLength(16);
        b.Property(x => x.Command).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ActorId).HasMaxLength(450);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<QueueEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EntryId, x.Id });
        b.HasIndex(x => new { x.QueueId, x.At });
        // The counters' own moves (calls, starts, resumes), newest first: what tells the wait estimates which
        // counters are at work and how long a call takes, without reading a long line's joins.
        b.HasIndex(x => new { x.QueueId, x.At }, "IX_QueueEvents_CounterMoves").HasFilter("\"Slot\" IS NOT NULL");
    }
}

internal sealed class TicketNumberGapConfiguration : IEntityTypeConfiguration<Tickets.TicketNumberGap>
{
    // No foreign key to the queue: a queue's deletion takes its tickets with it, and the trigger keeps no gap for those.
    public void Configure(EntityTypeBuilder<Tickets.TicketNumberGap> b) => b.HasKey(x => new { x.QueueId, x.TicketNumber });
}
