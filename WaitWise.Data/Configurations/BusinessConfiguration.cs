using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Data.Identity;

namespace WaitWise.Data.Configurations;

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> b)
    {
        b.Property(x => x.Name).HasMaxLength(Business.NameMaxLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.Property(x => x.Language).HasMaxLength(SpokenLanguages.NameMaxLength).HasDefaultValue(SpokenLanguages.Default);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OwnerId);
        b.ToTable(t => t.HasCheckConstraint("CK_Businesses_Status", $"\"Status\" IN {Sql.InList(Enum.GetValues<BusinessStatus>())}"));
    }
}
