using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Core.Tickets;
using WaitWise.Data.Identity;

namespace WaitWise.Data.Configurations;

internal sealed class GuestConfiguration : IEntityTypeConfiguration<Guest>
{
    public void Configure(EntityTypeBuilder<Guest> b)
    {
        b.HasKey(x => x.UserId);
        b.HasOne<ApplicationUser>().WithOne().HasForeignKey<Guest>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Name).HasMaxLength(GuestDetails.NameMaxLength);
        b.Property(x => x.Email).HasMaxLength(GuestDetails.EmailMaxLength);
        b.Property(x => x.Phone).HasMaxLength(16);
        // The retention job looks for the guests of long ago.
        b.HasIndex(x => x.CreatedAt);
    }
}
