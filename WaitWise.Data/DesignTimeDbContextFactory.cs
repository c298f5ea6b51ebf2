using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WaitWise.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WaitWiseDbContext>
{
    public WaitWiseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WaitWiseDbContext>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options);
}
