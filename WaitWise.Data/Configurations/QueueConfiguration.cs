using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Core.Queues;
using WaitWise.Data.Identity;

namespace WaitWise.Data.Configurations;

internal sealed class QueueConfiguration : IEntityTypeConfiguration<Queue>
{
    public void Configure(EntityTypeBuilder<Queue> b)
    {
        b.Property(x => x.Name).HasMaxLength(QueueLimits.NameMaxLength);
        b.Property(x => x.TicketPrefix).HasMaxLength(QueueLimits.TicketPrefixMaxLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.BusinessId, x.Name }).IsUnique();
        b.HasOne(x => x.Business).WithMany(x => x.Queues).HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.OpeningHours).WithOne().HasForeignKey(x => x.QueueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Staff).WithOne().HasForeignKey(x => x.QueueId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Queues_Status", $"\"Status\" IN {Sql.InList(Enum.GetValues<QueueStatus>())}");
            t.HasCheckConstraint("CK_Queues_MaxSize", $"\"MaxSize\" BETWEEN 1 AND {QueueLimits.MaxMaxSize}");
            t.HasCheckConstraint("CK_Queues_ServiceSlots", $"\"ServiceSlots\" BETWEEN 1 AND {QueueLimits.MaxServiceSlots}");
            t.HasCheckConstraint("CK_Queues_GraceTime", $"\"GraceTimeSeconds\" BETWEEN 1 AND {QueueLimits.MaxSeconds}");
            t.HasCheckConstraint("CK_Queues_CallTimeout", $"\"CallTimeoutSeconds\" BETWEEN 1 AND {QueueLimits.MaxSeconds}");
            t.HasCheckConstraint("CK_Queues_DefaultService", $"\"DefaultServiceSeconds\" BETWEEN 1 AND {QueueLimits.MaxSeconds}");
            t.HasCheckConstraint("CK_Queues_LastTicketNumber", "\"LastTicketNumber\" >= 0");
        });
    }
}

internal sealed class QueueStaffConfiguration : IEntityTypeConfiguration<QueueStaff>
{
    public void Configure(EntityTypeBuilder<QueueStaff> b)
    {
        b.ToTable("QueueStaff");
        b.HasKey(x => new { x.QueueId, x.UserId });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class CounterPresenceConfiguration : IEntityTypeConfiguration<CounterPresence>
{
    public void Configure(EntityTypeBuilder<CounterPresence> b)
    {
        b.ToTable("CounterPresence");
        b.HasKey(x => new { x.QueueId, x.Slot, x.UserId });
        b.HasOne<Queue>().WithMany().HasForeignKey(x => x.QueueId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpeningHoursConfiguration : IEntityTypeConfiguration<OpeningHours>
{
    public void Configure(EntityTypeBuilder<OpeningHours> b)
    {
        b.HasIndex(x => new { x.QueueId, x.Day });
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_OpeningHours_Day", "\"Day\" BETWEEN 0 AND 6");
            // An empty window has no meaning (SPLIT.md); the owner's form refuses it, and so does the table.
            t.HasCheckConstraint("CK_OpeningHours_Window", "\"Opens\" <> \"Closes\"");
        });
    }
}

internal sealed class QueueStatusChangeConfiguration : IEntityTypeConfiguration<QueueStatusChange>
{
    public void Configure(EntityTypeBuilder<QueueStatusChange> b)
    {
        b.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ActorId).HasMaxLength(450);
        b.HasOne<Queue>().WithMany().HasForeignKey(x => x.QueueId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.QueueId, x.At });
    }
}
