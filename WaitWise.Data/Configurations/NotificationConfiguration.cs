using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;

namespace WaitWise.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne<QueueEntry>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Queue>().WithMany().HasForeignKey(x => x.QueueId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Recipient).HasMaxLength(256);
        b.Property(x => x.Text).HasMaxLength(QueueMessage.MaxLength);
        b.Property(x => x.LastError).HasMaxLength(1000);
        // A second row for the same message is impossible, whoever writes it.
        b.HasIndex(x => new { x.TicketId, x.Kind, x.Occurrence, x.Channel }).IsUnique();
        // The delivery worker's claim reads only what is still to send.
        b.HasIndex(x => x.DueAt).HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_Notifications_Pending");
        // The dashboard counts per queue and day.
        b.HasIndex(x => new { x.QueueId, x.CreatedAt });
    }
}

internal sealed class QueueMessageConfiguration : IEntityTypeConfiguration<QueueMessage>
{
    public void Configure(EntityTypeBuilder<QueueMessage> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne<Queue>().WithMany().HasForeignKey(x => x.QueueId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Text).HasMaxLength(QueueMessage.MaxLength);
        b.Property(x => x.ActorId).HasMaxLength(450);
        b.HasIndex(x => new { x.QueueId, x.At });
    }
}
