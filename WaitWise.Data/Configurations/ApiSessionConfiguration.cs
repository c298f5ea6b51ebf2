using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Data.Identity;

namespace WaitWise.Data.Configurations;

internal sealed class ApiSessionConfiguration : IEntityTypeConfiguration<ApiSession>
{
    public void Configure(EntityTypeBuilder<ApiSession> b)
    {
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // Logout revokes the account's open sessions.
        b.HasIndex(x => x.UserId).HasFilter("\"RevokedAt\" IS NULL");
        b.ToTable(t => t.HasCheckConstraint("CK_ApiSessions_Generation", "\"Generation\" >= 1"));
    }
}
