using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WaitWise.Core.Common;
using WaitWise.Data.Identity;

namespace WaitWise.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(x => x.Language).HasMaxLength(SpokenLanguages.NameMaxLength);
    }
}
