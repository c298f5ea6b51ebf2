using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Core.Common;
using WaitWise.Data.Idempotency;

namespace WaitWise.Data.Configurations;

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> b)
    {
        b.HasKey(x => new { x.Scope, x.Key });
        b.Property(x => x.Scope).HasMaxLength(IdempotencyKey.ScopeMaxLength);
        b.Property(x => x.Key).HasMaxLength(RequestKey.MaxLength);
        b.Property(x => x.Command).HasMaxLength(IdempotencyKey.NameMaxLength);
        b.Property(x => x.Target).HasMaxLength(IdempotencyKey.NameMaxLength);
        b.Property(x => x.Request).HasMaxLength(IdempotencyKey.NameMaxLength);
        b.Property(x => x.Outcome).HasColumnType("jsonb");
        // The retention job deletes the oldest rows first, in batches.
        b.HasIndex(x => x.CreatedAt);
    }
}
